"""Tasks: taken on, ticked item by item, done or skipped with a reason, by their owner (or the
lead). A task is done only once its messages went out (or were deliberately left out) and its
gates passed; one whose every message was left out is skipped with that reason, never "done"."""

from __future__ import annotations

from collections.abc import Sequence
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
from crisisplay.incident.rules import may_do_task, recorded_role
from crisisplay.incident.situation import Situation
from crisisplay.playbook.graph import DONE, not_published
from crisisplay.playbook.tasks import Task
from crisisplay.suggest import did_you_mean
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import IncidentResolved, TaskChecked


@dataclass(frozen=True)
class StartTask(Request):
    task: str
    #: recorded with it: the phase it opens, the role assignment covering its owner
    cover: tuple[Payload, ...] = ()


@dataclass(frozen=True)
class CheckItems(Request):
    """Checklist items ticked, by number (from 1) or text; the task stays open."""

    task: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class FinishTask(Request):
    """The owner says the task is done; ``ticked``: the items ticked with it (None: those
    ticked so far)."""

    task: str
    ticked: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SkipTask(Request):
    task: str
    reason: str
    gate: str | None = None
    #: recorded with it: the phase it opens
    before: tuple[Payload, ...] = ()


def find_task(situation: Situation, task_id: str) -> Task:
    found = situation.task_def(task_id)
    if found is None:
        known = [task.id for task in situation.task_defs]
        raise Refused(
            f"scenario {situation.scenario.id!r} has no task {task_id!r}"
            f"{did_you_mean(task_id, known)}",
            hint="see them with `crisisplay tasks`",
        )
    return found


def _settled(situation: Situation, task: Task) -> Decision | None:
    status = situation.task_status(task)
    if status in DONE:
        return done_already(t(f"ops.task_{status}", situation.lang, task=task.id))
    return None


def _role(situation: Situation, person: str, task: Task) -> str | None:
    return recorded_role(situation, person, task.owner)


def _opened(situation: Situation, task: Task) -> list[Payload]:
    """Taken on, unless it already was."""
    return [] if situation.task_status(task) == "started" else [work.started(task)]


def _require_open(situation: Situation, task: Task) -> None:
    waits = situation.unmet(task)
    if waits:
        raise Refused(t("ops.task_waits", situation.lang, task=task.id, what=", ".join(waits)))


@operation(StartTask)
def start_task(situation: Situation, person: str, request: StartTask) -> Decision:
    task = find_task(situation, request.task)
    already = _settled(situation, task)
    if already is not None or situation.task_status(task) == "started":
        return already or done_already(t("ops.task_started", situation.lang, task=task.id))
    allowed(may_do_task(situation, person, task.id))
    return acts([*request.cover, work.started(task)], _role(situation, person, task))


@operation(CheckItems)
def check_items(situation: Situation, person: str, request: CheckItems) -> Decision:
    task = find_task(situation, request.task)
    already = _settled(situation, task)
    if already is not None:
        return already
    allowed(may_do_task(situation, person, task.id))
    _require_open(situation, task)
    labels = [item.get_text(situation.lang) for item in task.checklist]
    items = tuple(_item(labels, check, task.id) for check in request.items)
    ticked = _ticked(situation, task)
    new = tuple(item for item in items if item not in ticked)
    if not new:
        return done_already(t("ops.items_ticked", situation.lang, items=", ".join(items)))
    payloads = [*_opened(situation, task), TaskChecked(task.id, new, task.is_post)]
    return acts(payloads, _role(situation, person, task))


@operation(FinishTask)
def finish_task(situation: Situation, person: str, request: FinishTask) -> Decision:
    task = find_task(situation, request.task)
    already = _settled(situation, task)
    if already is not None:
        return already
    allowed(may_do_task(situation, person, task.id))
    _require_open(situation, task)
    lang = situation.lang
    opened = _opened(situation, task)
    unpublished = not_published(situation.state, task)
    if unpublished is not None:
        skipped = work.skipped(task, t("task.not_published", lang, reason=unpublished))
        return acts([*opened, skipped], _role(situation, person, task))
    _require_ready(situation, task)
    labels = [item.get_text(lang) for item in task.checklist]
    chosen = request.ticked if request.ticked is not None else _ticked(situation, task)
    ticked = tuple(label for label in labels if label in chosen)
    payloads = [*opened, work.done(task, ticked)]
    if task.resolves:
        payloads.append(IncidentResolved(task.id))
    return acts(payloads, _role(situation, person, task))


@operation(SkipTask)
def skip_task(situation: Situation, person: str, request: SkipTask) -> Decision:
    task = find_task(situation, request.task)
    already = _settled(situation, task)
    if already is not None:
        return already
    allowed(may_do_task(situation, person, task.id))
    reason = request.reason.strip()
    if not reason:
        raise Refused(t("ops.skip_reason", situation.lang))
    skipped = work.skipped(task, reason, gate=request.gate)
    payloads = [*request.before, skipped]
    return acts(payloads, _role(situation, person, task))


def _ticked(situation: Situation, task: Task) -> list[str]:
    table = situation.state.post_actions if task.is_post else situation.state.steps
    found = table.get(task.id)
    return list(found.checklist) if found is not None else []


def _require_ready(situation: Situation, task: Task) -> None:
    lang = situation.lang
    for message_id in task.messages:
        if not situation.settled(message_id):
            raise Refused(
                t("ops.task_message", lang, task=task.id, message=message_id),
                hint=t("ops.task_message_hint", lang, message=message_id),
            )
    for gate_id in task.gates:
        if not situation.gate_cleared(gate_id):
            raise Refused(
                t("ops.task_gate", lang, task=task.id, gate=gate_id),
                hint=t("ops.task_gate_hint", lang, gate=gate_id),
            )


def _item(labels: Sequence[str], check: str, task_id: str) -> str:
    """A checklist item by its number (from 1) or its text, or the start of its text."""
    text = check.strip()
    if text.isdigit() and 1 <= int(text) <= len(labels):
        return labels[int(text) - 1]
    if text in labels:
        return text
    exact = [label for label in labels if label.casefold() == text.casefold()]
    starts = [label for label in labels if label.casefold().startswith(text.casefold())]
    chosen = exact or starts
    if len(chosen) != 1 or not text:
        numbered = "; ".join(f"{n}. {label}" for n, label in enumerate(labels, start=1))
        raise Refused(
            f"{check!r} is not one item of the checklist of {task_id}",
            hint=f"give its number or its text: {numbered or 'it has no checklist'}",
        )
    return chosen[0]
