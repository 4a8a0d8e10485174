"""Filters and exports: Markdown escaped, CSV formula-safe, JSON exact and terminal-safe."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import pytest

from crisisplay.errors import UsageError
from crisisplay.timeline.events import GENESIS, Event, NewEvent, seal
from crisisplay.timeline.export import (
    EventFilter,
    details,
    make_filter,
    parse_bound,
    select,
    to_csv,
    to_json,
    to_markdown,
)

UTC = timezone.utc


def chain(*specs: tuple[str, str, str, str]) -> list[Event]:
    """Events from (time HH:MM on 23 Nov, or full ISO, kind, actor, text)."""
    events: list[Event] = []
    prev = GENESIS
    for seq, (when, kind, actor, text) in enumerate(specs, start=1):
        at = datetime.fromisoformat(when if "T" in when else f"2026-11-23T{when}:00+00:00")
        event, _ = seal(
            NewEvent(kind, actor, None, {"text": text}, at), seq=seq, prev=prev, incident="inc"
        )
        events.append(event)
        prev = event.hash
    return events


EVENTS = chain(
    ("22:50", "incident.activated", "alice", "go"),
    ("23:10", "fact.set", "bob", "region=Lyon"),
    ("2026-11-24T00:20:00+00:00", "fact.corrected", "Alice", "region=Lille"),
    ("2026-11-24T01:05:00+00:00", "note.added", "carol", "calls x3"),
)


def seqs(chosen: EventFilter) -> list[int]:
    return [e.seq for e in select(EVENTS, chosen)]


def test_kind_is_a_prefix_and_repeatable() -> None:
    assert seqs(make_filter(["fact"], None, None, None, EVENTS)) == [2, 3]
    assert seqs(make_filter(["fact.set", "note"], None, None, None, EVENTS)) == [2, 4]


def test_actor_ignores_case() -> None:
    assert seqs(make_filter([], "alice", None, None, EVENTS)) == [1, 3]


def test_clock_times_are_read_against_the_last_event_across_midnight() -> None:
    assert seqs(make_filter([], None, "23:00", None, EVENTS)) == [2, 3, 4]
    assert seqs(make_filter([], None, "00:00", "01:00", EVENTS)) == [3]
    assert seqs(make_filter([], None, "2026-11-24T00:20Z", None, EVENTS)) == [3, 4]
    assert seqs(make_filter([], None, None, "2026-11-23T23:10:00", EVENTS)) == [1, 2]


def test_a_bad_time_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--since 'yesterday' is neither an ISO time nor HH:MM"):
        parse_bound("yesterday", datetime(2026, 11, 23, tzinfo=UTC), "--since")


def test_details_show_the_text_or_the_payload() -> None:
    assert details(EVENTS[0]) == "go"
    event, _ = seal(
        NewEvent(
            "fact.set",
            "a",
            None,
            {"key": "region", "value": "Lyon"},
            datetime(2026, 1, 1, tzinfo=UTC),
        ),
        seq=1,
        prev=GENESIS,
        incident="i",
    )
    assert details(event) == '{"key": "region", "value": "Lyon"}'


HOSTILE = [
    '=HYPERLINK("http://evil","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tcmd",
    "\rcmd",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_never_start_a_formula(text: str) -> None:
    events = chain(("10:00", "note.added", text, text))
    rows = list(csv.reader(io.StringIO(to_csv(events))))
    assert rows[0] == ["seq", "time", "incident", "kind", "actor", "role", "details", "hash"]
    actor, text_cell = rows[1][4], rows[1][6]
    for cell in (actor, text_cell):
        assert cell.startswith("'"), cell
        assert cell[1:].replace("\ufffd", "\r") == text


def test_markdown_cells_cannot_break_the_table_or_become_links() -> None:
    events = chain(("10:00", "note.added", "eve|x", "a | b\nsecond [line](javascript:x) <b>&"))
    row = to_markdown(events).splitlines()[2]
    assert row.count(" | ") == 5
    assert r"a \| b<br>second \[line\](javascript:x) \<b\>\&" in row
    assert r"eve\|x" in row


def test_json_export_is_exact_and_keeps_controls_escaped() -> None:
    text = "CSI \x1b[2J C1 \x9b31m bidi \u202e ok é"
    events = chain(("10:00", "note.added", "alice", text))
    out = to_json(events)
    assert json.loads(out) == [e.as_json() for e in events]
    for raw in ("\x1b", "\x9b", "\u202e"):
        assert raw not in out
    assert "\\u009b" in out and "\\u202e" in out and "é" in out
