"""The incident's work by owner, as `crisisplay tasks` shows it: a projection of the folded
state against the scenario, like status.

A task is ``done`` or ``skipped`` once its owner said so; the one the walkthrough is on is
``started`` (or ``open`` until taken on); those after it are ``waiting`` on it; any of these
past its deadline is ``late``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.conditions import holds
from crisisplay.engine.tasks import all_tasks
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.timeline.state import IncidentState

STATES = ("waiting", "open", "started", "late", "done", "skipped")


@dataclass(frozen=True)
class TaskView:
    id: str
    title: str
    owner_role: str
    owner: str | None
    state: str
    due: datetime | None
    waits_on: tuple[str, ...]

    def as_json(self, zone: ZoneInfo) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "owner_role": self.owner_role,
            "owner": self.owner,
            "state": self.state,
            "due": self.due.astimezone(zone).isoformat(timespec="seconds") if self.due else None,
            "waits_on": list(self.waits_on),
        }


def tasks_of(
    state: IncidentState, scenario: Scenario, org: Organisation, now: datetime, lang: str
) -> list[TaskView]:
    assert state.activated_at is not None
    values = {k: v for k, v in state.fact_values().items() if v is not None}
    values.update(severity=state.severity, drill=state.drill)
    out: list[TaskView] = []
    current: str | None = None
    for task in all_tasks(scenario):
        table = state.post_actions if task.is_post else state.steps
        found = table.get(task.id)
        due = state.activated_at + task.deadline if task.deadline else None
        holder = state.roles.get(task.owner)
        waits: tuple[str, ...] = ()
        if found is not None and found.status in ("done", "skipped"):
            status = found.status
        elif found is None and holds(task.when, values) is False:
            continue  # its condition leaves it out
        else:
            status = "started" if found is not None else ("waiting" if current else "open")
            waits = (current,) if current and found is None else ()
            current = current or task.id
            if due is not None and now > due:
                status = "late"
        title = task.title.get_text(lang)
        out.append(
            TaskView(
                task.id, title, task.owner, holder.person if holder else None, status, due, waits
            )
        )
    return out
