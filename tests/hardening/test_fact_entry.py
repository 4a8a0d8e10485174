"""Facts are checked at entry: patterns under a timeout, no invisible or disguising characters,
no number past what a fact holds; `validate` warns about patterns that backtrack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisplay.playbook.facts import coerce
from crisisplay.playbook.model import Fact
from crisisplay.playbook.types import LocalText
from tests.conftest import Cli

RENDER = ("render", "local-outage", "holding", "--lang", "en", "--channel", "sms", "--sample")
BAD_PATTERN = r"^(\d+\s*,?\s*)+$"


@pytest.fixture
def backtracking_home(home_copy: Path) -> Path:
    scenario = home_copy / "playbooks" / "scenarios" / "local-outage.yaml"
    text = scenario.read_text(encoding="utf-8")
    good = r"'^(?:\d{2,3}|2[AB])(?:\s*,\s*(?:\d{2,3}|2[AB]))*$'"
    assert good in text
    scenario.write_text(text.replace(good, f"'{BAD_PATTERN}'"), encoding="utf-8")
    return home_copy


def test_the_reported_pattern_answers_at_once(cli: Cli, backtracking_home: Path) -> None:
    # 49.6 s with re; the regex module needs no backtracking for it
    ran = cli(*RENDER, "--set", "departments=" + "1" * 28 + "x", home=backtracking_home)
    assert ran.exit_code == 2
    assert "--set departments: fact 'departments':" in ran.stderr
    assert "does not match the expected form" in ran.stderr


def test_a_backtracking_pattern_stops_at_the_timeout_naming_the_fact(
    cli: Cli, backtracking_home: Path
) -> None:
    scenario = backtracking_home / "playbooks" / "scenarios" / "local-outage.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace(BAD_PATTERN, r"^(?:(\d|\d)+|\d+, \d+)$"), encoding="utf-8")
    ran = cli(*RENDER, "--set", "departments=" + "1" * 40 + "x", home=backtracking_home)
    assert ran.exit_code == 2
    assert "--set departments: fact 'departments': checking the answer" in ran.stderr
    assert "took over 0.25 s" in ran.stderr


def test_the_same_pattern_still_accepts_a_good_answer(cli: Cli, backtracking_home: Path) -> None:
    assert cli(*RENDER, "--set", "departments=29, 22", home=backtracking_home).exit_code == 0


def test_validate_warns_about_nested_quantifiers_and_stays_valid(
    cli: Cli, backtracking_home: Path
) -> None:
    text = cli("validate", home=backtracking_home)
    assert text.exit_code == 0, text.stdout
    [line] = [line for line in text.stdout.splitlines() if "nested quantifiers" in line]
    assert "warning:" in line and r"(\d+\s*,?\s*)+" in line
    assert "local-outage.yaml:52:" in line and "facts[1].pattern" in line
    data = json.loads(cli("validate", "--format", "json", home=backtracking_home).stdout)
    assert data["ok"] is True and not [p for p in data["problems"] if p["level"] == "error"]
    patterns = [p for p in data["problems"] if "nested quantifiers" in p["message"]]
    assert [(p["path"], p["level"]) for p in patterns] == [("facts[1].pattern", "warning")]


def test_the_bundled_home_has_no_pattern_warning(cli: Cli) -> None:
    data = json.loads(cli("validate", "--format", "json").stdout)
    assert not [p for p in data["problems"] if "nested quantifiers" in p["message"]]


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
        ("\x1b", "U+001B"),
        ("\U000e0041", "U+E0041 (TAG LATIN CAPITAL LETTER A)"),
        ("\x85", "U+0085"),
        ("\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ],
)
def test_set_refuses_hidden_characters_in_a_fact(cli: Cli, char: str, named: str) -> None:
    ran = cli(*RENDER, "--set", f"region=Fin{char}istère")
    assert ran.exit_code == 2
    assert f"--set region: fact 'region': the text holds {named} at character 4" in ran.stderr


def test_a_facts_file_with_a_bidi_override_names_its_line(cli: Cli, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text('cities: Brest\nregion: "Fin\\u202eistère"\n', encoding="utf-8")
    ran = cli(*RENDER, "--facts", str(facts))
    assert ran.exit_code == 2 and f"{facts}:2:9: fact 'region'" in ran.stderr


@pytest.mark.parametrize("value", ["9" * 400, "1e308", "inf", "-inf", "-1e16"])
def test_numbers_past_what_a_fact_holds_exit_2(cli: Cli, value: str) -> None:
    ran = cli(*RENDER, "--set", f"customers_affected={value}")
    assert ran.exit_code == 2 and "not a finite number up to 1e+15" in ran.stderr


def test_an_infinite_yaml_number_in_a_facts_file_names_its_line(cli: Cli, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text("cities: Brest\ncustomers_affected: .inf\n")
    ran = cli(*RENDER, "--facts", str(facts))
    assert ran.exit_code == 2 and f"{facts}:2:21: fact 'customers_affected'" in ran.stderr


def test_a_huge_yaml_integer_in_a_facts_file_names_its_line(cli: Cli, tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text("customers_affected: " + "9" * 400 + "\n")
    ran = cli(*RENDER, "--facts", str(facts))
    assert ran.exit_code == 2 and f"{facts}:1:21:" in ran.stderr
    assert "400 digits" in ran.stderr


def test_coerce_keeps_tabs_newlines_and_typography() -> None:
    fact = Fact(id="note", type="text", question=LocalText.from_yaml("Note?"))
    assert coerce(fact, "Brest – « centre »\tnord") == "Brest – « centre »\tnord"
