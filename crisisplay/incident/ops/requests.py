"""What a person asks to do on the incident: one frozen request per kind of act.

A request names exactly what it answers (the update promised for 19:30, not "an update"), so
that deciding it again after someone else recorded first finds it done instead of doing it
twice. Requests are built by the lead's board from its person's answers and by the members'
commands from their options; :func:`crisisplay.incident.ops.decide` turns one into events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crisisplay.timeline.payloads import Payload


@dataclass(frozen=True)
class SetFact:
    """A fact given, corrected or said not to be known yet (``value`` as typed)."""

    fact: str
    value: Any
    source: str = "set"
    #: the value is already in the fact's form (a board's parsed answer), or UNKNOWN
    #: the message whose publish question corrected it, or the gate whose refusal did
    message: str | None = None
    gate: str | None = None
    parsed: bool = False
    #: the seq of the fact's value its setter saw (0: none; None: as it stands now): a value
    #: set meanwhile by someone else is never overwritten unseen
    seen: int | None = None


@dataclass(frozen=True)
class DecideGate:
    """``asked``: how many times the gate had been decided when its validator was asked (None:
    as it stands now): a decision made meanwhile by someone else is then found, not repeated."""

    gate: str
    decision: str  # pass | refuse
    comment: str | None = None
    asked: int | None = None


@dataclass(frozen=True)
class OverrideGate:
    gate: str
    reason: str


@dataclass(frozen=True)
class StartTask:
    task: str
    #: recorded with it: the phase it opens, the role assignment covering its owner
    cover: tuple[Payload, ...] = ()


@dataclass(frozen=True)
class CheckItems:
    """Checklist items ticked, by number (from 1) or text; the task stays open."""

    task: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class FinishTask:
    """The owner says the task is done; ``ticked``: the items ticked with it (None: those
    ticked so far)."""

    task: str
    ticked: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SkipTask:
    task: str
    reason: str
    gate: str | None = None
    #: recorded with it: the phase it opens
    before: tuple[Payload, ...] = ()


@dataclass(frozen=True)
class Publish:
    """A message going out now, rendered on the situation and the clock.

    ``answering`` is what it answers, fixed when the person asked: ``message:ID`` for a
    message that goes out once, ``promise:SEQ`` for the update promised at that seq (``0``:
    nothing promised yet). ``next_update`` is the promise a holding statement or an update
    makes (None: the organisation's usual interval)."""

    message: str
    answering: str
    next_update: datetime | None = None


@dataclass(frozen=True)
class ShowToValidators:
    """The texts of a message rendered now and recorded, for the validators of its gates."""

    message: str
    next_update: datetime | None = None


@dataclass(frozen=True)
class Preview:
    """Texts rendered on the incident to copy or check (``render --timeline``): recorded as
    previews, never what a validator approves."""

    items: tuple[Any, ...]
    next_update: datetime | None = None


@dataclass(frozen=True)
class SkipMessage:
    message: str
    reason: str


@dataclass(frozen=True)
class WriteDown:
    """A note or a decision in the log book."""

    text: str
    decision: bool = False
    #: the role it is written in (one its writer holds), if said
    role: str | None = None


@dataclass(frozen=True)
class LeadAct:
    """An act of the lead's own (severity, roster, escalations, a gap acknowledged)."""

    payloads: tuple[Payload, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class BoardNote:
    """What the lead's board notes of its own run (a phase entered, a pause, its end): no act
    of anyone, allowed to whoever runs the board."""

    payloads: tuple[Payload, ...] = field(default_factory=tuple)


Request = (
    SetFact
    | DecideGate
    | OverrideGate
    | StartTask
    | CheckItems
    | FinishTask
    | SkipTask
    | Publish
    | ShowToValidators
    | Preview
    | SkipMessage
    | WriteDown
    | LeadAct
    | BoardNote
)
