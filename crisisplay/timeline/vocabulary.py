"""The vocabulary of the timeline: one class per kind of event, with its payload's fields.

The engine, the member commands and the drills record instances of these classes, never dicts;
the fold (``crisisplay.timeline.state``) dispatches on them. Times are aware datetimes here and
ISO 8601 UTC on the line. ``docs/events.md`` is generated from this module
(``python -m crisisplay.timeline.eventdoc``) and a test keeps it in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.payloads import JSON, Moment, Payload, Record, doc, kind

FactSource = Literal["answer", "default", "inject", "correction", "set"]
Via = Literal["primary", "backup", "assigned", "escalation"]


def new_event(payload: Payload, actor: str, role: str | None, at: datetime) -> NewEvent:
    """What a writer hands the store: the payload written out under its kind."""
    return NewEvent(payload.KIND, actor, role, payload.to_json(), at)


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


# ---------------------------------------------------------------- steps and gates


@kind("phase.entered")
@dataclass(frozen=True, slots=True)
class PhaseEntered(Payload):
    """The walkthrough moved to a phase of the scenario."""

    phase: str = doc("The phase id.")


@kind("step.started")
@dataclass(frozen=True, slots=True)
class StepStarted(Payload):
    """The owner took a step on (its gates and messages follow)."""

    step: str = doc("The step id.")
    phase: str = doc("Its phase.")


@kind("step.done")
@dataclass(frozen=True, slots=True)
class StepDone(Payload):
    """The owner finished a step."""

    step: str = doc("The step id.")
    phase: str = doc("Its phase.")
    checklist: tuple[str, ...] = doc("The checklist items ticked, as shown.", default=())


@kind("step.skipped")
@dataclass(frozen=True, slots=True)
class StepSkipped(Payload):
    """A step the cell did not do, and why."""

    step: str = doc("The step id.")
    phase: str = doc("Its phase.")
    reason: str = doc("Why.")
    auto: bool = doc("Skipped by its condition (`when:`), not by a person.", default=False)
    gate: str | None = doc("The gate at which it was given up.", default=None)


@kind("gate.passed")
@dataclass(frozen=True, slots=True)
class GatePassed(Payload):
    """The validator approved what the gate covers."""

    gate: str = doc("The gate id.")
    validator_role: str | None = doc("The role that validates it.", default=None)
    validator: str | None = doc("The person who decided.", default=None)
    name: str | None = doc("Their name.", default=None)
    comment: str | None = doc("What they said.", default=None)


@kind("gate.refused")
@dataclass(frozen=True, slots=True)
class GateRefused(Payload):
    """The validator refused what the gate covers."""

    gate: str = doc("The gate id.")
    validator_role: str | None = doc("The role that validates it.", default=None)
    validator: str | None = doc("The person who decided.", default=None)
    name: str | None = doc("Their name.", default=None)
    comment: str | None = doc("Why.", default=None)


@kind("gate.overridden")
@dataclass(frozen=True, slots=True)
class GateOverridden(Payload):
    """The lead went past a refused or pending gate (the actor is the lead)."""

    gate: str = doc("The gate id.")
    reason: str = doc("Why.")


# ---------------------------------------------------------------- messages and promises


@dataclass(frozen=True, slots=True)
class ChannelText(Record):
    """One channel's text, exactly as it was shown and as it went out."""

    channel: str = doc("The channel id.")
    lang: str = doc("Its language.")
    text: str = doc("The text, verbatim.")
    title: str | None = doc("The email subject or push title.", default=None)


@kind("message.rendered")
@dataclass(frozen=True, slots=True)
class MessageRendered(Payload):
    """One channel of a message rendered: its text as shown, counted and linted."""

    message: str = doc("The message id.")
    kind: str = doc("The message's kind (holding, update...).")
    channel: str = doc("The channel id.")
    lang: str = doc("The language.")
    sha256: str = doc("SHA-256 of the text.")
    length: int | None = doc("Its length in the channel's unit.", default=None)
    limit: int | None = doc("The channel's limit.", default=None)
    ok: bool = doc("No error finding.", default=True)
    title_sha256: str | None = doc("SHA-256 of the subject or title.", default=None)
    next_update: Moment | None = doc("The next-update time the text says.", default=None)
    text: str | None = doc("The text, verbatim.", default=None)
    title: str | None = doc("The subject or title, verbatim.", default=None)
    preview: bool = doc(
        "Rendered outside the walkthrough (`render --timeline`) to copy or check: never what "
        "a validator is shown before publication.",
        default=False,
    )


