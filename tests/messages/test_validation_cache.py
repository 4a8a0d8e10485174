"""`validate` keeps what it found in each scenario's templates, and never serves it stale.

A second run on an unchanged home reads the scenarios' findings back; a changed template, a
changed scenario or the same files in another folder are checked again; `CRISISPLAY_NO_CACHE`
checks everything every time.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisisplay.errors import Location, Problem
from crisisplay.home import Home
from crisisplay.messages import validation
from crisisplay.messages.validation import check_templates
from crisisplay.messages.validation_cache import validation_cache
from crisisplay.playbook.load import load_playbook
from tests.messages.conftest import write_template


@pytest.fixture
def home(home_copy: Path) -> Path:
    """A copy of the bundled home with two scenarios (its own folder: its own entries)."""
    for path in (home_copy / "playbooks/scenarios").glob("*.yaml"):
        if path.stem not in ("nationwide-outage", "local-outage"):
            path.unlink()
    return home_copy


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The scenarios whose templates were checked (not read back). The check itself is
    stood in for (rendering a scenario takes seconds; what is tested is what is kept): it
    finds one problem of each kind and level, which must come back the same."""
    seen: list[str] = []

    def standing_in(playbook, scenario, doc):  # type: ignore[no-untyped-def]
        seen.append(scenario.id)
        where = Location(f"templates/{scenario.id}/ivr/ivr.en.j2", 3, 7)
        return [
            Problem(f"{scenario.id}: unknown variable « région »", where, ("messages", 2)),
            Problem("no line", Location("playbooks/organisation.yaml"), level="warning"),
            Problem("nowhere"),
        ]

    monkeypatch.setattr(validation, "_check_scenario", standing_in)
    monkeypatch.setattr(validation, "_check_compiles", lambda playbook: [])
    return seen


def _found(home: Path) -> list[Problem]:
    return check_templates(load_playbook(Home(home)))


def test_a_real_finding_is_read_back_as_it_was_found(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / "playbooks/scenarios/nationwide-outage.yaml").unlink()
    write_template(home, "local-outage/holding/facebook.fr.j2", "Panne.\n\n{{ region }}\n")
    first = _found(home)
    assert first and str(first[0]).startswith("templates/local-outage/holding/facebook.fr.j2")
    monkeypatch.setattr(validation, "_check_scenario", None)  # read back, or it fails
    assert _found(home) == first


def test_an_unchanged_home_is_read_back_and_says_the_same(home: Path, checked: list[str]) -> None:
    first = _found(home)
    assert sorted(checked) == ["local-outage", "nationwide-outage"]
    checked.clear()
    assert _found(home) == first
    assert checked == []


def test_a_changed_template_is_checked_again(home: Path, checked: list[str]) -> None:
    _found(home)
    write_template(home, "nationwide-outage/ivr/ivr.en.j2", "Hello.\n\n{{ region }}\n")
    checked.clear()
    _found(home)
    assert sorted(checked) == ["local-outage", "nationwide-outage"]  # any template: all again


def test_a_changed_organisation_is_checked_again(home: Path, checked: list[str]) -> None:
    _found(home)
    organisation = home / "playbooks/organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + "\n# reviewed\n")
    checked.clear()
    _found(home)
    assert sorted(checked) == ["local-outage", "nationwide-outage"]


def test_a_changed_scenario_alone_is_checked_again(home: Path, checked: list[str]) -> None:
    _found(home)
    scenario = home / "playbooks/scenarios/local-outage.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    checked.clear()
    _found(home)
    assert checked == ["local-outage"]


def test_the_same_files_elsewhere_are_checked_for_their_own_paths(
    home: Path, tmp_path: Path, checked: list[str]
) -> None:
    _found(home)
    moved = tmp_path / "moved"
    home.rename(moved)
    checked.clear()
    _found(moved)
    assert sorted(checked) == ["local-outage", "nationwide-outage"]


def test_no_cache_checks_everything_every_time(
    home: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRISISPLAY_NO_CACHE", "1")
    assert validation_cache(load_playbook(Home(home))) is None
    _found(home)
    _found(home)
    assert sorted(checked) == ["local-outage"] * 2 + ["nationwide-outage"] * 2
    assert "CRISISPLAY_NO_CACHE" in os.environ
