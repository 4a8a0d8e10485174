"""What the scenario says and the timeline does not: step titles and deadlines, phase names.

The timeline records when each step started and ended, not when it was due; the deadlines are in
the scenario. The report shows them when the scenario can be read from the home; no KPI depends
on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from crisisplay.playbook.model import Scenario


@dataclass(frozen=True)
class PlannedTask:
    id: str
    title: str
    phase: str
    #: due this long after activation
    deadline: timedelta | None
    is_post: bool


@dataclass(frozen=True)
class Plan:
    scenario: str
    phase_titles: Mapping[str, str] = field(default_factory=dict)
    tasks: Mapping[str, PlannedTask] = field(default_factory=dict)


def plan_of(scenario: Scenario, lang: str) -> Plan:
    """The names and deadlines of ``scenario``'s phases, steps and post-crisis actions."""
    from crisisplay.engine.tasks import all_tasks

    tasks = {
        task.id: PlannedTask(
            task.id, task.title.get_text(lang), task.phase, task.deadline, task.is_post
        )
        for task in all_tasks(scenario)
    }
    titles = {phase.id: phase.title.get_text(lang) for phase in scenario.phases}
    return Plan(scenario.id, titles, tasks)
