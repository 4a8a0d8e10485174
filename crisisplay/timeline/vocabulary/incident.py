"""The incident, its facts and its cell: activation, facts, severity, roles, escalations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crisisplay.timeline.payloads import JSON, Moment, Payload, doc, kind

FactSource = Literal["answer", "default", "inject", "correction", "set", "signals"]
Via = Literal["primary", "backup", "assigned", "escalation"]


# ---------------------------------------------------------------- the incident


@kind("incident.activated")
@dataclass(frozen=True, slots=True)
class IncidentActivated(Payload):
    """The first event of every timeline: which plan was activated, in which language, with
    which targets. A drill's plan is recorded whole, so its timeline stands alone."""

    scenario: str = doc("The scenario id.")
    title: str | None = doc("The scenario's title in the incident's language.", default=None)
    lang: str | None = doc("The incident's language.", default=None)
    drill: bool = doc("A drill, not a real incident.", default=False)
    drill_id: str | None = doc("The drill's id.", default=None)
    lead_role: str | None = doc("The role that leads the cell.", default=None)
    first_message_target_min: float | None = doc(
        "Minutes within which the first public word is due.", default=None
    )
    update_interval_min: float | None = doc(
        "The organisation's usual minutes between updates.", default=None
    )
    alert_at: Moment | None = doc("When the first alert came.", default=None)
    home: str | None = doc("The playbook home's folder.", default=None)
    drill_plan: JSON = doc("The drill as run: its file's content and its gates.", default=None)
    drill_speed: float | None = doc(
        "Exercise time runs this many times faster than the wall clock (a paced drill).",
        default=None,
    )
    rule_book: int | None = doc(
        "The rule book its acts were recorded under (1): `timeline verify` checks who made each "
        "gate decision, fact and publication against it; absent, the incident predates it.",
        default=None,
    )
    drill_paced: bool = doc(
        "Exercise time flows (a person answers, or a speed was given) rather than jumping to "
        "each scripted answer; resuming keeps it.",
        default=False,
    )


@kind("incident.resolved")
@dataclass(frozen=True, slots=True)
class IncidentResolved(Payload):
    """The incident is over: service is back."""

    step: str | None = doc("The step whose completion resolved it.", default=None)


# ---------------------------------------------------------------- facts and severity


@kind("fact.set")
@dataclass(frozen=True, slots=True)
class FactSet(Payload):
    """A fact entered, corrected or changed (by an answer, a command or a drill inject)."""

    fact: str = doc("The fact id.")
    value: JSON = doc("Its value, of the fact's type; null when not known yet.")
    source: FactSource = doc("How it was given.", default="answer")
    previous: JSON = doc("The value it replaces.", default=None)
    unknown: bool = doc("Not known yet: said so, not guessed.", default=False)
    inject: str | None = doc("The drill inject that set it.", default=None)
    message: str | None = doc("The message whose publish question corrected it.", default=None)
    gate: str | None = doc("The gate whose refusal corrected it.", default=None)
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )
    origin: str | None = doc(
        "Where a value read from the signals came from: the signal and its hour.", default=None
    )


@kind("fact.validated")
@dataclass(frozen=True, slots=True)
class FactsValidated(Payload):
    """A gate's validator confirmed these facts; a later change to one re-opens that gate."""

    facts: tuple[str, ...] = doc("The fact ids confirmed.")
    gate: str = doc("The gate passed.")


@kind("severity.assessed")
@dataclass(frozen=True, slots=True)
class SeverityAssessed(Payload):
    """The lead's severity level, against the one the facts suggest."""

    level: str = doc("The level in force.")
    suggested: str | None = doc("The level the scenario's rules suggested.", default=None)
    rule: int | None = doc("Index of the rule that suggested it.", default=None)
    because: str | None = doc("The rule's reason, as shown.", default=None)
    overridden: bool = doc("The lead chose another level than suggested.", default=False)
    reason: str | None = doc("Why, when overridden.", default=None)


# ---------------------------------------------------------------- the cell


@kind("role.assigned")
@dataclass(frozen=True, slots=True)
class RoleAssigned(Payload):
    """Someone holds a role of the cell."""

    role: str = doc("The role id.")
    person: str | None = doc("The person id.", default=None)
    name: str | None = doc("The person's name.", default=None)
    via: Via = doc(
        "How: the roster's primary or backup, assigned, or an escalation.", default="assigned"
    )
    on_duty: bool = doc("On duty by the roster at that moment.", default=False)
    step: str | None = doc("The step that needed the role, when brought in for it.", default=None)


@kind("role.gap")
@dataclass(frozen=True, slots=True)
class RoleGap(Payload):
    """Nobody covers a required role. The roster check records it as soon as it sees it
    (``detected``); the lead's answer (why the cell goes on without it) follows; a later
    ``role.assigned`` closes it."""

    role: str = doc("The role id.")
    reason: str = doc("Why the role is not covered.")
    detected: bool = doc("Found by the roster check, not yet answered by the lead.", default=False)


@kind("escalation.fired")
@dataclass(frozen=True, slots=True)
class EscalationFired(Payload):
    """An escalation rule's condition became true: a role must be brought in."""

    rule: str = doc("The escalation rule id.")
    role: str = doc("The role to bring in.")
    because: str = doc("The rule's reason, as shown.")


@kind("escalation.done")
@dataclass(frozen=True, slots=True)
class EscalationDone(Payload):
    """An escalation was answered: someone brought in, already there, or declined."""

    rule: str = doc("The escalation rule id.")
    role: str = doc("The role.")
    person: str | None = doc("Who was brought in.", default=None)
    name: str | None = doc("Their name.", default=None)
    already: bool = doc("The role was already held when the rule fired.", default=False)
    declined: str | None = doc("Why the lead declined it.", default=None)
