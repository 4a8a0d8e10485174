"""Fixtures of the timeline tests: a deterministic clock and timelines to work on."""

from __future__ import annotations

from pathlib import Path

import pytest
from timeline_support import INCIDENT, FakeClock, Filler, NoteMaker

from crisisplay.timeline.events import Event, NewEvent
from crisisplay.timeline.store import TimelineStore


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
def fill(timeline: Path, note: NoteMaker, clock: FakeClock) -> Filler:
    """Write ``n`` notes (an activation first) to the test's timeline; return the events."""

    def write(n: int) -> list[Event]:
        store = TimelineStore(timeline, incident=INCIDENT)
        # an incident of the bundled home's nationwide outage, in English, led by its lead
        activation = {"scenario": "nationwide-outage", "lang": "en"}
        first = NewEvent("incident.activated", "camille-roux", None, activation, clock())
        events = [store.append(first)]
        events += [store.append(note(f"note {i}: état réseau ✓")) for i in range(2, n + 1)]
        return events[:n]

    return write
