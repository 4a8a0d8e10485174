"""Gates: the validator passes or refuses what a gate covers; the lead goes past one.

Passing a gate that confirms facts closes the open steps it was all they waited for (the NOC
confirming the scope is one act, not two).
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.incident import work
from crisisplay.incident.ops.decision import (
    Decision,
    Refused,
    Request,
    acts,
    allowed,
    done_already,
    operation,
)
from crisisplay.incident.rules import may_decide_gate, may_lead
from crisisplay.incident.situation import Situation
from crisisplay.playbook.model import Gate
from crisisplay.suggest import did_you_mean
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import (
    FactsValidated,
    GateOverridden,
    GatePassed,
    GateRefused,
)


@dataclass(frozen=True)
class DecideGate(Request):
    """``asked``: how many times the gate had been decided when its validator was asked (None:
    as it stands now): a decision made meanwhile by someone else is then found, not repeated."""

    gate: str
    decision: str  # pass | refuse
    comment: str | None = None
    asked: int | None = None


@dataclass(frozen=True)
class OverrideGate(Request):
    gate: str
    reason: str


def find_gate(situation: Situation, gate_id: str) -> Gate:
    scenario = situation.scenario
    gate = scenario.gate(gate_id)
    if gate is None:
        known = [g.id for g in scenario.gates]
        raise Refused(
            f"scenario {scenario.id!r} has no gate {gate_id!r}{did_you_mean(gate_id, known)}",
            hint=f"its gates: {', '.join(known)}",
        )
    return gate


def _already(situation: Situation, gate: Gate) -> Decision | None:
    found = situation.state.gates.get(gate.id)
    if found is not None and found.cleared:
        last = found.decisions[-1]
        return done_already(
            t(
                "ops.gate_already",
                situation.lang,
                gate=gate.id,
                outcome=t(f"member.gate_status.{last.outcome}", situation.lang),
                who=situation.name_of(last.by),
                at=situation.clock(last.at),
            )
        )
    if not situation.applies(gate.when):
        return done_already(t("ops.gate_not_needed", situation.lang, gate=gate.id))
    return None


@operation(DecideGate)
def decide_gate(situation: Situation, person: str, request: DecideGate) -> Decision:
    gate = find_gate(situation, request.gate)
    already = _already(situation, gate)
    if already is not None:
        return already
    found = situation.state.gates.get(gate.id)
    if request.asked is not None and (found.asked if found else 0) != request.asked:
        assert found is not None
        last = next(d for d in reversed(found.decisions) if d.outcome != "reopened")
        return done_already(
            t(
                "ops.gate_decided_meanwhile",
                situation.lang,
                gate=gate.id,
                outcome=t(f"member.gate_status.{last.outcome}", situation.lang),
                who=situation.name_of(last.by),
                at=situation.clock(last.at),
            )
        )
    allowed(may_decide_gate(situation, person, gate.id))
    name = situation.name_of(person)
    comment = (request.comment or "").strip() or None
    if request.decision == "refuse":
        refused = GateRefused(gate.id, gate.validator, person, name, comment)
        return acts([refused], gate.validator)
    payloads: list[Payload] = [GatePassed(gate.id, gate.validator, person, name, comment)]
    confirmed = tuple(f for f in gate.facts if f in situation.state.facts)
    if confirmed:
        payloads.append(FactsValidated(confirmed, gate.id))
        payloads += closed_by(situation, gate)
    return acts(payloads, gate.validator)


def closed_by(situation: Situation, gate: Gate) -> list[Payload]:
    """The open steps whose only work left was this gate: done with its passing."""
    payloads: list[Payload] = []
    for view in situation.open_tasks:
        task = situation.task_def(view.id)
        if task is None or task.is_post or gate.id not in task.gates or task.messages:
            continue
        if task.checklist or task.resolves:
            continue  # its owner still has items to tick, or says it is over
        others = [g for g in task.gates if g != gate.id]
        if view.waits_on or not all(situation.gate_cleared(g) for g in others):
            continue
        if not view.started:
            payloads.append(work.started(task))
        payloads.append(work.done(task, ()))
    return payloads


@operation(OverrideGate)
def override_gate(situation: Situation, person: str, request: OverrideGate) -> Decision:
    gate = find_gate(situation, request.gate)
    already = _already(situation, gate)
    if already is not None:
        return already
    allowed(may_lead(situation, person))
    reason = request.reason.strip()
    if not reason:
        raise Refused(t("ops.override_reason", situation.lang))
    return acts([GateOverridden(gate.id, reason)], situation.lead_role)
