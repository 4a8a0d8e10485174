"""``decide``: the one entry to every operation, by the request's type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from crisisplay.incident.ops import cell, facts, gates, messages, tasks
from crisisplay.incident.ops.decision import Decision
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
from crisisplay.incident.situation import Situation

_OPERATIONS: dict[type, Callable[[Situation, str, Any], Decision]] = {
    SetFact: facts.set_fact,
    DecideGate: gates.decide_gate,
    OverrideGate: gates.override_gate,
    StartTask: tasks.start_task,
    CheckItems: tasks.check_items,
    FinishTask: tasks.finish_task,
    SkipTask: tasks.skip_task,
    Publish: messages.publish,
    ShowToValidators: messages.show_to_validators,
    Preview: messages.preview,
    SkipMessage: messages.skip_message,
    WriteDown: cell.write_down,
    LeadAct: cell.lead_act,
    BoardNote: cell.board_note,
}


def decide(situation: Situation, person: str, request: Request) -> Decision:
    """The events ``person`` records by ``request`` on ``situation`` (pure)."""
    return _OPERATIONS[type(request)](situation, person, request)
