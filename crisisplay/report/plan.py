"""What the scenario says and the timeline does not: step titles and deadlines, phase names.

The timeline records when each step started and ended, not when it was due; the deadlines are in
the scenario. The report shows them when the scenario can be read from the home; no KPI depends
on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.playbook.tasks import all_tasks


@dataclass(frozen=True)
class PlannedTask:
    id: str
    title: str
    phase: str
    #: due this long after activation (or after the anchor a ``Due`` names)
    deadline: timedelta | None
    is_post: bool


@dataclass(frozen=True)
class Plan:
    scenario: str
    phase_titles: Mapping[str, str] = field(default_factory=dict)
    tasks: Mapping[str, PlannedTask] = field(default_factory=dict)
    #: the organisation's time zone, in which every time of the report is written
    zone: str = "UTC"
    #: the language the organisation reads first
    default_lang: str = "en"
    #: names the reader knows things by, from the playbook (id -> name in the plan's language)
    people: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)
    messages: Mapping[str, str] = field(default_factory=dict)
    severities: Mapping[str, str] = field(default_factory=dict)
    gates: Mapping[str, str] = field(default_factory=dict)
    #: (fact, choice id) -> the choice's label
    choices: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: the roles whose answer forms the cell (the scenario's ``quorum:``, else all its roles)
    quorum: tuple[str, ...] = ()


def plan_of(scenario: Scenario, lang: str, org: Organisation | None = None) -> Plan:
    """The names and deadlines of ``scenario``'s phases, steps and post-crisis actions, and,
    with ``org``, its time zone, people and role titles."""

    tasks = {
        task.id: PlannedTask(
            task.id, task.title.get_text(lang), task.phase, task.deadline, task.is_post
        )
        for task in all_tasks(scenario)
    }
    titles = {phase.id: phase.title.get_text(lang) for phase in scenario.phases}
    messages = {m.id: m.title.get_text(lang) for m in scenario.messages}
    severities = {level.id: level.title.get_text(lang) for level in scenario.severity.levels}
    gates = {gate.id: gate.title.get_text(lang) for gate in scenario.gates}
    choices = {
        (fact.id, choice.id): choice.label.get_text(lang)
        for fact in scenario.facts
        for choice in fact.choices
    }
    quorum = tuple(scenario.quorum or scenario.roles)
    if org is None:
        return Plan(
            scenario.id,
            titles,
            tasks,
            messages=messages,
            severities=severities,
            gates=gates,
            choices=choices,
            quorum=quorum,
        )
    return Plan(
        scenario.id,
        titles,
        tasks,
        zone=org.timezone,
        default_lang=org.languages[0],
        people={person.id: person.name for person in org.people},
        roles={role.id: role.title.get_text(lang) for role in org.roles},
        messages=messages,
        severities=severities,
        gates=gates,
        choices=choices,
        quorum=quorum,
    )
