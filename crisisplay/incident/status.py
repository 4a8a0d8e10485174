"""Where an incident stands: a projection of its state against its scenario."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crisisplay.conditions import holds
from crisisplay.incident.tasks import Task, all_tasks
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.timeline.events import format_time
from crisisplay.timeline.state import IncidentState


@dataclass(frozen=True)
class OpenStep:
    id: str
    title: str
    owner: str
    phase: str
    started: bool
    due: datetime | None
    late: timedelta | None  # how far past its deadline, or None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "owner": self.owner,
            "phase": self.phase,
            "started": self.started,
            "due": format_time(self.due) if self.due else None,
            "late_min": round(self.late.total_seconds() / 60) if self.late else None,
        }


@dataclass(frozen=True)
class WaitingGate:
    id: str
    title: str
    validator: str
    status: str  # pending | refused

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "validator": self.validator,
            "status": self.status,
        }


@dataclass(frozen=True)
class Status:
    incident: str
    scenario: str
    title: str
    drill: bool
    severity: str | None
    phase: str | None
    activated_at: datetime
    now: datetime
    resolved_at: datetime | None
    completed: bool
    open_steps: tuple[OpenStep, ...]
    gates_waiting: tuple[WaitingGate, ...]
    next_update: datetime | None
    missing_roles: tuple[tuple[str, str], ...]
    first_public_at: datetime | None
    #: the reader's language and the organisation's time zone
    lang: str = "en"
    zone: str = "UTC"
    #: role id -> its title in ``lang``
    role_titles: Mapping[str, str] = field(default_factory=dict)
    #: the severity level's name in ``lang``
    severity_title: str | None = None
    #: acts sent late from a laptop's outbox that no longer applied: (seq, who, why)
    late_acts: tuple[tuple[int, str, str], ...] = ()

    def role(self, role_id: str) -> str:
        return self.role_titles.get(role_id, role_id)

    @property
    def overdue(self) -> tuple[OpenStep, ...]:
        return tuple(s for s in self.open_steps if s.late is not None)

    @property
    def next_update_in(self) -> timedelta | None:
        return self.next_update - self.now if self.next_update else None

    def as_json(self) -> dict[str, Any]:
        left = self.next_update_in
        return {
            "incident": self.incident,
            "scenario": self.scenario,
            "title": self.title,
            "drill": self.drill,
            "severity": self.severity,
            "phase": self.phase,
            "activated_at": format_time(self.activated_at),
            "elapsed_min": round((self.now - self.activated_at).total_seconds() / 60),
            "resolved_at": format_time(self.resolved_at) if self.resolved_at else None,
            "completed": self.completed,
            "open_steps": [s.as_json() for s in self.open_steps],
            "overdue_steps": [s.id for s in self.overdue],
            "gates_waiting": [g.as_json() for g in self.gates_waiting],
            "next_update": format_time(self.next_update) if self.next_update else None,
            "next_update_in_min": round(left.total_seconds() / 60) if left is not None else None,
            "missing_roles": [{"role": r, "reason": why} for r, why in self.missing_roles],
            "first_public_at": format_time(self.first_public_at) if self.first_public_at else None,
            "late_acts": [{"seq": q, "by": who, "reason": why} for q, who, why in self.late_acts],
        }


def _variables(state: IncidentState) -> dict[str, Any]:
    values = {k: v for k, v in state.fact_values().items() if v is not None}
    if state.severity:
        values["severity"] = state.severity
    values["drill"] = state.drill
    return values


def _open_steps(
    state: IncidentState, scenario: Scenario, tasks: list[Task], now: datetime, lang: str
) -> list[OpenStep]:
    """The tasks open now (what they wait for holds), started, or overdue while they wait."""
    from crisisplay.incident.graph import Graph, due_at

    assert state.activated_at is not None
    out = []
    graph: Graph | None = None
    for task in tasks:
        table = state.post_actions if task.is_post else state.steps
        found = table.get(task.id)
        if found is not None and found.status in ("done", "skipped"):
            continue
        if holds(task.when, _variables(state)) is False:
            continue
        due = due_at(task, state)
        late = now - due if due and now > due else None
        if found is None and late is None:
            graph = graph or Graph(scenario, tasks)
            if graph.unmet(task, state, _variables(state), now):
                continue  # waiting, and not due yet: not open
        out.append(
            OpenStep(
                task.id,
                task.title.get_text(lang),
                task.owner,
                task.phase,
                found is not None,
                due,
                late,
            )
        )
    return out


def _gates_waiting(
    state: IncidentState, scenario: Scenario, open_ids: set[str], lang: str
) -> list[WaitingGate]:
    wanted: list[str] = []
    for task in all_tasks(scenario):
        if task.id not in open_ids:
            continue
        wanted += [g for g in task.gates if g not in wanted]
        for message_id in task.messages:
            message = scenario.message(message_id)
            if message is not None:
                wanted += [g for g in message.gates if g not in wanted]
    out = []
    for gate_id in wanted:
        gate = scenario.gate(gate_id)
        found = state.gates.get(gate_id)
        if gate is None or (found and found.cleared):
            continue
        if holds(gate.when, _variables(state)) is False:
            continue
        out.append(
            WaitingGate(
                gate_id,
                gate.title.get_text(lang),
                gate.validator,
                found.status if found else "pending",
            )
        )
    return out


def status_of(
    state: IncidentState, scenario: Scenario, org: Organisation, now: datetime, lang: str
) -> Status:
    """Where the incident stands at ``now``."""
    assert state.activated_at is not None and state.incident is not None
    tasks = all_tasks(scenario)
    open_steps = _open_steps(state, scenario, tasks, now, lang)
    promise = state.open_promise()
    missing = [
        (role, state.gaps[role].reason if role in state.gaps else "")
        for role in scenario.roles
        if role not in state.roles
    ]
    public = [pub.at for pub in state.publications if pub.public]
    phase = next((p.title.get_text(lang) for p in scenario.phases if p.id == state.phase), None)
    return Status(
        incident=state.incident,
        scenario=scenario.id,
        title=scenario.title.get_text(lang),
        drill=state.drill,
        severity=state.severity,
        phase=phase,
        activated_at=state.activated_at,
        now=now,
        resolved_at=state.resolved_at,
        completed=state.completed_at is not None,
        open_steps=tuple(open_steps),
        gates_waiting=tuple(_gates_waiting(state, scenario, {s.id for s in open_steps}, lang)),
        next_update=promise.due if promise else None,
        missing_roles=tuple(missing),
        first_public_at=min(public, default=None),
        lang=lang,
        zone=org.timezone,
        late_acts=tuple((e.seq, e.actor, e.text) for e in state.entries if e.kind == "act.late"),
        role_titles={role.id: role.title.get_text(lang) for role in org.roles},
        severity_title=next(
            (
                lvl.title.get_text(lang)
                for lvl in scenario.severity.levels
                if lvl.id == state.severity
            ),
            state.severity,
        ),
    )
