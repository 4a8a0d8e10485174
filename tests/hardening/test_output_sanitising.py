"""Every text that leaves crisisplay is inert: no raw escape sequence, C1 control, bidi, zero-width
or tag character reaches the terminal from a report on stdout or from any JSON output, and a
rendered or checked text that holds one gets a finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.report.conftest import CRAFTED, sealed, write

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # a clipboard write
OSC8 = "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\"
HIDDEN = "\x9b31m \x85 \u202e \u2066 \u200b \U000e0041 \ufeff"
RAW = ("\x1b", "\x9b", "\x85", "\u202e", "\u2066", "\u200b", "\U000e0041", "\ufeff")
ACTOR = f"eve{OSC8}"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    rows = []
    changes = {
        "incident.activated": {"title": f"Outage {HIDDEN}"},
        "fact.set": {"value": f"Lyon {OSC52} {HIDDEN}"},
    }
    for clock, kind, actor, role, payload in CRAFTED:
        changed = {**payload, **changes.get(kind, {})}
        rows.append((clock, kind, ACTOR if kind == "note.added" else actor, role, changed))
    rows.append(("11:30", "note.added", ACTOR, None, {"text": f"note {OSC52} {HIDDEN}"}))
    return write(tmp_path / "t.jsonl", sealed(rows))


def _inert(text: str) -> None:
    found = [f"U+{ord(c):04X}" for c in RAW if c in text]
    assert not found, f"raw {found} in the output"


def test_the_html_report_on_stdout_is_inert(cli: Cli, hostile: Path) -> None:
    ran = cli("report", "--format", "html", "--timeline", str(hostile))
    assert ran.exit_code == 0, ran.stderr
    _inert(ran.stdout)
    assert "&#x202e;" in ran.stdout and "&#x1b;]52;" in ran.stdout  # kept, as references


@pytest.mark.parametrize(
    "command",
    [
        ("report", "--format", "json"),
        ("timeline", "export", "--format", "json"),
        ("status", "--format", "json"),
        ("timeline", "verify", "--format", "json"),
    ],
    ids=" ".join,
)
def test_json_outputs_escape_hidden_characters_and_lose_nothing(
    cli: Cli, hostile: Path, command: tuple[str, ...]
) -> None:
    ran = cli(*command, "--timeline", str(hostile))
    assert ran.exit_code == 0, ran.stderr
    _inert(ran.stdout)
    document = json.loads(ran.stdout)
    if command[:2] in (("report", "--format"), ("timeline", "export")):
        assert HIDDEN in json.dumps(document, ensure_ascii=False)


def test_check_json_escapes_and_flags_every_hidden_character(cli: Cli) -> None:
    text = f"Service restored {HIDDEN}"
    ran = cli("check", "--channel", "sms", "--format", "json", text)
    _inert(ran.stdout)
    result = json.loads(ran.stdout)
    assert result["text"] == text
    flagged = [f for f in result["findings"] if f["rule"] == "text.hidden-char"]
    assert [text[f["start"]] for f in flagged] == [c for c in RAW if c != "\x1b"]
    assert ran.exit_code == 1 and result["ok"] is False


def test_an_emoji_sequence_is_not_flagged(cli: Cli) -> None:
    ran = cli("check", "--channel", "bluesky", "--format", "json", "Thanks 👨‍👩‍👧 👍🏽")
    assert ran.exit_code == 0
    assert not [f for f in json.loads(ran.stdout)["findings"] if f["rule"] == "text.hidden-char"]


def test_the_terminal_shows_placeholders_not_controls(cli: Cli, hostile: Path) -> None:
    ran = cli("timeline", "show", "--timeline", str(hostile))
    assert ran.exit_code == 0
    _inert(ran.stdout)
