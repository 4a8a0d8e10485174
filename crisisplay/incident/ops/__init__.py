"""The one engine: every act of the cell decided by one pure operation.

``decide(situation, person, request)`` reads the situation and returns the events that act
records, or says it is already done, or raises :class:`Refused` (:class:`NotAllowed` when the
rule book says no). Nothing here prompts, prints, reads a clock or touches the store:
:mod:`crisisplay.incident.record` checks and appends, and decides again when someone recorded
first. The lead's board and the members' commands build the same requests.

Each kind of act is a request and the operation that decides it, side by side in one module
(``@operation``): facts, gates, tasks, messages, the cell's log book and the lead's own acts.
"""

from __future__ import annotations

from crisisplay.incident.ops.cell import BoardNote, LeadAct, WriteDown
from crisisplay.incident.ops.decision import Decision, NotAllowed, Refused, Request, decide
from crisisplay.incident.ops.deliveries import (
    AbandonDelivery,
    Deliver,
    RecordOutcome,
    RecordReports,
    RetryDelivery,
)
from crisisplay.incident.ops.facts import SetFact
from crisisplay.incident.ops.gates import DecideGate, OverrideGate
from crisisplay.incident.ops.listening import RecordSignals
from crisisplay.incident.ops.messages import Preview, Publish, ShowToValidators, SkipMessage
from crisisplay.incident.ops.paging import (
    Acknowledge,
    Decline,
    Escalate,
    PageRoles,
    RecordPageDelivery,
)
from crisisplay.incident.ops.tasks import CheckItems, FinishTask, SkipTask, StartTask

__all__ = [
    "AbandonDelivery",
    "Acknowledge",
    "BoardNote",
    "CheckItems",
    "DecideGate",
    "Decision",
    "Decline",
    "Deliver",
    "Escalate",
    "FinishTask",
    "LeadAct",
    "NotAllowed",
    "OverrideGate",
    "PageRoles",
    "Preview",
    "Publish",
    "RecordOutcome",
    "RecordPageDelivery",
    "RecordReports",
    "RecordSignals",
    "Refused",
    "Request",
    "RetryDelivery",
    "SetFact",
    "ShowToValidators",
    "SkipMessage",
    "SkipTask",
    "StartTask",
    "WriteDown",
    "decide",
]
