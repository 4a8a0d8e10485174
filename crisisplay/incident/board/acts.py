"""What the walkthrough records, and what happens when someone else recorded first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crisisplay.timeline.events import Event
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import (
    DecisionLogged,
    MessageRendered,
    NoteAdded,
    TimelineRepaired,
)

#: events a walkthrough may record in a row without any answer before it is stopped as a runaway
RUNAWAY_EVENTS = 1000
#: steps a walkthrough may take in a row without any answer before it is stopped as a runaway
RUNAWAY_STEPS = 5000


class Superseded(Exception):
    """Someone else recorded first: the act was decided on a state that is gone. The events
    they appended are folded in, and the walkthrough decides again."""

    def __init__(self, events: Sequence[Event]) -> None:
        super().__init__(f"{len(events)} events recorded elsewhere first")
        self.events = list(events)


@dataclass(frozen=True)
class Act:
    """One event to record, with who it is for when that is not the walkthrough's actor."""

    payload: Payload
    actor: str | None = None
    role: str | None = None


def inert(event: Event) -> bool:
    """An event that changes nothing the walkthrough decides on: a note, a decision written
    down, a text rendered elsewhere to copy, a repair of the file."""
    if event.kind == MessageRendered.KIND:
        return event.payload.get("preview") is True
    return event.kind in (NoteAdded.KIND, DecisionLogged.KIND, TimelineRepaired.KIND)


def described(events: Sequence[Event]) -> list[str]:
    """What the others recorded, one line each (#seq kind, by whom)."""
    return [f"#{e.seq} {e.kind} ({e.actor})" for e in events]
