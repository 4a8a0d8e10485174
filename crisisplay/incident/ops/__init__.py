"""The one engine: every act of the cell decided by one pure operation.

``decide(situation, person, request)`` reads the situation and returns the events that act
records, or says it is already done, or raises :class:`NotAllowed` (the rule book's answer) or
another ``UsageError``. Nothing here prompts, prints, reads a clock or touches the store:
:mod:`crisisplay.incident.record` checks and appends, and decides again when someone recorded
first. The lead's board and the members' commands build the same requests.
"""

from __future__ import annotations

from crisisplay.incident.ops.decision import Decision, NotAllowed, Refused
from crisisplay.incident.ops.dispatch import decide
from crisisplay.incident.ops.requests import (
    BoardNote,
    CheckItems,
    DecideGate,
    FinishTask,
    LeadAct,
    OverrideGate,
    Preview,
    Publish,
    Request,
    SetFact,
    ShowToValidators,
    SkipMessage,
    SkipTask,
    StartTask,
    WriteDown,
)

__all__ = [
    "BoardNote",
    "CheckItems",
    "DecideGate",
    "Decision",
    "FinishTask",
    "LeadAct",
    "NotAllowed",
    "OverrideGate",
    "Preview",
    "Publish",
    "Refused",
    "Request",
    "SetFact",
    "ShowToValidators",
    "SkipMessage",
    "SkipTask",
    "StartTask",
    "WriteDown",
    "decide",
]
