"""How the cell worked: gates, steps, roster gaps, escalations, severity, post-crisis work."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from crisisplay.report.kpis import (
    NOT_NEEDED,
    EscalationKpi,
    GateCounts,
    GateDecisionKpi,
    GateKpi,
    PostActionKpi,
    PostCrisis,
    RosterGap,
    SeverityChange,
    SkippedStep,
    StepCounts,
)
from crisisplay.report.lazy import mapped
from crisisplay.report.timing import minutes
from crisisplay.timeline.state import (
    EscalationState,
    GapState,
    GateDecision,
    GateState,
    IncidentState,
    Publication,
    StepState,
)

#: post-crisis kinds named by DOMAIN.md step 7, in the order a review reads them
STANDARD_POST_KINDS = ("compensation", "recontact", "report-h6", "report-d2", "review")
_KNOWN_POST_KINDS = frozenset((*STANDARD_POST_KINDS, "survey", "plan-update"))


def gate_kpis(gates: Mapping[str, GateState]) -> tuple[GateKpi, ...]:
    return tuple(
        GateKpi(
            gate_id,
            gate.status,
            mapped(gate.decisions, _decision),
        )
        for gate_id, gate in gates.items()
        if gate.decisions
    )


def _decision(d: GateDecision) -> GateDecisionKpi:
    return GateDecisionKpi(d.outcome, d.at, d.by, d.role, d.comment)


def gate_counts(gates: Sequence[GateKpi]) -> GateCounts:
    outcomes = [d.outcome for gate in gates for d in gate.decisions]
    return GateCounts(*(outcomes.count(o) for o in ("passed", "refused", "overridden", "reopened")))


def step_counts(steps: Mapping[str, StepState]) -> StepCounts:
    statuses = [step.status for step in steps.values()]
    return StepCounts(statuses.count("done"), statuses.count("skipped"), statuses.count("started"))


def skipped_steps(steps: Mapping[str, StepState]) -> tuple[SkippedStep, ...]:
    return tuple(
        SkippedStep(step_id, step.phase, step.ended_at, step.by, step.reason)
        for step_id, step in steps.items()
        if step.status == "skipped"
    )


def roster_gap(role: str, gap: GapState, ended_at: datetime) -> RosterGap:
    until = gap.closed_at or ended_at
    return RosterGap(
        role,
        gap.reason,
        gap.at,
        gap.closed_at,
        minutes(until - gap.at),
        gap.closed_at is None,
        gap.acknowledged,
    )


def escalation(rule: str, state: EscalationState) -> EscalationKpi:
    outcome = "answered"
    if state.done_at is None:
        outcome = "pending"
    elif state.declined:
        outcome = "declined"
    delay = minutes(state.done_at - state.fired_at) if state.done_at else None
    return EscalationKpi(
        rule,
        state.role,
        state.because,
        state.fired_at,
        state.done_at,
        delay,
        state.person,
        state.declined,
        outcome,
    )


def severity_changes(history: Sequence[Mapping[str, Any]]) -> tuple[SeverityChange, ...]:
    changes: list[SeverityChange] = []
    previous: str | None = None
    for entry in history:
        level = _text(entry.get("level"))
        changes.append(
            SeverityChange(
                at=entry["at"] if isinstance(entry.get("at"), datetime) else None,
                by=str(entry.get("by")),
                level=level,
                previous=previous,
                suggested=_text(entry.get("suggested")),
                overridden=bool(entry.get("overridden", False)),
                reason=_text(entry.get("reason")) or _text(entry.get("because")),
            )
        )
        previous = level
    return tuple(changes)


def post_crisis(state: IncidentState, publications: Sequence[Publication]) -> PostCrisis:
    actions = tuple(
        PostActionKpi(
            action_id,
            _post_kind(action_id, a.kind),
            NOT_NEEDED if a.status == "skipped" and a.auto else a.status,
            a.ended_at or a.started_at,
            a.by,
            a.reason,
        )
        for action_id, a in state.post_actions.items()
    )
    status = {kind: _standard_status(kind, actions) for kind in STANDARD_POST_KINDS}
    if status["compensation"] != "done" and any(p.kind == "compensation" for p in publications):
        status["compensation"] = "done"  # the gesture was announced, whatever the action's id
    return PostCrisis(
        actions,
        sum(1 for a in actions if a.status == "done"),
        status["compensation"],
        status["recontact"],
        status["report-h6"],
        status["report-d2"],
        status["review"],
    )


def _post_kind(action_id: str, recorded: str | None) -> str | None:
    """The kind the timeline recorded, else the id when it names a kind (report-h6...)."""
    if recorded is not None:
        return recorded
    return action_id if action_id in _KNOWN_POST_KINDS else None


def _standard_status(kind: str, actions: Sequence[PostActionKpi]) -> str:
    statuses = [a.status for a in actions if a.kind == kind]
    for status in ("done", "started", "skipped", NOT_NEEDED):
        if status in statuses:
            return status
    return "not recorded"


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
