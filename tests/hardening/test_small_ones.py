"""The small holes: ids matched whole, YAML tags that must fit their values, misspelt answers
fields refused instead of silently ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.errors import InputError
from crisisplay.playbook.yamlio import parse_yaml
from crisisplay.prompts import load_answers
from tests.conftest import ROOT, Cli

ANSWERS = ROOT / "playbooks" / "answers" / "local-outage.yaml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!int abc", "f.yaml:1:4: a: 'abc' is not a whole number, as its !!int tag says"),
        ("a: !!bool maybe", "f.yaml:1:4: a: 'maybe' is not true or false, as its !!bool tag says"),
        ("a: !!float x1", "f.yaml:1:4: a: 'x1' is not a number, as its !!float tag says"),
        ("a: !!binary aGVsbG8=", "f.yaml:1:4: a: the !!binary tag is not supported"),
        ("a:\n  - !!null nothing", "f.yaml:2:5: a[0]: 'nothing' is not null, as its !!null"),
    ],
)
def test_explicit_tags_must_fit_their_values(text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_yaml(text, "f.yaml")
    assert str(raised.value).startswith(message)


def test_explicit_tags_that_fit_are_read_as_they_say() -> None:
    data = parse_yaml('a: !!int "12"\nb: !!str 12\nc: !!float 3\nd: !!bool true\ne: yes', "f")
    assert data.data == {"a": 12, "b": "12", "c": 3.0, "d": True, "e": "yes"}


def test_an_id_followed_by_a_newline_is_not_an_id(cli: Cli, home_copy: Path) -> None:
    scenario = home_copy / "playbooks" / "scenarios" / "local-outage.yaml"
    text = scenario.read_text(encoding="utf-8")
    assert "  - id: holding\n" in text
    scenario.write_text(text.replace("  - id: holding\n", '  - id: "holding\\n"\n', 1), "utf-8")
    ran = cli("validate", home=home_copy)
    assert ran.exit_code == 1
    assert "'holding\\n' is not a valid id" in ran.stdout


def test_a_misspelt_answers_field_is_refused_with_its_line(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    text = ANSWERS.read_text(encoding="utf-8")
    line = "  confirm-alert:\n    decision: do\n"
    assert line in text
    answers.write_text(text.replace(line, line + "    coment: lost\n", 1), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_answers(answers)
    message = str(raised.value)
    assert "unknown answers field 'coment' (did you mean 'comment'?)" in message
    row = text.splitlines().index("  confirm-alert:") + 3
    assert raised.value.location is not None and raised.value.location.line == row


def test_a_misspelt_answers_group_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("facts: {}\nmessage:\n  holding: publish\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown answers group 'message' \(did you mean"):
        load_answers(answers)


def test_every_bundled_answers_file_uses_known_groups_and_fields() -> None:
    files = sorted((ROOT / "playbooks" / "answers").glob("*.yaml"))
    assert files
    for file in files:
        load_answers(file)
