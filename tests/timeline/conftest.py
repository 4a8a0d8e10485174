"""Shared pieces of the timeline tests: a deterministic clock and timelines to work on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crisisplay.timeline.events import Event, NewEvent
from crisisplay.timeline.store import TimelineStore

BASE = datetime(2026, 11, 23, 15, 0, 0, tzinfo=timezone.utc)
INCIDENT = "outage-2026-11-23"
WRITER = Path(__file__).with_name("timeline_writer.py")

NoteMaker = Callable[..., NewEvent]
Filler = Callable[[int], list[Event]]


class FakeClock:
    """Time that moves 1.25 s per reading: deterministic and strictly increasing."""

    def __init__(self, start: datetime = BASE) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1, milliseconds=250)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    return tmp_path / "incident.jsonl"


@pytest.fixture
def note(clock: FakeClock) -> NoteMaker:
    def make(
        text: str = "call centre reports 3x volume",
        actor: str = "alice",
        role: str | None = "lead",
        kind: str = "note.added",
    ) -> NewEvent:
        return NewEvent(kind, actor, role, {"text": text}, clock())

    return make


@pytest.fixture
def fill(timeline: Path, note: NoteMaker) -> Filler:
    """Write ``n`` notes (an activation first) to the test's timeline; return the events."""

    def write(n: int) -> list[Event]:
        store = TimelineStore(timeline, incident=INCIDENT)
        first = note("activated", kind="incident.activated")
        events = [store.append(first)]
        events += [store.append(note(f"note {i}: état réseau ✓")) for i in range(2, n + 1)]
        return events[:n]

    return write
