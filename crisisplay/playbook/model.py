"""The playbook format as frozen types: the organisation file and the scenario files.

These classes are the single definition of the format: the loader builds them from YAML
(``crisisplay.playbook.convert``) and ``crisisplay schema`` derives the JSON Schema from them
(``crisisplay.playbook.schema``). Field docs (``doc(...)``) feed the schema's descriptions.
After loading, nothing in crisisplay sees raw YAML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from crisisplay.playbook.types import (
    CLOCK_PATTERN,
    FACT_ID_PATTERN,
    ID_PATTERN,
    LANG_PATTERN,
    Described,
    Due,
    Duration,
    LocalText,
    Pattern,
)

Ident = Annotated[str, Pattern(ID_PATTERN, "id (lower-case words joined by hyphens)")]
FactId = Annotated[str, Pattern(FACT_ID_PATTERN, "fact id (lower-case, digits, underscores)")]
Lang = Annotated[str, Pattern(LANG_PATTERN, "language code (like fr or en)")]
ClockTime = Annotated[str, Pattern(CLOCK_PATTERN, "time of day (HH:MM, 24-hour)")]
Condition = Annotated[
    str,
    Described(
        "A condition, written as a Jinja2 expression over the scenario's facts, `severity` "
        'and `drill`: e.g. "\'sms\' in services_down" or "affected_share >= 50".'
    ),
]
JsonValue = Annotated[Any, Described("A value of the fact's type.")]
SigningKey = Annotated[str, Pattern(r"^ed25519:[A-Za-z0-9+/]{43}=$", "public key (ed25519:...)")]

FactType = Literal[
    "text", "number", "choice", "multi-choice", "time", "datetime", "duration", "boolean"
]
MessageKind = Literal[
    "holding", "update", "resolution", "compensation", "faq", "agent-script", "ivr",
    "internal-brief", "press-statement", "authority-notice", "breach-notice",
    "executive-statement", "reply", "moderation-charter", "relay-brief", "recontact", "survey",
    "report-frame",
]  # fmt: skip
Audience = Literal["public", "customers", "internal", "press", "authority"]
PostActionKind = Literal[
    "compensation", "recontact", "survey", "report-h6", "report-d2", "review", "plan-update"
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
FindingLevel = Literal["error", "warning"]


# The classes below are frozen, compared by identity and without a generated repr: the format has
# some twenty classes, and each generated method costs start-up time on every command.


def doc(text: str, **kwargs: Any) -> Any:
    """A dataclass field with its documentation (shown in the JSON Schema)."""
    metadata = {"doc": text}
    return field(metadata=metadata, **kwargs)


# ---------------------------------------------------------------- organisation


@dataclass(frozen=True, eq=False, repr=False)
class Spokesperson:
    """Who speaks for the brand, as a press text names them."""

    name: str = doc("Full name, as quoted.")
    title: LocalText = doc("Their position, per language (e.g. directrice de la communication).")


@dataclass(frozen=True, eq=False, repr=False)
class Brand:
    name: str = doc("The brand as customers know it.")
    signature: LocalText = doc("How public messages are signed, per language.")
    website: str | None = doc("The brand's website.", default=None)
    city: str | None = doc("Where press statements are dated from (Paris).", default=None)
    spokesperson: Spokesperson | None = doc(
        "Who the press statements quote (the communications director, usually).", default=None
    )
    executive: Spokesperson | None = doc(
        "Who signs the executive statement: the head of the company.", default=None
    )
    elided: bool | None = doc(
        "French elides before the name (d'Onde Mobile); unset, guessed from its first letter.",
        default=None,
    )


@dataclass(frozen=True, eq=False, repr=False)
class ChannelSettings:
    """A channel in use, with limits that override the built-in catalogue."""

    limit: int | None = doc("Hard limit of the body, in the channel's unit.", default=None)
    warn_after: int | None = doc("Soft limit: a warning past it.", default=None)
    url_length: int | None = doc("Length a URL counts for.", default=None)
    max_parts: int | None = doc("SMS: most parts one message may take.", default=None)
    title_limit: int | None = doc("Push title / email subject hard limit.", default=None)
    title_warn_after: int | None = doc("Push title / email subject soft limit.", default=None)
    words_per_minute: int | None = doc("IVR: speaking rate used to time a message.", default=None)
    max_seconds: int | None = doc("IVR: longest message callers should hear.", default=None)
    handle: str | None = doc("The account or address used on this channel.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class Role:
    id: Ident = doc("Role id used by scenarios (e.g. cell-lead).")
    title: LocalText = doc("Role name per language.")
    duties: LocalText | None = doc("What the role does in a crisis.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class Window:
    """When a person can be reached: days of the week and a time range (local time)."""

    days: tuple[Weekday, ...] = doc("Days of the week (mon..sun).")
    start: ClockTime = doc("Start time HH:MM.", default="00:00")
    end: ClockTime = doc("End time HH:MM (before start: runs past midnight).", default="24:00")


@dataclass(frozen=True, eq=False, repr=False)
class Person:
    id: Ident = doc("Person id used by the roster.")
    name: str = doc("Full name.")
    phone: str | None = doc("Phone number for call-out.", default=None)
    email: str | None = doc("Email address.", default=None)
    availability: tuple[Window, ...] = doc(
        "When the person is on duty or on call; empty means never.", default=()
    )
    key: SigningKey | None = doc("Public key of their signed acts (key show).", default=None)
    login: str | None = doc(
        "Their login on the shared store, when it is not their person id.", default=None
    )


RelayKind = Literal["journalist", "relay", "partner", "authority"]


@dataclass(frozen=True, eq=False, repr=False)
class Relay:
    """Someone the cell briefs with a public statement: a journalist, a relay, a partner."""

    name: str = doc("Name of the person or the organisation.")
    kind: RelayKind = doc("journalist, relay (association, local elected), partner or authority.")
    contact: str = doc("How to reach them (phone or email).")
    outlet: str | None = doc("Their newsroom or organisation.", default=None)
    scenarios: tuple[Ident, ...] = doc("Scenarios they are briefed in (all if empty).", default=())
    note: LocalText | None = doc("What they need from us.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class Duty:
    """Who holds a role: the primary, then the backups in order."""

    primary: Ident = doc("Person id of the primary holder.")
    backups: tuple[Ident, ...] = doc("Person ids of the backups, in call order.", default=())


@dataclass(frozen=True, eq=False, repr=False)
class ForbiddenRule:
    """A pattern a message must not contain (denial, minimising, blame, promises, jargon...)."""

    id: Ident = doc("Rule id, shown in findings.")
    patterns: Mapping[Lang, tuple[str, ...]] = doc(
        "Regular expressions per language (case-insensitive)."
    )
    hint: LocalText = doc("How to fix the text.")
    level: FindingLevel = doc("error blocks, warning informs.", default="error")
    kinds: tuple[MessageKind, ...] = doc("Message kinds it applies to (all if empty).", default=())


@dataclass(frozen=True, eq=False, repr=False)
class RequiredRule:
    """An element a message of some kinds must contain (next update time, apology...)."""

    id: Ident = doc("Rule id, shown in findings.")
    kinds: tuple[MessageKind, ...] = doc("Message kinds that must contain it.")
    patterns: Mapping[Lang, tuple[str, ...]] = doc(
        "Regular expressions per language; one match is enough."
    )
    hint: LocalText = doc("What to add.")
    level: FindingLevel = doc("error blocks, warning informs.", default="error")
    channels: tuple[Ident, ...] = doc("Channels it applies to (all if empty).", default=())


@dataclass(frozen=True, eq=False, repr=False)
class ToneRules:
    forbidden: tuple[ForbiddenRule, ...] = doc("What a message must never say.", default=())
    required: tuple[RequiredRule, ...] = doc("What some kinds of message must say.", default=())


@dataclass(frozen=True, eq=False, repr=False)
class Organisation:
    """Organisation-wide settings: one edit changes every scenario."""

    brand: Brand = doc("The brand.")
    languages: tuple[Lang, ...] = doc("Languages of every text; the first is the default.")
    roles: tuple[Role, ...] = doc("The crisis cell's role catalogue.")
    people: tuple[Person, ...] = doc("The people of the cell and their availability.")
    roster: Mapping[Ident, Duty] = doc("For each role, who holds it and who backs them up.")
    channels: Mapping[Ident, ChannelSettings] = doc(
        "The channels in use (ids of the catalogue) and their limit overrides."
    )
    exercise_marker: LocalText = doc("First line of every message rendered during a drill.")
    timezone: str = doc("IANA time zone of the roster windows.", default="Europe/Paris")
    lead_role: Ident = doc("Role that activates, arbitrates and overrides.", default="cell-lead")
    links: Mapping[Ident, str] = doc(
        "Named links usable in templates (status-page, help, app...).", default_factory=dict
    )
    first_message_target: Duration = doc(
        "Target delay from activation to the first public message.",
        default=Duration(minutes=30),
    )
    update_interval: Duration = doc(
        "Default delay to the next promised update.", default=Duration(minutes=60)
    )
    tone: ToneRules = doc("Tone rules checked on every message.", default=ToneRules())
    relays: tuple[Relay, ...] = doc(
        "Journalists, relays and partners the cell briefs (the relay-brief message lists them).",
        default=(),
    )
    store: str | None = doc(
        "The cell's shared store, a postgresql:// URL without a password (libpq's ~/.pgpass "
        "holds it); unset, each laptop keeps its incidents in files.",
        default=None,
    )

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)


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
        "text, number, choice, multi-choice, time, datetime (a day and a time, in the "
        "organisation's time zone), duration or boolean."
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
