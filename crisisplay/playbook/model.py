"""The playbook format as frozen types: the organisation file and the scenario files.

These classes are the single definition of the format: the loader builds them from YAML
(``crisisplay.playbook.convert``) and ``crisisplay schema`` derives the JSON Schema from them
(``crisisplay.playbook.schema``). Field docs (``doc(...)``) feed the schema's descriptions.
After loading, nothing in crisisplay sees raw YAML. The organisation file's classes are in
``crisisplay.playbook.model_org`` and the field types in ``crisisplay.playbook.fields``; this
module re-exports both, so the format is imported from one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from crisisplay.playbook.fields import (
    Audience,
    ClockTime,
    Condition,
    FactId,
    FactType,
    FindingLevel,
    Ident,
    JsonValue,
    Lang,
    MessageKind,
    PostActionKind,
    SigningKey,
    Weekday,
    doc,
)
from crisisplay.playbook.model_org import (
    AccessibilityContact,
    Account,
    AccountKind,
    Brand,
    CareContact,
    ChannelSettings,
    Contacts,
    DpoContact,
    Duty,
    DutyOfficer,
    ForbiddenRule,
    LevelRatios,
    Listening,
    Organisation,
    Person,
    PressContact,
    Relay,
    RelayKind,
    RequiredRule,
    Role,
    SignalColumns,
    SignalKind,
    SignalLevel,
    Spokesperson,
    ToneRules,
    Window,
)
from crisisplay.playbook.types import Due, Duration, LocalText

# ---------------------------------------------------------------- scenario


@dataclass(frozen=True, eq=False, repr=False)
class Choice:
    id: Ident = doc("Value stored in the timeline and used in conditions.")
    label: LocalText = doc("What the operator sees.")


@dataclass(frozen=True, eq=False, repr=False)
class Fact:
    """A fact the cell collects and validates (scope, services, times, figures...)."""

    id: FactId = doc("Name used in conditions and templates.")
    type: FactType = doc(
        "text, number, choice, multi-choice, time, date (a day: YYYY-MM-DD), datetime (a day "
        "and a time, in the organisation's time zone), duration or boolean."
    )
    question: LocalText = doc("The question asked at activation.")
    help: LocalText | None = doc("Help shown with the question.", default=None)
    default: JsonValue = doc("Default answer.", default=None)
    choices: tuple[Choice, ...] = doc("choice / multi-choice: the possible values.", default=())
    min: float | None = doc("number: smallest value.", default=None)
    max: float | None = doc("number: largest value.", default=None)
    pattern: str | None = doc("text: regular expression the answer must match.", default=None)
    max_length: int | None = doc("text: longest answer.", default=None)
    required: bool = doc("Must be answered before the walkthrough goes on.", default=True)
    unknown_ok: bool = doc(
        'May be answered "not known yet" (`inconnu`, `unknown`): texts then say so instead '
        "of giving a figure.",
        default=False,
    )
    ahead: bool = doc(
        "time, date or datetime: a moment that must still lie ahead when a text says it (a "
        "restoration estimate, the day a gesture is applied); a publication that would say it "
        "once it has passed is refused until it is corrected.",
        default=False,
    )
    owner: Ident | None = doc(
        "The role that knows this fact and sets it from its own terminal (besides the cell "
        "lead and the validators of the gates that confirm it).",
        default=None,
    )

    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)


@dataclass(frozen=True, eq=False, repr=False)
class SeverityLevel:
    id: Ident = doc("Level id (e.g. major).")
    title: LocalText = doc("Level name per language.")
    description: LocalText | None = doc("What the level means for the cell.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class SeverityRule:
    level: Ident = doc("Level set when the condition holds.")
    when: Condition = doc("Condition over the facts.")
    because: LocalText = doc("Why, shown to the lead.")


@dataclass(frozen=True, eq=False, repr=False)
class Severity:
    """Severity levels, most severe first, and the rules that set them (first match wins)."""

    levels: tuple[SeverityLevel, ...] = doc("Levels, most severe first.")
    default: Ident = doc("Level when no rule matches.")
    rules: tuple[SeverityRule, ...] = doc("Rules in order; the first that holds wins.", default=())


@dataclass(frozen=True, eq=False, repr=False)
class Gate:
    """A validation step: a named role confirms something before the cell may go on."""

    id: Ident = doc("Gate id.")
    title: LocalText = doc("Short name of the validation.")
    validator: Ident = doc("Role that validates.")
    confirms: LocalText = doc("What the validator confirms.")
    when: Condition | None = doc("Applies only when this holds.", default=None)
    facts: tuple[FactId, ...] = doc(
        "Facts the validator confirms: changing one of them later re-opens the gate.",
        default=(),
    )


@dataclass(frozen=True, eq=False, repr=False)
class ChannelUse:
    """A channel of a message, with the condition under which it is used."""

    channel: Ident = doc("Channel id.")
    when: Condition | None = doc("Used only when this holds.", default=None)
    because: LocalText | None = doc("Shown when the channel is skipped.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class Message:
    """A message the cell produces: its kind, audience, channels and the gates before it."""

    id: Ident = doc("Message id (the template folder's name).")
    kind: MessageKind = doc("What the message is.")
    title: LocalText = doc("Short name of the message.")
    audience: Audience = doc("Who reads it.", default="public")
    channels: tuple[Ident | ChannelUse, ...] = doc(
        "Channels, as ids or {channel, when, because}.", default=()
    )
    gates: tuple[Ident, ...] = doc("Gates that must pass before it is published.", default=())
    template: str | None = doc(
        "Template folder under templates/ (default: SCENARIO/MESSAGE).", default=None
    )

    def channel_uses(self) -> tuple[ChannelUse, ...]:
        return tuple(c if isinstance(c, ChannelUse) else ChannelUse(c) for c in self.channels)

    @property
    def is_public(self) -> bool:
        return self.audience in ("public", "customers", "press")


@dataclass(frozen=True, eq=False, repr=False)
class Step:
    id: Ident = doc("Step id (unique in the scenario).")
    title: LocalText = doc("What to do.")
    owner: Ident = doc("Role that owns the step.")
    deadline: Due | None = doc(
        "Due after activation, or after: '24h after detected_at'.", default=None
    )
    every: Duration | None = doc(
        "Update cadence: each update is due at most this long after the one before.", default=None
    )
    after: tuple[str, ...] | None = doc(
        "What it waits for: steps, 'gate:ID', 'fact:ID', '30m after activation' (default: the "
        "step before it; [] opens it at activation).",
        default=None,
    )
    checklist: tuple[LocalText, ...] = doc("Items to tick.", default=())
    gates: tuple[Ident, ...] = doc("Gates that must pass to complete the step.", default=())
    messages: tuple[Ident, ...] = doc("Messages to render and publish.", default=())
    when: Condition | None = doc("The step applies only when this holds.", default=None)
    help: LocalText | None = doc("Guidance shown with the step.", default=None)
    resolves: bool = doc("Completing this step declares the incident resolved.", default=False)


@dataclass(frozen=True, eq=False, repr=False)
class Phase:
    id: Ident = doc("Phase id.")
    title: LocalText = doc("Phase name.")
    steps: tuple[Step, ...] = doc("Steps in order.")


@dataclass(frozen=True, eq=False, repr=False)
class Escalation:
    """Bring in a role when a condition holds (re-checked whenever a fact changes)."""

    id: Ident = doc("Rule id.")
    when: Condition = doc("Condition over the facts and severity.")
    role: Ident = doc("Role to bring in.")
    because: LocalText = doc("Why, shown to the lead.")
    within: Duration | None = doc("Expected delay to bring the role in.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class PostAction:
    """Work after the crisis: compensation, recontact, H+6 and D+2 reports, review."""

    id: Ident = doc("Action id.")
    kind: PostActionKind = doc("What the action is.")
    title: LocalText = doc("What to do.")
    owner: Ident = doc("Role that owns it.")
    due: Due | None = doc(
        "Due this long after resolution (H+6 report: 6h; D+2 report: 2d).", default=None
    )
    messages: tuple[Ident, ...] = doc("Messages it produces.", default=())
    when: Condition | None = doc("Applies only when this holds.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class Scenario:
    """One crisis scenario: facts, severity, roles, phases, gates, messages, escalations."""

    id: Ident = doc("Scenario id (used on the command line).")
    title: LocalText = doc("Scenario name per language.")
    summary: LocalText = doc("One paragraph: what this scenario covers.")
    facts: tuple[Fact, ...] = doc("Facts to collect at activation.")
    severity: Severity = doc("Severity levels and rules.")
    roles: tuple[Ident, ...] = doc("Roles the cell needs for this scenario.")
    phases: tuple[Phase, ...] = doc("Phases from detection to review.")
    gates: tuple[Gate, ...] = doc("Validation steps.", default=())
    messages: tuple[Message, ...] = doc("Messages the scenario produces.", default=())
    escalations: tuple[Escalation, ...] = doc("Escalation rules.", default=())
    post_crisis: tuple[PostAction, ...] = doc("Actions after resolution.", default=())
    quorum: tuple[Ident, ...] = doc(
        "Roles whose holders must have acknowledged their page for the cell to be formed "
        "(all the scenario's roles when empty).",
        default=(),
    )
    sample_facts: Mapping[FactId, JsonValue] = doc(
        "Example facts used to check every template renders.", default_factory=dict
    )

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def gate(self, gate_id: str) -> Gate | None:
        return next((g for g in self.gates if g.id == gate_id), None)

    def message(self, message_id: str) -> Message | None:
        return next((m for m in self.messages if m.id == message_id), None)

    def steps(self) -> tuple[tuple[Phase, Step], ...]:
        return tuple((phase, step) for phase in self.phases for step in phase.steps)

    def template_folder(self, message: Message) -> str:
        return message.template or f"{self.id}/{message.id}"


__all__ = [
    "AccessibilityContact",
    "Account",
    "AccountKind",
    "Audience",
    "Brand",
    "CareContact",
    "ChannelSettings",
    "ChannelUse",
    "Choice",
    "ClockTime",
    "Condition",
    "Contacts",
    "DpoContact",
    "Duty",
    "DutyOfficer",
    "Escalation",
    "Fact",
    "FactId",
    "FactType",
    "FindingLevel",
    "ForbiddenRule",
    "Gate",
    "Ident",
    "JsonValue",
    "Lang",
    "LevelRatios",
    "Listening",
    "Message",
    "MessageKind",
    "Organisation",
    "Person",
    "Phase",
    "PostAction",
    "PostActionKind",
    "PressContact",
    "Relay",
    "RelayKind",
    "RequiredRule",
    "Role",
    "Scenario",
    "Severity",
    "SeverityLevel",
    "SeverityRule",
    "SignalColumns",
    "SignalKind",
    "SignalLevel",
    "SigningKey",
    "Spokesperson",
    "Step",
    "ToneRules",
    "Weekday",
    "Window",
    "doc",
]
