"""The events of a task's life (taken on, done, skipped), of the step or post-crisis kind."""

from __future__ import annotations

from crisisplay.playbook.tasks import Task
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import (
    PostDone,
    PostSkipped,
    PostStarted,
    StepDone,
    StepSkipped,
    StepStarted,
)


def started(task: Task) -> Payload:
    if task.is_post:
        return PostStarted(task.id, task.post_kind, task.phase)
    return StepStarted(task.id, task.phase)


def done(task: Task, checklist: tuple[str, ...]) -> Payload:
    if task.is_post:
        return PostDone(task.id, task.post_kind, task.phase, checklist)
    return StepDone(task.id, task.phase, checklist)


def skipped(task: Task, reason: str, *, auto: bool = False, gate: str | None = None) -> Payload:
    if task.is_post:
        return PostSkipped(task.id, reason, task.post_kind, task.phase, auto)
    return StepSkipped(task.id, task.phase, reason, auto, gate)
