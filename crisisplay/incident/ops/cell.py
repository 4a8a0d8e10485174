"""The log book and the lead's own acts (severity, roster, escalations)."""

from __future__ import annotations

from dataclasses import dataclass, field

from crisisplay.incident.ops.decision import (
    Decision,
    Refused,
    Request,
    acts,
    allowed,
    done_already,
    operation,
)
from crisisplay.incident.rules import may_lead, may_write, recorded_role
from crisisplay.incident.situation import Situation
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import (
    DecisionLogged,
    EscalationDone,
    EscalationFired,
    NoteAdded,
    PhaseEntered,
    PostSkipped,
    RoleAssigned,
    RoleGap,
    SeverityAssessed,
    StepSkipped,
)


@dataclass(frozen=True)
class WriteDown(Request):
    """A note or a decision in the log book."""

    text: str
    decision: bool = False
    #: the role it is written in (one its writer holds), if said
    role: str | None = None


@dataclass(frozen=True)
class LeadAct(Request):
    """An act of the lead's own (severity, roster, escalations, a gap acknowledged)."""

    payloads: tuple[Payload, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class BoardNote(Request):
    """What the lead's board notes of its own run (a phase entered, a pause, its end): no act
    of anyone, allowed to whoever runs the board."""

    payloads: tuple[Payload, ...] = field(default_factory=tuple)


@operation(WriteDown)
def write_down(situation: Situation, person: str, request: WriteDown) -> Decision:
    allowed(may_write(situation, person))
    text = request.text.strip()
    if not text:
        raise Refused(t("ops.empty_note", situation.lang))
    payload = DecisionLogged(text) if request.decision else NoteAdded(text)
    role = recorded_role(situation, person, request.role)
    if request.role is not None and role != request.role:
        raise Refused(t("ops.role_not_held", situation.lang, role=request.role))
    return acts([payload], role)


@operation(LeadAct)
def lead_act(situation: Situation, person: str, request: LeadAct) -> Decision:
    fresh = [p for p in request.payloads if not _noted(situation, p)]
    if not fresh:
        return done_already(t("ops.noted", situation.lang))
    allowed(may_lead(situation, person))
    return acts(fresh, situation.lead_role)


@operation(BoardNote)
def board_note(situation: Situation, person: str, request: BoardNote) -> Decision:
    """What the board notes of its run, less what the record already says (another board, or
    this one before a retry, noted it first)."""
    fresh = [p for p in request.payloads if not _noted(situation, p)]
    if not fresh:
        return done_already(t("ops.noted", situation.lang))
    return acts(fresh, recorded_role(situation, person, situation.lead_role))


def _noted(situation: Situation, payload: Payload) -> bool:
    state = situation.state
    if isinstance(payload, PhaseEntered):
        return state.phase == payload.phase
    if isinstance(payload, EscalationFired):
        return payload.rule in state.escalations
    if isinstance(payload, EscalationDone):
        found = state.escalations.get(payload.rule)
        return found is not None and found.done_at is not None
    if isinstance(payload, RoleGap):
        gap = state.gaps.get(payload.role)
        if gap is None or gap.closed_at is not None:
            return False
        return payload.detected or (gap.acknowledged and gap.reason == payload.reason)
    if isinstance(payload, RoleAssigned):
        holder = state.roles.get(payload.role)
        return holder is not None and holder.person == payload.person
    if isinstance(payload, SeverityAssessed):
        last = state.severity_history[-1] if state.severity_history else None
        return (
            last is not None
            and state.facts_changed_seq == last.get("seq")
            and (last.get("level"), last.get("suggested")) == (payload.level, payload.suggested)
        )
    if isinstance(payload, StepSkipped):
        return payload.step in state.steps
    if isinstance(payload, PostSkipped):
        return payload.action in state.post_actions
    return False
