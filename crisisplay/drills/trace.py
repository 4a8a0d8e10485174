"""Reading a drill timeline for scoring: the fold, when each inject fired, each publication.

Everything comes from the fold (the same as everywhere else), which notes at each publication
the state of every gate, because "passed before the message" and "no message past a failing
gate" are about that moment, not about the end. The expectations come from the plan the
activation recorded, never from the drill file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from crisisplay.drills.plan import DrillPlan
from crisisplay.errors import TimelineError, UsageError
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


def recorded_plan(state: IncidentState, source: str) -> DrillPlan:
    """The drill plan of a drill timeline; a real incident's timeline is refused (exit 2)."""
    if state.activated_at is None:
        raise TimelineError(f"{source} has no activation event: it is not an incident timeline")
    if not state.drill:
        raise UsageError(
            f"{source} is the timeline of a real incident, not of a drill: there is nothing "
            "to score",
            hint="score a timeline written by `crisisplay drill run`",
        )
    return DrillPlan.from_payload(state.drill_plan, source)


def trace_state(state: IncidentState, source: str, lang: str | None = None) -> Trace:
    """What scoring reads, all of it from the folded state."""
    plan = recorded_plan(state, source)
    assert state.activated_at is not None
    injects: dict[str, Moment] = {}
    for inject in state.injects:
        injects.setdefault(inject.inject, Moment(inject.seq, inject.at))
    publications = tuple(
        Publication(Moment(p.seq, p.at), p.message, p.kind, dict(p.gates), p.gates_overridden)
        for p in state.publications
    )
    chosen = lang or state.lang or "en"
    activation = Moment(state.activation_seq, state.activated_at)
    return Trace(plan, state, activation, injects, publications, chosen)
