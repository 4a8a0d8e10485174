"""The key figures of a response, as frozen data: what the review (bilan, RETEX) looks at.

Every value here is computed from the timeline's events alone (``crisisplay.report.measure``):
the same timeline always gives the same figures. Durations are minutes, rounded to a tenth;
times are UTC. The field names are the names of the JSON report (``docs/report.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crisisplay.report.jsonable import AsJson


@dataclass(frozen=True)
class IncidentInfo(AsJson):
    incident: str
    scenario: str
    title: str | None
    lang: str | None
    drill: bool
    drill_id: str | None
    activated_at: datetime
    activated_by: str | None
    alert_at: datetime | None
    resolved_at: datetime | None
    completed: bool
    #: the time of the last event: where the record stops
    ended_at: datetime
    events: int
    head: str | None
    severity: str | None
    first_message_target_min: float
    update_interval_min: float


@dataclass(frozen=True)
class FirstWord(AsJson):
    """The first public message, overall (``channel`` None) or on one channel."""

    channel: str | None
    message: str | None
    at: datetime | None
    #: minutes from activation
    after_min: float | None
    target_min: float
    met: bool
    #: minutes past the target (0 when met; None when nothing public went out)
    late_by_min: float | None
    #: why the channel was deliberately left out of an earlier public message (a service down)
    left_out: str | None = None


@dataclass(frozen=True)
class PromiseKpi(AsJson):
    """A promised next update: kept (answered by its due time), missed (answered late),
    unanswered (due before the record stops, never answered) or open (not yet due)."""

    message: str
    made_at: datetime
    due: datetime
    answered_at: datetime | None
    outcome: str
    #: minutes past the due time (answered late, or still unanswered when the record stops)
    late_by_min: float
    #: minutes to spare when kept
    early_by_min: float


@dataclass(frozen=True)
class PromiseCounts(AsJson):
    made: int
    kept: int
    missed: int
    unanswered: int
    open: int


@dataclass(frozen=True)
class Cadence(AsJson):
    """How regularly the public heard about the incident: the intervals between successive
    publications of a holding statement, an update or the resolution."""

    kinds: tuple[str, ...]
    publications: int
    intervals_min: tuple[float, ...]
    mean_interval_min: float | None
    longest_interval_min: float | None
    target_min: float
    #: intervals longer than the organisation's update interval
    over_target: int


@dataclass(frozen=True)
class GateDecisionKpi(AsJson):
    outcome: str  # passed | refused | overridden | reopened
    at: datetime
    by: str
    role: str | None
    comment: str | None


@dataclass(frozen=True)
class GateKpi(AsJson):
    gate: str
    status: str
    decisions: Sequence[GateDecisionKpi]


@dataclass(frozen=True)
class GateCounts(AsJson):
    """Decisions of every gate, by outcome (a gate refused then passed counts in both)."""

    passed: int
    refused: int
    overridden: int
    reopened: int


@dataclass(frozen=True)
class StepCounts(AsJson):
    done: int
    skipped: int
    #: started and neither done nor skipped when the record stops
    open: int


@dataclass(frozen=True)
class SkippedStep(AsJson):
    step: str
    phase: str
    at: datetime | None
    by: str | None
    reason: str | None


@dataclass(frozen=True)
class RosterGap(AsJson):
    role: str
    reason: str
    opened_at: datetime
    closed_at: datetime | None
    #: until someone covered the role, or until the record stops
    lasted_min: float
    still_open: bool
    acknowledged: bool


@dataclass(frozen=True)
class EscalationKpi(AsJson):
    rule: str
    role: str
    because: str
    fired_at: datetime
    done_at: datetime | None
    #: from the rule firing to someone answering (or declining)
    delay_min: float | None
    person: str | None
    declined: str | None
    outcome: str  # answered | declined | pending


@dataclass(frozen=True)
class SeverityChange(AsJson):
    #: None only when a malformed payload hid the time (the fold lets payload keys win)
    at: datetime | None
    by: str
    level: str | None
    previous: str | None
    suggested: str | None
    overridden: bool
    reason: str | None


@dataclass(frozen=True)
class ChannelMessages(AsJson):
    channel: str
    published: int
    messages: tuple[str, ...]


@dataclass(frozen=True)
class ChannelSkip(AsJson):
    message: str
    channel: str
    reason: str


@dataclass(frozen=True)
class MessageSkip(AsJson):
    message: str
    kind: str
    reason: str


@dataclass(frozen=True)
class PostActionKpi(AsJson):
    action: str
    kind: str | None
    status: str  # started | done | skipped | not needed (its condition does not hold)
    at: datetime | None
    by: str | None
    reason: str | None


#: A post-crisis action whose condition does not hold for this incident (no gesture to
#: announce when no customer lost service...): not owed, so not counted as missing.
NOT_NEEDED = "not needed"


@dataclass(frozen=True)
class PostCrisis(AsJson):
    """Work after the crisis (DOMAIN.md, step 7); each standard item is done, skipped,
    started, "not needed" or "not recorded"."""

    actions: tuple[PostActionKpi, ...]
    done: int
    compensation: str
    recontact: str
    report_h6: str
    report_d2: str
    review: str


@dataclass(frozen=True)
class ExpectationResult(AsJson):
    """One expectation of a drill, as `crisisplay drill score` reports it."""

    id: str
    kind: str | None
    title: str | None
    met: bool
    at: datetime | None
    due: datetime | None
    late_min: float | None
    points: float
    max_points: float
    note: str | None


@dataclass(frozen=True)
class DrillResult(AsJson):
    """A drill's expectations and score, as the drill scoring computes them."""

    drill: str
    title: str | None
    score: float | None
    max: float | None
    expectations: tuple[ExpectationResult, ...]
    #: why there is no score (a drill timeline without its recorded plan...)
    note: str | None = None


