"""The drill file format as frozen types: ``playbooks/drills/DRILL.yaml``.

Like the playbook model, these classes are the single definition of the format: the loader
builds them from YAML and ``crisisplay schema --kind drill`` derives the JSON Schema from them.
The same shape, with durations in minutes, is what a drill timeline records at activation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from crisisplay.playbook.model import (
    ClockTime,
    Duty,
    FactId,
    Ident,
    JsonValue,
    MessageKind,
    Weekday,
    doc,
)
from crisisplay.playbook.types import Duration, LocalText

InjectKind = Literal[
    "situation",
    "noc-alert",
    "social-spike",
    "journalist-call",
    "eta-slip",
    "rumour",
    "executive-request",
    "staff-absent",
    "customer-complaint",
    "authority-request",
    "fact-change",
]
ExpectationKind = Literal[
    "message-within",
    "gate-before-message",
    "promises-kept",
    "role-covered",
    "escalation-within",
    "no-failing-gate",
]

#: the briefing every drill opens with (its summary and start facts), recorded as an inject
START_INJECT = "start"


@dataclass(frozen=True)
class Start:
    """When the story takes place: used when `drill run` is given no --start."""

    time: ClockTime = doc("Time of day the exercise starts (HH:MM, organisation's zone).")
    day: Weekday | None = doc(
        "Day of the week (the weekend drill starts on a Sunday).", default=None
    )


@dataclass(frozen=True)
class RosterChange:
    """How the on-call roster differs during the drill (the gap the cell must cope with)."""

    duty: Mapping[Ident, Duty] = doc(
        "Roles whose holders are replaced for the drill (e.g. a CM role with one person).",
        default_factory=dict,
    )
    off_duty: tuple[Ident, ...] = doc(
        "People off duty for the whole drill: they can still be called in, off duty.",
        default=(),
    )


@dataclass(frozen=True)
class Inject:
    """Something that happens to the cell at a set time: an alert, a call, a figure that moves."""

    id: Ident = doc("Inject id (expectations refer to it).")
    at: Duration = doc("When it fires, after activation (exercise time).")
    kind: InjectKind = doc("What it is: noc-alert, social-spike, journalist-call, eta-slip...")
    text: LocalText = doc("What the participants are told, per language.")
    facts: Mapping[FactId, JsonValue] = doc(
        "Facts it changes (recorded as fact.set with source inject).", default_factory=dict
    )
    target: Ident | None = doc("Role it is addressed to.", default=None)


@dataclass(frozen=True)
class Expectation:
    """What the cell should do, by when, and what it is worth in the debrief."""

    id: Ident = doc("Expectation id.")
    kind: ExpectationKind = doc(
        "message-within, gate-before-message, promises-kept, role-covered, "
        "escalation-within or no-failing-gate."
    )
    title: LocalText = doc("How the debrief names it, per language.")
    points: int = doc("Points when met.")
    within: Duration | None = doc(
        "Deadline after the anchor (activation, the inject `after`, the gap, the rule firing).",
        default=None,
    )
    after: Ident | None = doc("Inject the deadline runs from (default: activation).", default=None)
    message: Ident | None = doc("The message meant (message-within, gate-before...).", default=None)
    message_kind: MessageKind | None = doc(
        "message-within: any message of this kind.", default=None
    )
    gate: Ident | None = doc("gate-before-message: the gate that must pass first.", default=None)
    role: Ident | None = doc("role-covered: the role nobody covers at first.", default=None)
    escalation: Ident | None = doc("escalation-within: the scenario's rule id.", default=None)


@dataclass(frozen=True)
class Drill:
    """A scripted exercise on one scenario: start, roster change, injects and expectations."""

    id: Ident = doc("Drill id (the file's name; used on the command line).")
    title: LocalText = doc("Drill name per language.")
    scenario: Ident = doc("The scenario played.")
    summary: LocalText = doc("The situation, read to the participants at the start.")
    expectations: tuple[Expectation, ...] = doc("What is scored.")
    starts: Start | None = doc("When the story starts (default: now).", default=None)
    start_facts: Mapping[FactId, JsonValue] = doc(
        "Facts known at the start (not asked; the others are).", default_factory=dict
    )
    roster: RosterChange = doc("Roster changes for the drill.", default=RosterChange())
    injects: tuple[Inject, ...] = doc("Injects, fired at their times.", default=())

    def inject(self, inject_id: str) -> Inject | None:
        return next((i for i in self.injects if i.id == inject_id), None)
