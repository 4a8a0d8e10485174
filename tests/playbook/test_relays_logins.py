"""The organisation file's relays name scenarios of the home, and no two people share a login."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli


def _edit(home: Path, old: str, new: str) -> None:
    org = home / "playbooks" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    assert old in text
    org.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_relay_briefed_in_an_unknown_scenario_is_named(cli: Cli, home_copy: Path) -> None:
    _edit(home_copy, "scenarios: [local-outage, nationwide-outage]", "scenarios: [local-outtage]")
    ran = cli("validate", home=home_copy)
    said = ran.stdout + ran.stderr
    assert ran.exit_code == 0  # a warning: a home may drop a scenario its relays still name
    assert "organisation.yaml:" in said and "unknown scenario 'local-outtage'" in said
    assert "warning" in said


def test_two_people_with_one_login_are_refused(cli: Cli, home_copy: Path) -> None:
    _edit(home_copy, "login: croux ", "login: yann-le-goff ")
    ran = cli("validate", home=home_copy)
    assert ran.exit_code == 1
    said = ran.stdout + ran.stderr
    assert "duplicate login" in said and "yann-le-goff" in said