@dataclass(frozen=True)
class Kpis(AsJson):
    incident: IncidentInfo
    alert_to_activation_min: float | None
    first_public_message: FirstWord
    first_public_message_per_channel: tuple[FirstWord, ...]
    promises: tuple[PromiseKpi, ...]
    promise_counts: PromiseCounts
    update_cadence: Cadence
    gates: tuple[GateKpi, ...]
    gate_decisions: GateCounts
    step_counts: StepCounts
    steps_skipped: tuple[SkippedStep, ...]
    roster_gaps: tuple[RosterGap, ...]
    escalations: tuple[EscalationKpi, ...]
    severity_changes: tuple[SeverityChange, ...]
    time_to_resolution_min: float | None
    alert_to_resolution_min: float | None
    messages_per_channel: tuple[ChannelMessages, ...]
    channels_skipped: tuple[ChannelSkip, ...]
    messages_skipped: tuple[MessageSkip, ...]
    post_crisis: PostCrisis
    drill: DrillResult | None


@dataclass(frozen=True)
class PageKpi(AsJson):
    """One page: who was paged for which role, and what became of it."""

    page: str
    role: str
    person: str
    #: why it went out: activation, asked (crisisplay page), late or declined (an escalation)
    because: str
    paged_at: datetime
    #: acknowledged, declined, escalated (passed on unanswered) or unanswered
    outcome: str
    acked_at: datetime | None
    #: how it was acknowledged: terminal, sms, matrix or act (the person's first act)
    via: str | None
    #: minutes from the page to its acknowledgement
    ack_min: float | None
    declined_at: datetime | None
    declined: str | None
    escalated_to: str | None
    escalated_at: datetime | None
    #: the paging accounts that took it, and those that could not
    delivered_by: tuple[str, ...]
    failed_on: tuple[str, ...]


@dataclass(frozen=True)
class RoleMobilised(AsJson):
    """One role paged: from its first page to the first acknowledgement for it."""

    role: str
    in_quorum: bool
    paged_at: datetime
    acked_at: datetime | None
    acked_by: str | None
    #: minutes from the role's first page to its first acknowledgement (escalations included)
    ack_min: float | None
    pages: int


@dataclass(frozen=True)
class Mobilisation(AsJson):
    """How the cell was brought together: only for a record that holds pages."""

    #: the roles whose answer forms the cell
    quorum: tuple[str, ...]
    #: scenario (its ``quorum:`` or all its roles), or record (the scenario could not be read:
    #: the roles paged at activation and the lead's)
    quorum_from: str
    formed_at: datetime | None
    #: minutes from activation to the cell formed; null when the quorum never all answered
    activation_to_formed_min: float | None
    #: the roles of the quorum nobody answered for
    not_answered: tuple[str, ...]
    roles: tuple[RoleMobilised, ...]
    pages: tuple[PageKpi, ...]
    #: the pages nobody acknowledged or declined (passed on or not)
    never_answered: tuple[str, ...]
