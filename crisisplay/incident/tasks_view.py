"""The incident's work by owner, as `crisisplay tasks` shows it: a projection of the folded
state against the scenario, like status.

A task is ``done`` or ``skipped`` once its owner said so, ``started`` once taken on, ``open``
when everything it waits for holds (several at once), ``waiting`` before, with what it waits
on; a task not done past its deadline is ``late`` (still with what it waits on). Each promise
of an update opens an update task due at the promised time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.incident.graph import DONE, Graph, due_at
from crisisplay.incident.tasks import all_tasks
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.texts import t
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
    """Every task of the incident with its state now, then the update tasks its promises
    opened (one per promise, due at the promised time, until the resolution)."""
    assert state.activated_at is not None
    graph = Graph(scenario, all_tasks(scenario))
    values = {k: v for k, v in state.fact_values().items() if v is not None}
    values.update(severity=state.severity, drill=state.drill)
    out: list[TaskView] = []
    for task in graph.tasks:
        status = graph.status(task, state)
        waits: tuple[str, ...] = ()
        if status is None and not graph.applies(task, values):
            continue  # its condition leaves it out
        if status not in DONE:
            waits = tuple(w.label() for w in graph.unmet(task, state, values, now))
            status = "started" if status == "started" else ("waiting" if waits else "open")
        due = due_at(task, state)
        if status in ("waiting", "open", "started") and due is not None and now > due:
            status = "late"  # what it still waits on stays in waits_on
        holder = state.roles.get(task.owner)
        title = task.title.get_text(lang)
        out.append(
            TaskView(
                task.id, title, task.owner, holder.person if holder else None, status, due, waits
            )
        )
    return out + update_tasks(state, graph, now, lang, ZoneInfo(org.timezone))


def update_tasks(
    state: IncidentState, graph: Graph, now: datetime, lang: str, zone: ZoneInfo
) -> list[TaskView]:
    """One update to publish per promise made: done when a later update (or the resolution
    message) kept it, late once its time is past."""
    owner, every = _update_owner(graph)
    holder = state.roles.get(owner) if owner else None
    out = []
    for number, promise in enumerate(state.promises, start=1):
        due_at = promise.due if every is None else min(promise.due, promise.made_at + every)
        if promise.kept_at is not None:
            status = "done"
        elif state.resolved_at is not None:
            status = "skipped"  # resolved: no further update is owed
        else:
            status = "late" if now > due_at else "open"
        due = due_at.astimezone(zone).strftime("%H:%M")
        title = t("update.title", lang, due=due)
        person = holder.person if holder else None
        out.append(TaskView(f"update-{number}", title, owner or "", person, status, due_at, ()))
    return out


def _update_owner(graph: Graph) -> tuple[str | None, timedelta | None]:
    """Whoever publishes the scenario's updates (the owner of the step that carries one), and
    the cadence that step sets, if any."""
    steps = {step.id: step for _, step in graph.scenario.steps()}
    for task in graph.tasks:
        for message_id in task.messages:
            message = graph.scenario.message(message_id)
            if message is not None and message.kind == "update":
                step = steps.get(task.id)
                return task.owner, step.every if step is not None else None
    return None, None
