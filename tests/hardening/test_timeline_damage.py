"""A complete last line with bad bytes is damage, like the same flip anywhere else; only a line
a crash could have left (no newline yet, zeros, a prefix) is a torn write to repair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisplay.errors import TimelineError
from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.store import TimelineStore, read_events
from tests.conftest import Cli
from tests.report.conftest import CRAFTED, at, sealed, write


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    return write(tmp_path / "t.jsonl", sealed(CRAFTED))


def _flip_utf8(timeline: Path, line_index: int) -> bytes:
    lines = timeline.read_bytes().splitlines(keepends=True)
    target = bytearray(lines[line_index])
    target[len(target) // 2] = 0xFF  # never valid in UTF-8
    lines[line_index] = bytes(target)
    data = b"".join(lines)
    timeline.write_bytes(data)
    return data


@pytest.mark.parametrize("where", ["last", "first", "middle"])
def test_an_invalid_byte_in_a_complete_line_is_damage(cli: Cli, timeline: Path, where: str) -> None:
    count = len(CRAFTED)
    index = {"last": count - 1, "first": 0, "middle": count // 2}[where]
    data = _flip_utf8(timeline, index)
    verified = cli("timeline", "verify", "--timeline", str(timeline), "--format", "json")
    assert verified.exit_code == 1
    result = json.loads(verified.stdout)
    assert result["first_bad_seq"] == index + 1 and "not a JSON line" in result["reason"]
    report = cli("report", "--timeline", str(timeline))
    assert report.exit_code == 2 and f"damaged at seq {index + 1}" in report.stderr
    assert "incomplete" not in report.stderr
    with pytest.raises(TimelineError, match="refusing to write to it"):
        TimelineStore(timeline).append(
            NewEvent("note.added", "x", None, {"text": "t"}, at("11:00"))
        )
    assert timeline.read_bytes() == data
    assert not timeline.with_name("t.jsonl.broken").exists()


def test_a_prefix_without_its_newline_is_still_a_torn_write(timeline: Path) -> None:
    with timeline.open("ab") as file:
        file.write(b'{"actor":"bob","hash":"12')
    assert read_events(timeline).torn_tail == b'{"actor":"bob","hash":"12'


def test_a_crlf_converted_timeline_says_so(cli: Cli, timeline: Path) -> None:
    timeline.write_bytes(timeline.read_bytes().replace(b"\n", b"\r\n"))
    ran = cli("timeline", "verify", "--timeline", str(timeline))
    assert ran.exit_code == 1
    assert (
        "BROKEN at seq 1: line 1: the line ends with CR LF" in ran.stdout
        and "dos2unix" in ran.stdout
    )
