"""The incident's state: everything its timeline says, as of its last event.

Built by the fold (``crisisplay.timeline.fold``) from nothing but events, and read by every view:
the walkthrough, status, render, published, drill scoring and the after-action report. Each act
keeps its sequence number and time, so views order acts by sequence, never by clock.
The state knows nothing of the playbook: projections that need deadlines or gate definitions
combine it with the scenario.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crisisplay.timeline.events import Event
from crisisplay.timeline.vocabulary import ChannelText


@dataclass
class FactState:
    value: Any
    set_by: str
    set_at: datetime
    source: str
    validated_by: str | None = None
    #: every value it had: (time, value, actor, seq), oldest first
    history: list[tuple[datetime, Any, str, int]] = field(default_factory=list)
    seq: int = 0
    #: said to be not known yet (the value is then None)
    unknown: bool = False
    #: where a value read from the signals came from
    origin: str | None = None

    @property
    def validated(self) -> bool:
        return self.validated_by is not None


@dataclass(frozen=True)
class SignalHour:
    """One hour of a signal as the incident recorded it."""

    count: int
    level: str
    baseline: float | None
    ratio: float | None


@dataclass(frozen=True)
class SignalCrossing:
    """A signal's level crossing, with the step it proposed."""

    signal: str
    level: str
    previous: str
    hour: datetime
    at: datetime
    reason: str
    proposed: str | None


@dataclass
class RoleState:
    person: str | None
    name: str | None
    via: str
    on_duty: bool
    at: datetime


@dataclass
class GapState:
    """A required role nobody covers: seen by the roster check, then answered by the lead."""

    reason: str
    at: datetime
    closed_at: datetime | None = None
    #: the lead has said why the cell goes on without the role (not just the roster's finding)
    acknowledged: bool = False


@dataclass
class StepState:
    phase: str
    status: str  # started | done | skipped
    started_at: datetime | None = None
    ended_at: datetime | None = None
    reason: str | None = None
    by: str | None = None
    checklist: list[str] = field(default_factory=list)
    #: a post-crisis action's kind (compensation, report-h6...)
    kind: str | None = None
    #: skipped by its condition, not by a person
    auto: bool = False
    seq: int = 0


@dataclass(slots=True)
class GateDecision:
    outcome: str  # passed | refused | overridden | reopened
    at: datetime
    by: str
    role: str | None
    comment: str | None
    seq: int = 0


@dataclass
class GateState:
    decisions: list[GateDecision] = field(default_factory=list)
    #: facts its validator confirmed; changing one of them re-opens the gate
    validated_facts: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        """pending, passed, refused, overridden, or reopened (a fact it confirmed changed)."""
        return self.decisions[-1].outcome if self.decisions else "pending"

    @property
    def asked(self) -> int:
        """How many times the validator was asked (re-openings are not answers)."""
        return sum(1 for d in self.decisions if d.outcome != "reopened")

    @property
    def cleared(self) -> bool:
        """Passed, or overridden by the lead: a message behind it may go out."""
        return self.status in ("passed", "overridden")


@dataclass(slots=True)
class Rendered:
    channel: str
    lang: str
    sha256: str
    at: datetime
    ok: bool
    text: str | None = None
    title: str | None = None
    seq: int = 0


@dataclass(frozen=True, slots=True)
class Publication:
    """One message that went out, with everything a view needs of that moment."""

    seq: int
    at: datetime
    message: str
    kind: str
    channels: tuple[str, ...]
    public: bool
    by: str
    gates_overridden: tuple[str, ...]
    #: the exact texts (empty for timelines of crisisplay 0.1, which kept only their hashes)
    texts: tuple[ChannelText, ...] = ()
    #: the next update promised when it went out
    next_update: datetime | None = None
    #: the status of every gate decided so far, as it stood at that moment
    gates: tuple[tuple[str, str], ...] = ()
    #: a correction: the seq of the publication it corrects
    corrects: int | None = None


@dataclass
class MessageState:
    kind: str
    #: its latest rendering by the walkthrough, per channel: what the validator is shown
    rendered: dict[str, Rendered] = field(default_factory=dict)
    skipped_channels: dict[str, str] = field(default_factory=dict)
    publications: list[Publication] = field(default_factory=list)
    skipped: str | None = None
    #: facts corrected from its publish question
    corrections: int = 0
    #: the sequence number of its latest rendering (every channel, or skipped by its condition)
    rendered_seq: int | None = None
    #: the next update its latest rendering says (holding statements, updates)
    next_update: datetime | None = None

    @property
    def published(self) -> bool:
        return bool(self.publications)


@dataclass
class DeliveryState:
    """One channel of one publication through one account: where it stands, and its receipt."""

    id: str
    message: str
    publication: int
    channel: str
    account: str
    account_kind: str
    lang: str
    requested_at: datetime
    requested_by: str
    #: requested, sent, failed, unknown, abandoned
    state: str = "requested"
    attempt: int = 1
    at: datetime | None = None
    remote_id: str | None = None
    url: str | None = None
    details: Any = None
    reason: str | None = None
    corrects: str | None = None
    #: delivery reports received later: (remote id, state)
    reports: list[tuple[str, str]] = field(default_factory=list)
    seq: int = 0


