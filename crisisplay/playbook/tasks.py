"""Steps and post-crisis actions seen the same way by the walkthrough.

A step (in a phase, due relative to activation unless its deadline names another anchor) and a
post-crisis action (due relative to the resolution: H+6, D+2) both have an owner, optional
gates and messages, and are done or skipped with a reason; only the event kinds differ, so the
timeline tells them apart (``crisisplay.incident.work`` makes their events). When each opens
is in ``crisisplay.playbook.graph``.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.playbook.model import Phase, PostAction, Scenario, Step
from crisisplay.playbook.types import Due, LocalText

AFTER_PHASE = "after"


@dataclass(frozen=True)
class Task:
    id: str
    phase: str
    title: LocalText
    owner: str
    deadline: Due | None
    checklist: tuple[LocalText, ...]
    gates: tuple[str, ...]
    messages: tuple[str, ...]
    when: str | None
    help: LocalText | None
    resolves: bool
    is_post: bool
    #: a post-crisis action's kind (compensation, recontact, report-h6...)
    post_kind: str | None = None
    #: what it waits for, as the playbook wrote it (None: the task before it)
    after: tuple[str, ...] | None = None

    @property
    def group(self) -> str:
        """The answers-file group of this task's questions."""
        return "post" if self.is_post else "steps"


def from_step(phase: Phase, step: Step) -> Task:
    return Task(
        step.id,
        phase.id,
        step.title,
        step.owner,
        step.deadline,
        step.checklist,
        step.gates,
        step.messages,
        step.when,
        step.help,
        step.resolves,
        is_post=False,
        after=step.after,
    )


def from_post_action(action: PostAction) -> Task:
    return Task(
        action.id,
        AFTER_PHASE,
        action.title,
        action.owner,
        action.due,
        (),
        (),
        action.messages,
        action.when,
        None,
        False,
        is_post=True,
        post_kind=action.kind,
    )


def all_tasks(scenario: Scenario) -> list[Task]:
    """Every step in order, then every post-crisis action."""
    tasks = [from_step(phase, step) for phase, step in scenario.steps()]
    return tasks + [from_post_action(action) for action in scenario.post_crisis]
