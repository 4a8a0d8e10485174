"""`crisisplay timeline show|verify|export` and `crisisplay log decision|note`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from timeline_support import INCIDENT, Filler, stable
from typer.testing import CliRunner

from crisisplay.cli.main import app
from crisisplay.timeline.store import TimelineStore, read_events

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_log_note_and_decision_are_recorded(timeline: Path, fill: Filler) -> None:
    fill(1)
    code, out, _ = invoke(
        "log",
        "note",
        "Call centre: 3x volume",
        "-t",
        str(timeline),
        "--actor",
        "ines-haddad",
    )
    assert (code, out) == (0, "recorded #2\n")
    code, out, _ = invoke(
        "log",
        "decision",
        "Hold the release",
        "--timeline",
        str(timeline),
        env={"CRISISPLAY_ACTOR": "julie-fabre"},
    )
    assert (code, out) == (0, "recorded #3\n")
    note, decision = read_events(timeline).events[1:]
    assert (note.kind, note.actor, note.role, note.payload) == (
        "note.added",
        "ines-haddad",
        None,  # she holds no role in this incident yet
        {"text": "Call centre: 3x volume"},
    )
    assert (decision.kind, decision.actor, decision.role) == (
        "decision.logged",
        "julie-fabre",
        None,
    )
    # the role recorded is one the actor holds, and nobody is crisisplay
    code, _, err = invoke("log", "note", "x", "-t", str(timeline), "--actor", "ines-haddad",
                          "--role", "comms-director")  # fmt: skip
    assert code == 2 and "you do not hold the role comms-director" in err
    code, _, err = invoke("log", "decision", "x", "-t", str(timeline), "--actor", "crisisplay")
    assert code == 2 and "crisisplay is not a person" in err
    assert len(read_events(timeline).events) == 3
    assert decision.incident == INCIDENT


def test_log_defaults_to_the_person_the_login_names(
    timeline: Path, fill: Filler, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(1)
    monkeypatch.delenv("CRISISPLAY_ACTOR", raising=False)
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LOGNAME", "ines-haddad")  # a login that is a person's id
    assert invoke("log", "note", "x", "-t", str(timeline))[0] == 0
    assert read_events(timeline).events[-1].actor == "ines-haddad"
    monkeypatch.setenv("LOGNAME", "root")  # a login the roster maps to nobody
    code, _, err = invoke("log", "note", "x", "-t", str(timeline))
    assert code == 2 and "the login root is no person of the roster" in err and "--actor" in err
    assert len(read_events(timeline).events) == 2


def test_logging_to_a_missing_timeline_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.jsonl"
    code, out, err = invoke("log", "note", "x", "-t", str(missing))
    assert code == 2 and out == ""
    assert err == (
        f"error: no timeline at {missing} "
        "(start one with `crisisplay activate`, or give --timeline FILE)\n"
    )
    assert not missing.exists()


def test_an_empty_text_is_a_usage_error(timeline: Path, fill: Filler) -> None:
    fill(1)
    assert invoke("log", "decision", "  ", "-t", str(timeline), "--actor", "ines-haddad")[::2] == (
        2,
        "error: the text to record is empty\n",
    )


def test_verify_text_and_json(timeline: Path, fill: Filler) -> None:
    events = fill(3)
    code, out, _ = invoke("timeline", "verify", "-t", str(timeline))
    assert code == 0
    assert out.splitlines() == [
        f"ok: 3 events, head {events[-1].hash}",
        f"head to write down: 3:{events[-1].hash[:16]}",
        "signatures: 3 unsigned (#1-#3)",
        "witness: none found for this incident (give a head written down with --expect SEQ:HASH)",
    ]
    code, out, _ = invoke("timeline", "verify", "-t", str(timeline), "--format", "json")
    assert code == 0 and stable(json.loads(out)) == {
        "ok": True,
        "events": 3,
        "head": events[-1].hash,
    }
    timeline.write_bytes(timeline.read_bytes().replace(b"note 2", b"note 7"))
    code, out, _ = invoke("timeline", "verify", "-t", str(timeline))
    assert (code, out.splitlines()[0]) == (
        1,
        "BROKEN at seq 2: line 2: hash does not match the event's content (edited or corrupted)",
    )
    code, out, _ = invoke("timeline", "verify", "-t", str(timeline), "-f", "json")
    assert code == 1 and stable(json.loads(out)) == {
        "ok": False,
        "first_bad_seq": 2,
        "reason": "line 2: hash does not match the event's content (edited or corrupted)",
    }


def test_verify_of_a_missing_file_cannot_run(tmp_path: Path) -> None:
    code, _, err = invoke("timeline", "verify", "-t", str(tmp_path / "x.jsonl"))
    assert code == 2 and err.startswith("error: no timeline at ")


def test_show_and_export_warn_of_a_torn_tail_without_touching_it(
    timeline: Path, fill: Filler, tmp_path: Path
) -> None:
    fill(2)
    with timeline.open("ab") as file:
        file.write(b'{"act')
    before = timeline.read_bytes()
    code, out, err = invoke("timeline", "show", "-t", str(timeline))
    assert code == 0 and "note 2" in out
    assert "the last line is incomplete (5 bytes)" in err
    target = tmp_path / "out.csv"
    code, out, err = invoke(
        "timeline", "export", "-t", str(timeline), "-f", "csv", "-o", str(target)
    )
    assert code == 0 and out == "" and "incomplete" in err
    assert target.read_bytes().count(b"\r\n") == 3
    assert timeline.read_bytes() == before


def test_show_of_a_damaged_timeline_names_the_line(timeline: Path, fill: Filler) -> None:
    fill(3)
    timeline.write_bytes(timeline.read_bytes().replace(b"note 2", b"note 7"))
    code, _, err = invoke("timeline", "show", "-t", str(timeline))
    assert code == 2
    assert err.startswith(f"error: {timeline}:2: the timeline is damaged at seq 2: ")


def test_export_filters(timeline: Path, fill: Filler) -> None:
    fill(4)
    code, out, _ = invoke(
        "timeline",
        "export",
        "-t",
        str(timeline),
        "-f",
        "json",
        "-k",
        "note",
        "--since",
        "15:00:03"[:5],
    )
    assert code == 0 and [e["seq"] for e in json.loads(out)] == [2, 3, 4]
    code, _, err = invoke("timeline", "export", "-t", str(timeline), "--until", "soon")
    assert code == 2 and "--until 'soon' is neither an ISO time nor HH:MM" in err


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "show"],
        ["timeline", "verify"],
        ["timeline", "export"],
        ["log", "note"],
        ["log", "decision"],
        ["timeline"],
        ["log"],
    ],
)
def test_every_command_has_help_with_an_example(args: list[str]) -> None:
    code, out, _ = invoke(*args, "--help")
    assert code == 0 and "Example" in out


# -- terminal injection -------------------------------------------------------------------------

INJECTIONS = {
    "CSI clear screen": "\x1b[2J",
    "OSC 8 hyperlink": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "C1 CSI": "\x9b31m",
    "bidi override": "\u202etxt.exe",
}
RAW = [b"\x1b[2J", b"\x1b]8;", b"\x1b]52;", "\x9b".encode(), "\u202e".encode()]


def hostile_timeline(path: Path) -> None:
    from datetime import datetime, timezone

    from crisisplay.timeline.events import NewEvent

    store = TimelineStore(path, incident="inc\x1b[2J")
    at = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
    for name, seq in INJECTIONS.items():
        store.append(NewEvent("note.added", f"eve{seq}", seq, {"text": f"{name}: {seq} end"}, at))


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "forced-colour"])
@pytest.mark.parametrize(
    "command",
    [
        ["timeline", "show"],
        ["timeline", "export", "--format", "md"],
        ["timeline", "export", "--format", "csv"],
    ],
)
def test_escape_sequences_never_reach_the_output_raw(
    timeline: Path, command: list[str], colour: bool
) -> None:
    hostile_timeline(timeline)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    if colour:
        env |= {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "crisisplay", *command, "-t", str(timeline)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"end" in done.stdout
    for raw in RAW:
        assert raw not in done.stdout and raw not in done.stderr, raw
    if not colour:
        assert b"\x1b" not in done.stdout


def test_logging_after_a_crash_repairs_first(timeline: Path, fill: Filler) -> None:
    fill(2)
    with timeline.open("ab") as file:
        file.write(b'{"actor":"bob","ha')
    code, out, _ = invoke(
        "log", "note", "back online", "-t", str(timeline), "--actor", "ines-haddad"
    )
    assert (code, out) == (0, "recorded #4\n")
    assert [e.kind for e in read_events(timeline).events][2:] == ["timeline.repaired", "note.added"]