@dataclass
class PageState:
    """One person paged for one role: answered or not, and how."""

    id: str
    role: str
    person: str
    code: str
    because: str
    sent_at: datetime
    seq: int
    #: paged, acked, declined, escalated
    state: str = "paged"
    answered_at: datetime | None = None
    via: str | None = None
    reason: str | None = None
    escalated_to: str | None = None
    #: when the role passed on from this page (late or declined)
    escalated_at: datetime | None = None
    #: the paging accounts it goes out through
    accounts: tuple[str, ...] = ()
    #: what each paging account said: (account, taken)
    delivered: list[tuple[str, bool]] = field(default_factory=list)


@dataclass(slots=True)
class Promise:
    due: datetime
    made_at: datetime
    message: str
    kept_at: datetime | None = None
    seq: int = 0


@dataclass
class EscalationState:
    role: str
    because: str
    fired_at: datetime
    done_at: datetime | None = None
    person: str | None = None
    declined: str | None = None


@dataclass(slots=True)
class Entry:
    """A free note or decision logged by any member of the cell."""

    kind: str
    at: datetime
    actor: str
    role: str | None
    text: str
    seq: int = 0


@dataclass(frozen=True)
class InjectState:
    """A drill inject as it reached the cell."""

    inject: str
    kind: str
    seq: int
    at: datetime
    target: str | None
    #: what the cell was told, per language
    text: Mapping[str, str]


@dataclass
class IncidentState:
    """Everything the timeline says about an incident, as of its last event."""

    incident: str | None = None
    scenario: str | None = None
    title: str | None = None
    lang: str | None = None
    drill: bool = False
    drill_id: str | None = None
    drill_plan: Any = None
    #: a paced drill's speed (exercise time per wall time), as recorded at activation
    drill_speed: float | None = None
    drill_paced: bool = False
    lead_role: str | None = None
    activated_at: datetime | None = None
    activated_by: str | None = None
    activation_seq: int = 0
    alert_at: datetime | None = None
    first_message_target_min: float | None = None
    update_interval_min: float | None = None
    facts: dict[str, FactState] = field(default_factory=dict)
    #: the sequence number of the latest change to a fact or to the severity
    facts_changed_seq: int = 0
    severity: str | None = None
    severity_history: list[dict[str, Any]] = field(default_factory=list)
    roles: dict[str, RoleState] = field(default_factory=dict)
    gaps: dict[str, GapState] = field(default_factory=dict)
    phase: str | None = None
    phases_entered: list[tuple[str, datetime]] = field(default_factory=list)
    steps: dict[str, StepState] = field(default_factory=dict)
    gates: dict[str, GateState] = field(default_factory=dict)
    messages: dict[str, MessageState] = field(default_factory=dict)
    #: every publication, in order
    publications: list[Publication] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    #: promises not answered yet (kept apart so a long incident folds in linear time)
    pending_promises: list[Promise] = field(default_factory=list)
    escalations: dict[str, EscalationState] = field(default_factory=dict)
    #: every delivery, by id, in the order they were requested
    deliveries: dict[str, DeliveryState] = field(default_factory=dict)
    #: every page, by id, in the order they were sent
    pages: dict[str, PageState] = field(default_factory=dict)
    resolved_at: datetime | None = None
    #: each signal's hours as recorded: (signal, hour) -> its latest summary
    signal_hours: dict[tuple[str, datetime], SignalHour] = field(default_factory=dict)
    #: each signal's level as last recorded, and every crossing in order
    signal_levels: dict[str, str] = field(default_factory=dict)
    signal_crossings: list[SignalCrossing] = field(default_factory=list)
    post_actions: dict[str, StepState] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    injects: list[InjectState] = field(default_factory=list)
    paused_at: datetime | None = None
    completed_at: datetime | None = None
    #: the last take-over of the lead's board: its seq and who took it
    board_taken_seq: int = 0
    board_taken_by: str | None = None
    repairs: int = 0
    #: events of kinds this crisisplay does not know (a newer one wrote them)
    others: list[Event] = field(default_factory=list)
    last_seq: int = 0
    last_at: datetime | None = None
    head: str | None = None

    def fact_values(self) -> dict[str, Any]:
        return {fact_id: fact.value for fact_id, fact in self.facts.items()}

    def elapsed(self, now: datetime) -> timedelta:
        return now - self.activated_at if self.activated_at else timedelta(0)

    def open_promise(self) -> Promise | None:
        """The latest promise of an update not yet kept."""
        return self.pending_promises[-1] if self.pending_promises else None

    @property
    def promise_in_force(self) -> Promise | None:
        """The latest promise made: the next-update time every text says until the next one.
        None once the incident is resolved (there is no next update to promise)."""
        if self.resolved_at is not None or not self.promises:
            return None
        return self.promises[-1]

    def apply(self, event: Event) -> None:
        """Add one event to the state (the fold's step)."""
        _fold.apply(self, event)

    def apply_all(self, events: Iterable[Event]) -> None:
        step = _fold.apply
        for event in events:
            step(self, event)


def fold(events: Iterable[Event], source: str = "<timeline>") -> IncidentState:
    """The state an incident is in after ``events`` (pure: the events are not changed).
    A payload that does not match its kind is a TimelineError naming ``source`` and the seq."""
    return _fold.fold_into(IncidentState(), events, source)


# The fold's handlers build the classes above: it is imported once they exist, whichever of the
# two modules is imported first.
from crisisplay.timeline import fold as _fold  # noqa: E402
