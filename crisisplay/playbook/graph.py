"""When a task opens and when it is due: the incident's work as a graph, not a queue.

A step opens as soon as everything in its ``after:`` holds, so several are open at once, each
with its owner: the NOC confirms the scope while the CMs publish the holding statement and legal
reads the notice. ``after:`` names steps (done or skipped), ``gate:ID`` (passed or gone past),
``fact:ID`` (known) or a time (``30m after activation``, ``1h after detected_at``). Without
``after:`` a step waits on the step before it, as the file reads; ``after: []`` opens it at
activation. A post-crisis action opens at the resolution.

A deadline counts from activation (a step), from the resolution (a post-crisis action), or from
the anchor it names: the legal clocks of a breach run from ``detected_at``, the moment the
company learnt of it, not from the moment the cell was called.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from crisisplay.conditions import holds
from crisisplay.playbook.facts import fact_moment
from crisisplay.playbook.model import Scenario
from crisisplay.playbook.tasks import Task
from crisisplay.playbook.types import ANCHORS, Due

if TYPE_CHECKING:
    from crisisplay.timeline.state import IncidentState

DONE = ("done", "skipped")


@dataclass(frozen=True)
class Wait:
    """One thing a task waits for."""

    kind: str  # task | gate | fact | time | resolution
    ref: str = ""
    delay: timedelta = timedelta(0)
    #: as the playbook wrote it
    text: str = ""

    def label(self) -> str:
        return self.text or self.kind


RESOLUTION = Wait("resolution", text="resolution")


def parse_wait(entry: str) -> Wait:
    """``confirm-scope``, ``gate:noc-scope``, ``fact:eta``, ``30m after activation``."""
    text = entry.strip()
    kind, sep, ref = text.partition(":")
    if sep and kind in ("gate", "fact"):
        if not ref.strip():
            raise ValueError(f"{entry!r} names no {kind}")
        return Wait(kind, ref.strip(), text=text)
    if " after " in f" {text} ":
        due = Due.from_yaml(text)
        if due.anchor is None:
            raise ValueError(f"{entry!r}: say after what (activation, resolution or a fact)")
        return Wait("time", due.anchor, due, text)
    if not text:
        raise ValueError("an empty entry")
    return Wait("task", text, text=text)


def waits_of(tasks: Sequence[Task]) -> dict[str, tuple[Wait, ...]]:
    """What each task waits for, defaults applied (unparsable entries are left out: the
    validator reports them with their line)."""
    out: dict[str, tuple[Wait, ...]] = {}
    previous: Task | None = None
    for task in tasks:
        declared = tuple(_parsed(task.after or ()))
        if task.is_post:
            out[task.id] = (RESOLUTION, *declared)
            continue
        if task.after is None:
            out[task.id] = (Wait("task", previous.id, text=previous.id),) if previous else ()
        else:
            out[task.id] = declared
        previous = task
    return out


def _parsed(entries: Iterable[str]) -> Iterable[Wait]:
    for entry in entries:
        try:
            yield parse_wait(entry)
        except ValueError:
            continue


def anchor_time(anchor: str, state: IncidentState) -> datetime | None:
    """When ``anchor`` happened: activation, resolution or a date-time fact's value."""
    if anchor == "activation":
        return state.activated_at
    if anchor == "resolution":
        return state.resolved_at
    fact = state.facts.get(anchor)
    return fact_moment(fact.value) if fact is not None else None


def due_at(task: Task, state: IncidentState) -> datetime | None:
    """When ``task`` is due; None without a deadline or while its anchor is not known."""
    if task.deadline is None:
        return None
    anchor = task.deadline.anchor or ("resolution" if task.is_post else "activation")
    start = anchor_time(anchor, state)
    return start + task.deadline if start is not None else None


def not_published(state: IncidentState, task: Task) -> str | None:
    """Why none of the task's messages went out, when each was deliberately left out: such a
    task is skipped with that reason, never "done"."""
    reasons = []
    for message_id in task.messages:
        progress = state.messages.get(message_id)
        if progress is None or progress.published or progress.skipped is None:
            return None
        reasons.append(progress.skipped)
    return "; ".join(reasons) if reasons else None


@dataclass
class Graph:
    """The scenario's tasks with what each waits for; asked against a state."""

    scenario: Scenario
    tasks: Sequence[Task]

    def __post_init__(self) -> None:
        self.waits = waits_of(self.tasks)
        self.by_id = {task.id: task for task in self.tasks}

    def status(self, task: Task, state: IncidentState) -> str | None:
        table = state.post_actions if task.is_post else state.steps
        found = table.get(task.id)
        return found.status if found else None

    def applies(self, task: Task, values: Mapping[str, Any]) -> bool:
        return holds(task.when, values) is not False

    def unmet(
        self, task: Task, state: IncidentState, values: Mapping[str, Any], now: datetime
    ) -> tuple[Wait, ...]:
        """What ``task`` still waits for (empty: it is open)."""
        return tuple(w for w in self.waits[task.id] if not self._met(w, state, values, now))

    def _met(
        self, wait: Wait, state: IncidentState, values: Mapping[str, Any], now: datetime
    ) -> bool:
        if wait.kind == "task":
            other = self.by_id.get(wait.ref)
            if other is None:
                return True  # reported by the validator
            status = self.status(other, state)
            return status in DONE or (status is None and not self.applies(other, values))
        if wait.kind == "gate":
            gate = self.scenario.gate(wait.ref)
            if gate is None or holds(gate.when, values) is False:
                return True
            found = state.gates.get(wait.ref)
            return found is not None and found.cleared
        if wait.kind == "fact":
            fact = state.facts.get(wait.ref)
            return fact is not None and not fact.unknown and fact.value not in (None, "")
        if wait.kind == "resolution":
            return state.resolved_at is not None
        start = anchor_time(wait.ref, state)
        return start is not None and now >= start + wait.delay

    def next_moment(self, state: IncidentState) -> datetime | None:
        """The next time a time wait falls due (a board waiting wakes then)."""
        moments = []
        for waits in self.waits.values():
            for wait in waits:
                start = anchor_time(wait.ref, state) if wait.kind == "time" else None
                if start is not None:
                    moments.append(start + wait.delay)
        later = [m for m in moments if state.last_at is None or m > state.last_at]
        return min(later) if later else None


def check_anchor(anchor: str, scenario: Scenario) -> str | None:
    """Why ``anchor`` cannot start a clock, or None."""
    if anchor in ANCHORS:
        return None
    fact = scenario.fact(anchor)
    if fact is None:
        return f"{anchor!r} is neither activation, resolution nor a fact of the scenario"
    if fact.type != "datetime":
        return f"the fact {anchor!r} is a {fact.type}, not a datetime: a clock needs a day"
    return None


__all__ = [
    "Graph",
    "Wait",
    "anchor_time",
    "check_anchor",
    "due_at",
    "not_published",
    "parse_wait",
    "waits_of",
]
