"""A task done from its owner's terminal: `crisisplay do TASK [--check ITEM]... [--skip REASON]`.

A task is taken on, ticked item by item and done as separate acts, done only when its owner
says so: ``--check`` ticks items and leaves it open; without it the task is done (its messages
published or deliberately left out first, its gates passed); ``--skip`` says why it is not
done. Like the other member operations, this reads the folded state and returns the events to
record; the command checks and appends them in one step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from crisisplay.conditions import holds
from crisisplay.errors import UsageError
from crisisplay.incident.graph import DONE, Graph, not_published
from crisisplay.incident.member_ops import Decided
from crisisplay.incident.tasks import Task, all_tasks
from crisisplay.playbook.convert import did_you_mean
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.vocabulary import IncidentResolved, TaskChecked


def find_task(scenario: Scenario, task_id: str) -> Task:
    tasks = all_tasks(scenario)
    found = next((task for task in tasks if task.id == task_id), None)
    if found is None:
        known = [task.id for task in tasks]
        raise UsageError(
            f"scenario {scenario.id!r} has no task {task_id!r}{did_you_mean(task_id, known)}",
            hint="see them with `crisisplay tasks`",
        )
    return found


def do_task(
    state: IncidentState,
    scenario: Scenario,
    org: Organisation,
    *,
    task_id: str,
    person: str,
    now: datetime,
    checks: Sequence[str] = (),
    skip: str | None = None,
) -> Decided:
    task = find_task(scenario, task_id)
    graph = Graph(scenario, all_tasks(scenario))
    status = graph.status(task, state)
    if status in DONE:
        return Decided(already=f"{task.id} is already {status}")
    _check_owner(state, org, task, person)
    values = {k: v for k, v in state.fact_values().items() if v is not None}
    values.update(severity=state.severity, drill=state.drill)
    unmet = graph.unmet(task, state, values, now)
    if unmet:
        waits = ", ".join(w.label() for w in unmet)
        raise UsageError(f"{task.id} is not open yet: it waits on {waits}")
    lang = state.lang or org.languages[0]
    events: list[Payload] = [] if status == "started" else [task.started()]
    if skip is not None:
        if not skip.strip():
            raise UsageError("a task skipped needs a reason (--skip REASON)")
        return Decided((*events, task.skipped(skip.strip())))
    labels = [item.get_text(lang) for item in task.checklist]
    found = state.post_actions.get(task.id) if task.is_post else state.steps.get(task.id)
    ticked = list(found.checklist) if found is not None else []
    if checks:
        items = tuple(_item(labels, check, task.id) for check in checks)
        new = tuple(item for item in items if item not in ticked)
        if not new:
            return Decided(already=f"{', '.join(items)}: already ticked")
        return Decided((*events, TaskChecked(task.id, new, task.is_post)))
    _check_ready(state, scenario, task, values)
    unpublished = not_published(state, task)
    if unpublished is not None:
        return Decided((*events, task.skipped(t("task.not_published", lang, reason=unpublished))))
    ticked_in_order = tuple(label for label in labels if label in ticked)
    events.append(task.done(ticked_in_order))
    if task.resolves:
        events.append(IncidentResolved(task.id))
    return Decided(tuple(events))


def _item(labels: Sequence[str], check: str, task_id: str) -> str:
    """A checklist item by its number (from 1) or its text, or the start of its text."""
    text = check.strip()
    if text.isdigit() and 1 <= int(text) <= len(labels):
        return labels[int(text) - 1]
    exact = [label for label in labels if label.casefold() == text.casefold()]
    starts = [label for label in labels if label.casefold().startswith(text.casefold())]
    chosen = exact or starts
    if len(chosen) != 1 or not text:
        numbered = "; ".join(f"{n}. {label}" for n, label in enumerate(labels, start=1))
        raise UsageError(
            f"{check!r} is not one item of the checklist of {task_id}",
            hint=f"give its number or its text: {numbered or 'it has no checklist'}",
        )
    return chosen[0]


def _check_owner(state: IncidentState, org: Organisation, task: Task, person: str) -> None:
    """The task's owner acts, or the cell lead (who may do any task, recorded as hers)."""
    lead = state.roles.get(state.lead_role or org.lead_role)
    holder = state.roles.get(task.owner)
    if (holder is not None and holder.person == person) or (lead and lead.person == person):
        return
    role = org.role(task.owner)
    title = role.title.get_text(state.lang or org.languages[0]) if role else task.owner
    who = f"{holder.name or holder.person}" if holder and holder.person else "nobody yet"
    raise UsageError(f"{task.id} belongs to the role {title} ({who}), or to the cell lead")


def _check_ready(
    state: IncidentState, scenario: Scenario, task: Task, values: Mapping[str, Any]
) -> None:
    for message_id in task.messages:
        progress = state.messages.get(message_id)
        if progress is None or not (progress.published or progress.skipped is not None):
            raise UsageError(
                f"{task.id} is not done while {message_id} has not gone out",
                hint=f"publish it first: crisisplay publish {message_id}",
            )
    for gate_id in task.gates:
        gate = scenario.gate(gate_id)
        found = state.gates.get(gate_id)
        if gate is None or holds(gate.when, values) is False:
            continue
        if not (found and found.cleared):
            raise UsageError(
                f"{task.id} waits on the gate {gate_id}",
                hint=f"its validator decides it: crisisplay gate pass {gate_id}",
            )


__all__ = ["do_task", "find_task"]
