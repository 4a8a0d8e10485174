"""The vocabulary of the timeline: one class per kind of event, with its payload's fields.

The engine, the member commands and the drills record instances of these classes, never dicts;
the fold (``crisisplay.timeline.state``) dispatches on them. Times are aware datetimes here and
ISO 8601 UTC on the line. ``docs/events.md`` is generated from this package
(``python -m crisisplay.timeline.eventdoc``) and a test keeps it in step.
"""

from __future__ import annotations

from datetime import datetime

from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary.delivery import (
    DeliveryAbandoned,
    DeliveryFailed,
    DeliveryReport,
    DeliveryRequested,
    DeliverySent,
    DeliveryUnknown,
)
from crisisplay.timeline.vocabulary.incident import (
    EscalationDone,
    EscalationFired,
    FactSet,
    FactSource,
    FactsValidated,
    IncidentActivated,
    IncidentResolved,
    RoleAssigned,
    RoleGap,
    SeverityAssessed,
    Via,
)
from crisisplay.timeline.vocabulary.listening import SignalLevelCrossed, SignalSummary
from crisisplay.timeline.vocabulary.messages import (
    ANSWERS_PROMISE,
    PROMISING,
    ChannelSkipped,
    ChannelText,
    MessagePublished,
    MessageRendered,
    MessageSkipped,
    PromiseMade,
)
from crisisplay.timeline.vocabulary.paging import (
    PageAcked,
    PageDeclined,
    PageDelivered,
    PageEscalated,
    PageSent,
)
from crisisplay.timeline.vocabulary.work import (
    BoardTakenOver,
    DecisionLogged,
    DrillInject,
    GateOverridden,
    GatePassed,
    GateRefused,
    LateAct,
    NoteAdded,
    PhaseEntered,
    PostDone,
    PostSkipped,
    PostStarted,
    StepDone,
    StepSkipped,
    StepStarted,
    TaskChecked,
    TimelineRepaired,
    WalkthroughCompleted,
    WalkthroughPaused,
)


def new_event(payload: Payload, actor: str, role: str | None, at: datetime) -> NewEvent:
    """What a writer hands the store: the payload written out under its kind."""
    return NewEvent(payload.KIND, actor, role, payload.to_json(), at)


__all__ = [
    "ANSWERS_PROMISE",
    "PROMISING",
    "BoardTakenOver",
    "ChannelSkipped",
    "ChannelText",
    "DecisionLogged",
    "DeliveryAbandoned",
    "DeliveryFailed",
    "DeliveryReport",
    "DeliveryRequested",
    "DeliverySent",
    "DeliveryUnknown",
    "DrillInject",
    "EscalationDone",
    "EscalationFired",
    "FactSet",
    "FactSource",
    "FactsValidated",
    "GateOverridden",
    "GatePassed",
    "GateRefused",
    "IncidentActivated",
    "IncidentResolved",
    "LateAct",
    "MessagePublished",
    "MessageRendered",
    "MessageSkipped",
    "NoteAdded",
    "PageAcked",
    "PageDeclined",
    "PageDelivered",
    "PageEscalated",
    "PageSent",
    "PhaseEntered",
    "PostDone",
    "PostSkipped",
    "PostStarted",
    "PromiseMade",
    "RoleAssigned",
    "RoleGap",
    "SeverityAssessed",
    "SignalLevelCrossed",
    "SignalSummary",
    "StepDone",
    "StepSkipped",
    "StepStarted",
    "TaskChecked",
    "TimelineRepaired",
    "Via",
    "WalkthroughCompleted",
    "WalkthroughPaused",
    "new_event",
]
