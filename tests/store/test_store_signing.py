"""Signed acts on the shared store: sealed and signed on the laptop, stored verbatim, byte for
byte the lines the file store writes with the same key."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from crisisplay.timeline.events import NewEvent, parse_line
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgquery import read_lines
from crisisplay.timeline.pgstore import PgStore
from crisisplay.timeline.signing import KeySigner, create_key
from crisisplay.timeline.store import TimelineStore
from crisisplay.timeline.verify import verify

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
INCIDENT = "20261123-1500-local-outage-5161"


def _news() -> list[NewEvent]:
    activation = {"scenario": "local-outage", "title": "Local outage", "lang": "fr"}
    first = NewEvent("incident.activated", "alice", "cell-lead", activation, START)
    notes = [
        NewEvent("note.added", "bob", None, {"text": f"NOC says {i}"}, START + timedelta(seconds=i))
        for i in range(1, 4)
    ]
    return [first, *notes]


def test_a_signed_act_lands_on_the_server_as_the_file_store_writes_it(
    store_url: str, tmp_path: Path
) -> None:
    key = create_key(tmp_path / "key", "alice", None)
    signer = KeySigner(key, lambda: None)
    news = _news()
    file = tmp_path / "incident.jsonl"
    local = TimelineStore(file, incident=INCIDENT, signer=signer, witness=None)
    local.append_many(news[:2])
    local.append_many(news[2:])
    shared = PgStore(parse_target(store_url), INCIDENT, create=True, signer=signer)
    shared.append_many(news[:2])
    shared.append_many(news[2:])
    lines = read_lines(parse_target(store_url), INCIDENT)
    assert lines == file.read_bytes()
    events = [parse_line(line) for line in lines.splitlines()]
    assert [(e.by, e.sig is not None) for e in events] == [
        ("alice", False),
        ("alice", True),
        ("alice", False),
        ("alice", True),
    ]
    checked = verify(file, roster={"alice": key.public, "bob": None}, require_signatures=True)
    assert not checked.ok
    assert [f.seq for f in checked.flaws] == [2, 3, 4]  # bob's notes, recorded by alice
    assert verify(file, roster={"alice": key.public}).ok
