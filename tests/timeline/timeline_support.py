"""Constants and types shared by the timeline tests (a module of its own, with a name no other
test folder uses: several folders have a conftest.py, so `from conftest import` is ambiguous)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from crisisplay.timeline.events import Event, NewEvent

BASE = datetime(2026, 11, 23, 15, 0, 0, tzinfo=timezone.utc)
INCIDENT = "outage-2026-11-23"
WRITER = Path(__file__).with_name("timeline_writer.py")

NoteMaker = Callable[..., NewEvent]


def activation(actor: str = "camille-roux", at: datetime = BASE) -> NewEvent:
    """The first event of an incident of the bundled home's nationwide outage, in English."""
    payload = {"scenario": "nationwide-outage", "lang": "en"}
    return NewEvent("incident.activated", actor, None, payload, at)


Filler = Callable[[int], list[Event]]


class FakeClock:
    """Time that moves 1.25 s per reading: deterministic and strictly increasing."""

    def __init__(self, start: datetime = BASE) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1, milliseconds=250)
        return self.now


STABLE = ("ok", "events", "head", "first_bad_seq", "reason")


def stable(document: dict[str, object]) -> dict[str, object]:
    """The keys of `timeline verify --format json` that DESIGN.md names as stable: scripts rely
    on them, whatever else is added beside them."""
    return {key: value for key, value in document.items() if key in STABLE}
