"""The event format, version 1: time, canonical encoding, hash, and parsing a line."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest

from crisisplay.errors import TimelineError
from crisisplay.timeline.events import (
    GENESIS,
    Event,
    NewEvent,
    canonical_line,
    event_from_line,
    format_time,
    parse_time,
    seal,
)
from tests.conftest import ROOT

UTC = timezone.utc
AT = datetime(2026, 11, 23, 15, 13, 4, 120999, tzinfo=UTC)


def sealed(
    payload: dict[str, object] | None = None, *, kind: str = "note.added", actor: str = "alice"
) -> tuple[Event, bytes]:
    new = NewEvent(
        kind,
        actor,
        "lead",
        payload if payload is not None else {"text": "Réseau dégradé à Lyon"},
        AT,
    )
    return seal(new, seq=1, prev=GENESIS, incident="inc-1")


def test_time_is_utc_with_milliseconds_and_z() -> None:
    assert format_time(AT) == "2026-11-23T15:13:04.120Z"
    paris = AT.astimezone(timezone(timedelta(hours=1)))
    assert format_time(paris) == "2026-11-23T15:13:04.120Z"
    assert format_time(datetime(2999, 12, 31, 23, 59, tzinfo=UTC)) == "2999-12-31T23:59:00.000Z"


def test_times_outside_1970_to_2999_are_neither_written_nor_read() -> None:
    # datetime arithmetic (deadlines, "since", local zones) overflows near years 1 and 9999
    for year in (1, 999, 1969, 3000, 9999):
        with pytest.raises(ValueError, match="from 1970 to 2999"):
            format_time(datetime(year, 6, 1, tzinfo=UTC))
        with pytest.raises(ValueError, match="not an event time"):
            parse_time(f"{year:04d}-06-01T00:00:00.000Z")


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_time(datetime(2026, 11, 23, 15, 0))


def test_parse_time_inverts_format_time_and_refuses_other_forms() -> None:
    assert parse_time("2026-11-23T15:13:04.120Z") == AT.replace(microsecond=120000)
    for bad in ("2026-11-23T15:13:04Z", "2026-11-23T15:13:04.120+00:00", "15:13", ""):
        with pytest.raises(ValueError, match="not an event time"):
            parse_time(bad)


def test_hash_is_sha256_of_the_canonical_event_without_hash() -> None:
    event, line = sealed()
    without = {k: v for k, v in event.as_json().items() if k != "hash"}
    body = json.dumps(without, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert event.hash == hashlib.sha256(body.encode("utf-8")).hexdigest()
    whole = json.dumps(event.as_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert line == whole.encode("utf-8") + b"\n" == canonical_line(event)
    assert event.v == 1 and event.seq == 1 and event.prev == GENESIS
    assert event.time == "2026-11-23T15:13:04.120Z"


def test_payload_is_copied_as_a_reader_will_see_it() -> None:
    payload: dict[str, object] = {"regions": ("Lyon", "Lille"), "count": 3}
    event, _ = sealed(payload)
    payload["count"] = 4
    assert event.payload == {"regions": ["Lyon", "Lille"], "count": 3}


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"ratio": float("nan")}, "not plain JSON"),
        ({"when": datetime(2026, 1, 1, tzinfo=UTC)}, "not plain JSON"),
        ({"text": "\ud800"}, "not plain JSON"),
    ],
)
def test_payload_that_is_not_json_is_refused(payload: dict[str, object], message: str) -> None:
    with pytest.raises(TimelineError, match=message):
        sealed(payload)


@pytest.mark.parametrize(
    ("kind", "actor", "message"),
    [
        ("note", "alice", "is not dotted"),
        ("Note.Added", "alice", "is not dotted"),
        ("note.added", " ", "actor is empty"),
    ],
)
def test_bad_new_events_are_refused(kind: str, actor: str, message: str) -> None:
    with pytest.raises(TimelineError, match=message):
        sealed(kind=kind, actor=actor)


def test_naive_new_event_time_is_refused() -> None:
    new = NewEvent("note.added", "a", None, {}, datetime(2026, 1, 1))
    with pytest.raises(TimelineError, match="timezone-aware"):
        seal(new, seq=1, prev=GENESIS, incident="i")


def test_a_line_parses_back_to_the_same_event() -> None:
    event, line = sealed()
    assert event_from_line(line.rstrip(b"\n"), lineno=1) == event


def mutate(line: bytes, **changes: object) -> bytes:
    obj = json.loads(line)
    obj.update(changes)
    for key in [k for k, v in changes.items() if v is ...]:
        del obj[key]
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"seq": "1"}, "seq '1' is not a positive integer"),
        ({"seq": True}, "seq True is not a positive integer"),
        ({"v": 2}, "unknown event format version 2"),
        ({"role": 3}, "role is neither a string nor null"),
        ({"payload": []}, "payload is not a JSON object"),
        ({"time": "15:13"}, "time '15:13' is not YYYY-MM-DDTHH:MM:SS.mmmZ"),
        ({"actor": ""}, "actor is not a non-empty string"),
        ({"prev": "ABC"}, "prev is not 64 lowercase hex digits"),
        ({"kind": ...}, "wrong fields (missing: ['kind'], unknown: none)"),
        ({"extra": 1}, "wrong fields (missing: none, unknown: ['extra'])"),
        ({"text": "edited"}, "wrong fields"),
    ],
)
def test_bad_lines_are_named_with_file_and_line(change: dict[str, object], message: str) -> None:
    _, line = sealed()
    with pytest.raises(TimelineError) as caught:
        event_from_line(mutate(line.rstrip(b"\n"), **change), lineno=7, source="t.jsonl")
    assert str(caught.value).startswith("t.jsonl:7: ")
    assert message in str(caught.value)


def test_an_edited_value_breaks_the_hash() -> None:
    _, line = sealed()
    edited = line.rstrip(b"\n").replace(b"Lyon", b"Lille")
    with pytest.raises(TimelineError, match="hash does not match the event's content"):
        event_from_line(edited, lineno=1)


def test_not_json_and_not_utf8_are_unparsable() -> None:
    for bad in (b'{"actor":', b"\xff\xfe", b"[1, NaN]", b""):
        with pytest.raises(TimelineError, match="not a JSON line"):
            event_from_line(bad, lineno=3)


def test_the_event_docs_are_generated_from_the_vocabulary() -> None:
    """docs/events.md is what `python -m crisisplay.timeline.eventdoc` prints: regenerate it
    after changing crisisplay/timeline/vocabulary/."""
    from crisisplay.timeline.eventdoc import events_markdown
    from crisisplay.timeline.payloads import REGISTRY

    docs = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    assert docs == events_markdown(), "regenerate: python -m crisisplay.timeline.eventdoc"
    for kind, spec in REGISTRY.items():
        assert f"## `{kind}`" in docs
        assert all(f"| `{field.name}` |" in docs for field in spec.fields)
