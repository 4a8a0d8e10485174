"""The shared store behaves like the file store: same lines, same chain, same commit_if."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crisisplay.errors import TimelineError, UsageError
from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgquery import list_incidents, read_lines
from crisisplay.timeline.pgstore import PgStore
from crisisplay.timeline.store import TimelineStore

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
INCIDENT = "20261123-1500-local-outage-abcd"


def _activation() -> NewEvent:
    payload = {"scenario": "local-outage", "title": "Local outage", "lang": "fr", "drill": False}
    return NewEvent("incident.activated", "alice", "cell-lead", payload, START)


def _note(i: int) -> NewEvent:
    return NewEvent("note.added", "bob", None, {"text": f"note {i}"}, START + timedelta(seconds=i))


def test_the_lines_are_those_of_the_file_store(store_url: str, tmp_path: Path) -> None:
    news = [_activation(), *(_note(i) for i in range(1, 6))]
    file = tmp_path / "incident.jsonl"
    TimelineStore(file, incident=INCIDENT).append_many(news)
    store = PgStore(parse_target(store_url), INCIDENT, create=True)
    store.append_many(news[:2])
    for new in news[2:]:
        store.append(new)
    assert read_lines(parse_target(store_url), INCIDENT) == file.read_bytes()


def test_commit_if_refuses_when_another_writer_moved_the_head(store_url: str) -> None:
    target = parse_target(store_url)
    first = PgStore(target, INCIDENT, create=True)
    first.append(_activation())
    second = PgStore(target, INCIDENT)
    assert [e.seq for e in second.read_new()] == [1]
    first.append(_note(1))
    seen, recorded = second.commit_if([_note(2)], 1)
    assert not recorded
    assert [e.seq for e in seen] == [2]
    seen, recorded = second.commit_if([_note(2)], 2)
    assert recorded
    assert [e.seq for e in seen] == [3]
    assert [e.seq for e in first.commit([_note(3)])] == [3, 4]


def test_a_retried_commit_with_the_same_event_ids_lands_once(store_url: str) -> None:
    import uuid

    target = parse_target(store_url)
    store = PgStore(target, INCIDENT, create=True)
    ids = [uuid.uuid4()]
    store.commit_ids([_activation()], ids, None)
    again = PgStore(target, INCIDENT, create=True)
    _, recorded = again.commit_ids([_activation()], ids, None)
    assert recorded
    assert read_lines(target, INCIDENT).count(b"\n") == 1


def test_incidents_lists_scenario_state_and_times(store_url: str) -> None:
    target = parse_target(store_url)
    store = PgStore(target, INCIDENT, create=True)
    store.append_many([_activation(), _note(1)])
    store.append(NewEvent("incident.resolved", "alice", None, {}, START + timedelta(hours=1)))
    (row,) = list_incidents(target)
    assert row.as_json() == {
        "id": INCIDENT,
        "scenario": "local-outage",
        "drill": False,
        "state": "resolved",
        "started": "2026-11-23T15:00:00.000Z",
        "last_event": "2026-11-23T16:00:00.000Z",
    }


def test_starting_an_incident_that_exists_is_refused(store_url: str) -> None:
    target = parse_target(store_url)
    PgStore(target, INCIDENT, create=True).append(_activation())
    with pytest.raises(UsageError, match="already exists"):
        PgStore(target, INCIDENT, create=True).append(_activation())


def test_an_unknown_incident_is_named(store_url: str) -> None:
    with pytest.raises(TimelineError, match="no incident nope"):
        PgStore(parse_target(store_url), "nope").read_new()


def test_a_missing_schema_is_one_clear_error(bare_url: str) -> None:
    with pytest.raises(UsageError, match="has no crisisplay schema") as caught:
        PgStore(parse_target(bare_url), INCIDENT).read_new()
    assert "store init" in (caught.value.hint or "")
