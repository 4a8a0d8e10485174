"""The checks of a scenario's task graph: what each step waits for exists, nothing waits on
itself, and every step can open. Each problem names the file and line of the entry at fault."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from crisisplay.playbook.graph import Wait, check_anchor, parse_wait, waits_of
from crisisplay.playbook.model import Scenario
from crisisplay.playbook.problems import ProblemReport
from crisisplay.playbook.tasks import all_tasks
from crisisplay.playbook.yamlio import Path_


def _paths(scenario: Scenario) -> Iterator[tuple[str, Path_]]:
    for p, phase in enumerate(scenario.phases):
        for s, step in enumerate(phase.steps):
            yield step.id, ("phases", p, "steps", s)
    for i, action in enumerate(scenario.post_crisis):
        yield action.id, ("post_crisis", i)


def check_task_graph(report: ProblemReport, scenario: Scenario) -> None:

    tasks = all_tasks(scenario)
    where = dict(_paths(scenario))
    ids = [task.id for task in tasks]
    gates = [gate.id for gate in scenario.gates]
    facts = [fact.id for fact in scenario.facts]
    for task in tasks:
        base = where[task.id]
        if task.deadline is not None and task.deadline.anchor is not None:
            why = check_anchor(task.deadline.anchor, scenario)
            if why is not None:
                report.at((*base, "due" if task.is_post else "deadline"), why)
        for k, entry in enumerate(task.after or ()):
            path = (*base, "after", k)
            try:
                wait = parse_wait(entry)
            except ValueError as exc:
                report.at(path, str(exc))
                continue
            if wait.kind == "task":
                report.ref(path, wait.ref, ids, "step")
            elif wait.kind == "gate":
                report.ref(path, wait.ref, gates, "gate")
            elif wait.kind == "fact":
                report.ref(path, wait.ref, facts, "fact")
            elif (why := check_anchor(wait.ref, scenario)) is not None:
                report.at(path, why)
    _check_reachable(report, scenario, where, waits_of(tasks))


def _carriers(scenario: Scenario) -> dict[str, list[str]]:
    """The tasks in whose course each gate is decided."""

    carriers: dict[str, list[str]] = {}
    for task in all_tasks(scenario):
        gates = list(task.gates)
        for message_id in task.messages:
            message = scenario.message(message_id)
            gates += message.gates if message else ()
        for gate in gates:
            carriers.setdefault(gate, []).append(task.id)
    return carriers


def _edges(
    scenario: Scenario, where: dict[str, Path_], waits: Mapping[str, tuple[object, ...]]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Which tasks each task needs first, and the tasks that can never open, with why."""

    tasks = all_tasks(scenario)
    carriers = _carriers(scenario)
    resolving = [task.id for task in tasks if task.resolves]
    edges: dict[str, list[str]] = {}
    dead: dict[str, str] = {}
    for task in tasks:
        needs: list[str] = []
        for wait in waits[task.id]:
            assert isinstance(wait, Wait)
            if wait.kind == "task" and wait.ref in where:
                needs.append(wait.ref)
            elif wait.kind == "gate" and wait.ref in carriers:
                needs.extend(c for c in carriers[wait.ref] if c != task.id)
            elif wait.kind == "gate" and scenario.gate(wait.ref) is not None:
                dead[task.id] = f"it waits on the gate {wait.ref!r}, which no step decides"
            elif wait.kind == "resolution" or (wait.kind == "time" and wait.ref == "resolution"):
                if not resolving:
                    dead[task.id] = "it waits on the resolution, and no step resolves"
                needs.extend(resolving)
        edges[task.id] = needs
    return edges, dead


def _check_reachable(
    report: ProblemReport,
    scenario: Scenario,
    where: dict[str, Path_],
    waits: Mapping[str, tuple[object, ...]],
) -> None:
    """Cycles, and tasks that wait (at any depth) on one, or on a gate no task decides."""

    tasks = all_tasks(scenario)
    edges, dead = _edges(scenario, where, waits)
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for other in edges.get(node, ()):
            if state.get(other) == "open":
                loop = [*trail[trail.index(other) :], other] if other in trail else [node, other]
                path = where[other]
                report.at((*path, "after"), f"{other!r} waits on itself: {' -> '.join(loop)}")
                dead.setdefault(other, "it is on a cycle")
            elif other not in state:
                visit(other, [*trail, other])
            if other in dead:
                dead.setdefault(node, f"it waits on {other!r}, which can never open")
        state[node] = "done"

    for task in tasks:
        if task.id not in state:
            visit(task.id, [task.id])
    for task_id, why in dead.items():
        if why != "it is on a cycle":
            report.at((*where[task_id], "id"), f"{task_id!r} can never open: {why}")


__all__ = ["check_task_graph"]
