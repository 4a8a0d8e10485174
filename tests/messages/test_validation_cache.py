"""`validate` keeps what it found in each scenario's templates, and never serves it stale.

A second run on an unchanged home reads the scenarios' findings back; a changed template, a
changed scenario or the same files in another folder are checked again; `CRISISPLAY_NO_CACHE`
checks everything every time.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisisplay.home import Home
from crisisplay.messages import validation
from crisisplay.messages.validation import check_templates
from crisisplay.messages.validation_cache import validation_cache
from crisisplay.playbook.load import load_playbook
from tests.messages.conftest import write_template


@pytest.fixture
def home(home_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled home with two scenarios, and a cache of its own."""
    for path in (home_copy / "playbooks/scenarios").glob("*.yaml"):
        if path.stem not in ("nationwide-outage", "local-outage"):
            path.unlink()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return home_copy


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The scenarios whose templates were actually checked (not read back)."""
    seen: list[str] = []
    original = validation._check_scenario

    def counting(playbook, scenario, doc):  # type: ignore[no-untyped-def]
        seen.append(scenario.id)
        return original(playbook, scenario, doc)

    monkeypatch.setattr(validation, "_check_scenario", counting)
    return seen


def _problems(home: Path) -> list[str]:
    return [str(p) for p in check_templates(load_playbook(Home(home)))]


def test_an_unchanged_home_is_read_back_and_says_the_same(home: Path, checked: list[str]) -> None:
    write_template(home, "nationwide-outage/ivr/ivr.en.j2", "Hello.\n\n{{ region }}\n")
    first = _problems(home)
    assert sorted(checked) == ["local-outage", "nationwide-outage"]
    assert first and first[0].startswith("templates/nationwide-outage/ivr/ivr.en.j2:3:")
    checked.clear()
    assert _problems(home) == first
    assert checked == []


def test_a_changed_template_is_checked_again(home: Path, checked: list[str]) -> None:
    assert _problems(home) == []
    write_template(home, "nationwide-outage/ivr/ivr.en.j2", "Hello.\n\n{{ region }}\n")
    checked.clear()
    problems = _problems(home)
    assert problems and "unknown variable" in problems[0]
    assert sorted(checked) == ["local-outage", "nationwide-outage"]  # any template: all again


def test_a_changed_scenario_alone_is_checked_again(home: Path, checked: list[str]) -> None:
    assert _problems(home) == []
    scenario = home / "playbooks/scenarios/local-outage.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8") + "\n# reviewed\n", encoding="utf-8")
    checked.clear()
    assert _problems(home) == []
    assert checked == ["local-outage"]


def test_the_same_files_elsewhere_are_checked_for_their_own_paths(
    home: Path, tmp_path: Path, checked: list[str]
) -> None:
    assert _problems(home) == []
    moved = tmp_path / "moved"
    home.rename(moved)
    checked.clear()
    assert _problems(moved) == []
    assert sorted(checked) == ["local-outage", "nationwide-outage"]


def test_no_cache_checks_everything_every_time(
    home: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRISISPLAY_NO_CACHE", "1")
    assert validation_cache(load_playbook(Home(home))) is None
    _problems(home)
    _problems(home)
    assert sorted(checked) == ["local-outage"] * 2 + ["nationwide-outage"] * 2
    assert "CRISISPLAY_NO_CACHE" in os.environ
