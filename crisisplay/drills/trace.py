"""Reading a drill timeline for scoring: the fold, when each inject fired, each publication.

The timeline is folded event by event (the same fold as everywhere else); at each publication
the state of every gate is noted, because "passed before the message" and "no message past a
failing gate" are about that moment, not about the end. The expectations come from the plan the
activation recorded, never from the drill file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from crisisplay.drills.plan import PAYLOAD_KEY, DrillPlan
from crisisplay.errors import TimelineError, UsageError
from crisisplay.timeline import kinds
from crisisplay.timeline.events import Event
from crisisplay.timeline.state import IncidentState


@dataclass(frozen=True)
class Moment:
    """Where an event stands: its sequence number (order) and its time."""

    seq: int
    at: datetime


@dataclass(frozen=True)
class Publication:
    moment: Moment
    message: str
    kind: str
    #: the status of every gate decided so far, as it stood when the message went out
    gates: Mapping[str, str]
    overridden: tuple[str, ...]


@dataclass(frozen=True)
class Trace:
    """What scoring reads: the folded timeline, when each inject fired, each publication."""

    plan: DrillPlan
    state: IncidentState
    activation: Moment
    injects: Mapping[str, Moment]
    publications: tuple[Publication, ...]
    lang: str


def recorded_plan(events: Sequence[Event], source: str) -> DrillPlan:
    """The drill plan of a drill timeline; a real incident's timeline is refused (exit 2)."""
    first = events[0] if events else None
    if first is None or first.kind != kinds.INCIDENT_ACTIVATED:
        raise TimelineError(f"{source} has no activation event: it is not an incident timeline")
    if not first.payload.get("drill"):
        raise UsageError(
            f"{source} is the timeline of a real incident, not of a drill: there is nothing "
            "to score",
            hint="score a timeline written by `crisisplay drill run`",
        )
    return DrillPlan.from_payload(first.payload.get(PAYLOAD_KEY), source)


def trace(events: Sequence[Event], source: str, lang: str | None = None) -> Trace:
    plan = recorded_plan(events, source)
    state = IncidentState()
    injects: dict[str, Moment] = {}
    publications: list[Publication] = []
    for event in events:
        state.apply(event)
        if event.kind == kinds.DRILL_INJECT:
            moment = Moment(event.seq, _at(state))
            injects.setdefault(str(event.payload.get("inject")), moment)
        elif event.kind == kinds.MESSAGE_PUBLISHED:
            publications.append(_publication(event, state))
    first = events[0]
    chosen = lang or state.lang or "en"
    return Trace(plan, state, Moment(first.seq, first.at), injects, tuple(publications), chosen)


def _at(state: IncidentState) -> datetime:
    """The time of the event just folded (already parsed by the fold: parsing is not free)."""
    assert state.last_at is not None
    return state.last_at


def _publication(event: Event, state: IncidentState) -> Publication:
    p = event.payload
    overridden = p.get("gates_overridden")
    return Publication(
        Moment(event.seq, _at(state)),
        str(p.get("message")),
        str(p.get("kind")),
        {gate_id: gate.status for gate_id, gate in state.gates.items()},
        tuple(map(str, overridden)) if isinstance(overridden, list) else (),
    )
