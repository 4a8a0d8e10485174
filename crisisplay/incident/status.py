"""Where an incident stands: a projection of its state against its scenario."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crisisplay.incident.paging import formed_at, unreached, waiting_for
from crisisplay.incident.situation import Situation
from crisisplay.playbook.tasks import AFTER_PHASE
from crisisplay.texts import t
from crisisplay.timeline.events import format_time


@dataclass(frozen=True)
class OpenStep:
    id: str
    title: str
    owner: str
    phase: str
    started: bool
    due: datetime | None
    late: timedelta | None  # how far past its deadline, or None
    #: the phase as the reader's language names it (the id stays the JSON's)
    phase_title: str = ""

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
    #: its validator's role was paged and nobody has acknowledged for it yet
    unreached: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "validator": self.validator,
            "status": self.status,
            "unreached": self.unreached,
        }


@dataclass(frozen=True)
class CellStatus:
    """Whether the cell is formed (once someone was paged): since when, else which roles of
    the quorum have not answered."""

    formed_at: datetime | None
    waiting_for: tuple[str, ...]

    def as_json(self, activated_at: datetime) -> dict[str, Any]:
        after = (self.formed_at - activated_at).total_seconds() / 60 if self.formed_at else None
        return {
            "formed": self.formed_at is not None,
            "formed_at": format_time(self.formed_at) if self.formed_at else None,
            "formed_after_min": round(after) if after is not None else None,
            "waiting_for": list(self.waiting_for),
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
    #: the cell formed or not, once someone was paged (None before any page)
    cell: CellStatus | None = None

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
            "cell": self.cell.as_json(self.activated_at) if self.cell else None,
        }


def status_of(situation: Situation, lang: str | None = None) -> Status:
    """Where the incident stands, read from the situation (in ``lang``, else its own)."""
    state, scenario, org = situation.state, situation.scenario, situation.org
    assert state.activated_at is not None and state.incident is not None
    reader = situation.read_in(lang) if lang else situation
    lang = reader.lang
    now = situation.now
    titles = {p.id: p.title.get_text(lang) for p in scenario.phases}
    titles[AFTER_PHASE] = t("status.after_phase", lang)
    open_steps = tuple(
        OpenStep(
            view.id,
            view.title,
            view.owner_role,
            view.phase,
            view.started,
            view.due,
            now - view.due if view.due is not None and now > view.due else None,
            titles.get(view.phase, view.phase),
        )
        for view in reader.open_tasks
    )
    gates = tuple(
        WaitingGate(
            gate.id,
            gate.gate.title.get_text(lang),
            gate.gate.validator,
            gate.status,
            unreached(situation, gate.gate.validator),
        )
        for gate in reader.gates_waiting
    )
    cell = None
    if state.pages:
        cell = CellStatus(formed_at(situation), waiting_for(situation))
    phase = next((p.title.get_text(lang) for p in scenario.phases if p.id == reader.phase), None)
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
        open_steps=open_steps,
        gates_waiting=gates,
        next_update=reader.next_update,
        missing_roles=reader.missing_roles,
        first_public_at=reader.first_public_at,
        lang=lang,
        zone=org.timezone,
        late_acts=reader.late_acts,
        cell=cell,
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
