"""What the cell can do now: every act the state allows, in the order a board offers them.

Facts, severity and roster come first (the lead's, at activation); then, for each open task in
the playbook's order, what it needs next: taking it on, rendering its messages (the validator
sees the texts), deciding its gates, publishing, finishing. Several tasks are open at once;
which of these acts a terminal takes is the board's choice (``Walkthrough.may_act``): its own,
or those its answers file answers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crisisplay.conditions import holds
from crisisplay.incident.board import facts_ops, message_ops, roster_ops, steps_ops
from crisisplay.incident.ops.messages import needs_showing
from crisisplay.playbook.model import Message
from crisisplay.playbook.tasks import Task
from crisisplay.timeline.vocabulary import PROMISING

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


@dataclass(frozen=True)
class Action:
    """One act a terminal may take: what it is about, whose it is, and how to take it."""

    group: str  # facts | severity | roles | escalations | steps | post | gates | messages
    target: str
    run: Callable[[], None]
    #: the role that acts; None: the cell lead's (facts, severity, roster)
    owner: str | None = None
    #: asks a person (an act that only records, such as a rendering, asks nobody)
    asks: bool = True
    #: how many answers its group had before (a refused gate asked again)
    attempt: int = 0
    #: the task it belongs to, if any
    task: str | None = None

    @property
    def key(self) -> tuple[str, ...]:
        return (self.group, self.target) if self.target else (self.group,)

    @property
    def label(self) -> str:
        return ".".join(self.key)


def _act(run: Callable[..., None], *args: Any) -> Callable[[], None]:
    return functools.partial(run, *args)


def available(walk: Walkthrough) -> Iterator[Action]:
    """Every act the state allows now, in order."""
    state, scenario = walk.state, walk.scenario
    for fact in scenario.facts:
        if fact.id not in state.facts:
            yield Action("facts", fact.id, _act(facts_ops.ask_fact, walk, fact))
    if any(fact.id not in state.facts for fact in scenario.facts):
        return  # the severity and the roster need the facts
    if state.severity is None or facts_ops.severity_outdated(walk):
        attempt = len(state.severity_history)
        yield Action("severity", "", _act(facts_ops.assess_severity, walk), attempt=attempt)
        return
    for role in scenario.roles:
        gap = state.gaps.get(role)
        if role not in state.roles and (gap is None or not gap.acknowledged):
            yield Action("roles", role, _act(roster_ops.check_role, walk, role))
    for rule_id, escalation in state.escalations.items():
        if escalation.done_at is None:
            run = _act(roster_ops.handle_escalation, walk, rule_id)
            yield Action("escalations", rule_id, run)
    graph, values, now = walk.graph, walk.variables(), walk.session.clock.now()
    for task in walk.tasks:
        status = graph.status(task, state)
        if status in ("done", "skipped") or graph.unmet(task, state, values, now):
            continue
        if status is None:
            asks = graph.applies(task, values)
            run = _act(steps_ops.start_task, walk, task)
            yield Action(task.group, task.id, run, task.owner, asks=asks, task=task.id)
        else:
            yield from continue_task(walk, task)


def continue_task(walk: Walkthrough, task: Task) -> Iterator[Action]:
    """What a started task needs next: its texts rendered, then its gates decided (the
    validator sees what they approve), then each message published, then its end."""
    waiting = [m for m in _messages(walk, task) if not _settled(walk, m)]
    for message in waiting:
        if needs_render(walk, message):
            run = _act(message_ops.render, walk, message)
            asks = message.kind in PROMISING  # the next update it promises is asked
            yield Action("messages", message.id, run, task.owner, asks=asks, task=task.id)
            return
    for gate_id in (*task.gates, *(g for m in waiting for g in m.gates)):
        if gate_pending(walk, gate_id):
            gate = walk.scenario.gate(gate_id)
            assert gate is not None  # checked by the validator
            found = walk.state.gates.get(gate_id)
            run = _act(steps_ops.decide_gate, walk, gate_id, task)
            attempt = found.asked if found else 0
            yield Action("gates", gate_id, run, gate.validator, attempt=attempt, task=task.id)
            return
    for message in waiting:
        run = _act(message_ops.publish, walk, message, task)
        yield Action("messages", message.id, run, task.owner, task=task.id)
        return
    run = _act(steps_ops.finish, walk, task)
    asks = bool(task.checklist) or not task.resolves
    yield Action(task.group, task.id, run, task.owner, asks=asks, task=task.id)


def _messages(walk: Walkthrough, task: Task) -> list[Message]:
    found = [walk.scenario.message(m) for m in task.messages]
    return [m for m in found if m is not None]


def _settled(walk: Walkthrough, message: Message) -> bool:
    progress = walk.state.messages.get(message.id)
    return progress is not None and (progress.published or progress.skipped is not None)


def gate_pending(walk: Walkthrough, gate_id: str) -> bool:
    gate = walk.scenario.gate(gate_id)
    if gate is None or holds(gate.when, walk.variables()) is False:
        return False
    found = walk.state.gates.get(gate_id)
    return not (found and found.cleared)


def needs_render(walk: Walkthrough, message: Message) -> bool:
    """Its validators have not been shown its texts as they would read now."""
    return needs_showing(walk.situation(), message)


__all__ = ["Action", "available", "continue_task", "gate_pending", "needs_render"]