@kind("message.channel_skipped")
@dataclass(frozen=True, slots=True)
class ChannelSkipped(Payload):
    """A channel left out by its condition (SMS while SMS is down)."""

    message: str = doc("The message id.")
    kind: str = doc("The message's kind.")
    channel: str = doc("The channel id.")
    reason: str = doc("Why, as the condition says it.")


@kind("message.published")
@dataclass(frozen=True, slots=True)
class MessagePublished(Payload):
    """A message went out: the exact text of every channel, as the validator saw it."""

    message: str = doc("The message id.")
    kind: str = doc("The message's kind.")
    channels: tuple[str, ...] = doc("The channels it went out on.")
    lang: str = doc("The language.")
    public: bool = doc("Seen outside the company (decided by its audience in the playbook).")
    gates_overridden: tuple[str, ...] = doc("Gates the lead went past.", default=())
    texts: tuple[ChannelText, ...] = doc("What went out, per channel.", default=())
    next_update: Moment | None = doc(
        "The next update the texts promise (the promise in force).", default=None
    )


@kind("message.skipped")
@dataclass(frozen=True, slots=True)
class MessageSkipped(Payload):
    """The cell chose not to publish a message."""

    message: str = doc("The message id.")
    kind: str = doc("The message's kind.")
    reason: str = doc("Why.")


@kind("promise.made")
@dataclass(frozen=True, slots=True)
class PromiseMade(Payload):
    """A publication promised the next update at a time: every later text says that time,
    until the next promise."""

    due: Moment = doc("When the next update is due.")
    message: str = doc("The message that made the promise.")
    promise: Literal["next-update"] = doc("What is promised.", default="next-update")


# ---------------------------------------------------------------- after the crisis


@kind("post.started")
@dataclass(frozen=True, slots=True)
class PostStarted(Payload):
    """A post-crisis action taken on (compensation, recontact, the H+6 report...)."""

    action: str = doc("The action id.")
    kind: str | None = doc("Its kind.", default=None)
    phase: str | None = doc("Always `after`.", default=None)


@kind("post.done")
@dataclass(frozen=True, slots=True)
class PostDone(Payload):
    """A post-crisis action done."""

    action: str = doc("The action id.")
    kind: str | None = doc("Its kind.", default=None)
    phase: str | None = doc("Always `after`.", default=None)
    checklist: tuple[str, ...] = doc("Items ticked.", default=())


@kind("post.skipped")
@dataclass(frozen=True, slots=True)
class PostSkipped(Payload):
    """A post-crisis action not done, and why."""

    action: str = doc("The action id.")
    reason: str = doc("Why.")
    kind: str | None = doc("Its kind.", default=None)
    phase: str | None = doc("Always `after`.", default=None)
    auto: bool = doc("Skipped by its condition, not by a person.", default=False)


# ---------------------------------------------------------------- the log book


@kind("decision.logged")
@dataclass(frozen=True, slots=True)
class DecisionLogged(Payload):
    """A decision written down by a member of the cell."""

    text: str = doc("The decision.")


@kind("note.added")
@dataclass(frozen=True, slots=True)
class NoteAdded(Payload):
    """A free note by a member of the cell."""

    text: str = doc("The note.")


@kind("walkthrough.paused")
@dataclass(frozen=True, slots=True)
class WalkthroughPaused(Payload):
    """Ctrl-C: the walkthrough stopped here; `crisisplay resume` goes on."""

    at: str = doc("Where it stopped (the question's group and id).")


@kind("walkthrough.completed")
@dataclass(frozen=True, slots=True)
class WalkthroughCompleted(Payload):
    """The walkthrough reached its end."""


@kind("drill.inject")
@dataclass(frozen=True, slots=True)
class DrillInject(Payload):
    """A drill's scripted event reached the cell (written by crisisplay as exercise control)."""

    inject: str = doc("The inject id.")
    kind: str = doc("Its kind (alert, call, media...).")
    text: dict[str, str] = doc("What the cell is told, per language.")
    offset_min: float = doc("Minutes after activation it was planned for.")
    facts: JSON = doc("The facts it sets.", default=None)
    target: str | None = doc("The role it is addressed to.", default=None)


@kind("timeline.repaired")
@dataclass(frozen=True, slots=True)
class TimelineRepaired(Payload):
    """Written by the store after moving a torn last line (a crash mid-write) aside."""

    bytes: int = doc("Size of the torn line.")
    sha256: str = doc("Its SHA-256.")
    broken: str = doc("The file it was moved to.")
    broken_offset: int = doc("Where it starts in that file.")
    offset: int = doc("Where the timeline was cut.")


#: the messages whose publication answers a promised update
ANSWERS_PROMISE = frozenset(("update", "resolution"))
#: the messages that promise the next update when they go out
PROMISING = frozenset(("holding", "update"))
