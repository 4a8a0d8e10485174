"""Cross-reference checks of a drill against its scenario and the organisation.

Every name points at something declared (facts, roles, people, messages, gates, escalation
rules, injects), inject and start facts fit their fact's type, each expectation carries exactly
the fields its kind reads, and every text exists in every language.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.drills.files import LoadedDrill, drill_files, read_drill
from crisisplay.drills.model import START_INJECT, Drill, Expectation
from crisisplay.errors import PathPart, Problem
from crisisplay.home import Home
from crisisplay.playbook.facts import LocalTime, coerce
from crisisplay.playbook.load import Playbook, scenario_files
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.playbook.problems import ProblemReport
from crisisplay.playbook.types import LocalText
from crisisplay.playbook.validate import walk
from crisisplay.suggest import did_you_mean

Path_ = tuple[PathPart, ...]

# For each kind: the fields it needs, and the optional ones it also reads.
_FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "message-within": (frozenset({"within"}), frozenset({"message", "message_kind", "after"})),
    "gate-before-message": (frozenset({"gate", "message"}), frozenset()),
    "promises-kept": (frozenset(), frozenset()),
    "role-covered": (frozenset({"role", "within"}), frozenset()),
    "escalation-within": (frozenset({"escalation"}), frozenset({"within"})),
    "no-failing-gate": (frozenset(), frozenset({"message"})),
}
_OPTIONAL = ("within", "after", "message", "message_kind", "gate", "role", "escalation")


def scenario_problem(home: Home, loaded: LoadedDrill) -> Problem | None:
    """A problem when the drill's scenario has no file in the home."""
    stems = [p.stem for p in scenario_files(home)]
    scenario = loaded.drill.scenario
    if scenario in stems:
        return None
    message = f"unknown scenario {scenario!r}{did_you_mean(scenario, stems)}"
    return loaded.doc.problem(("scenario",), message)


def check_drills(home: Home, playbook: Playbook) -> list[Problem]:
    """Every drill file of the home (for `crisisplay validate`)."""
    problems: list[Problem] = []
    for path in drill_files(home):
        loaded, found = read_drill(home, path)
        problems += found
        if loaded is None:
            continue
        unknown = scenario_problem(home, loaded)
        if unknown is not None:
            problems.append(unknown)
        elif loaded.drill.scenario in playbook.scenarios:
            # A scenario that did not load has its own problems reported: checking the drill
            # against it would only repeat them in another form.
            problems += check_drill(loaded, playbook)
    return problems


def check_drill(loaded: LoadedDrill, playbook: Playbook) -> list[Problem]:
    drill, org = loaded.drill, playbook.organisation
    scenario = playbook.scenario(drill.scenario)
    report = ProblemReport(loaded.doc)
    _languages(report, drill, org.languages)
    _facts(report, ("start_facts",), drill.start_facts, scenario)
    _roster(report, drill, org)
    _injects(report, drill, scenario, org)
    if not drill.expectations:
        report.at(("expectations",), "a drill needs at least one expectation")
    _unique(report, [(("expectations", i, "id"), e.id) for i, e in enumerate(drill.expectations)])
    for index, expectation in enumerate(drill.expectations):
        _expectation(report, ("expectations", index), expectation, drill, scenario)
    return report.problems


def _languages(report: ProblemReport, drill: Drill, languages: tuple[str, ...]) -> None:

    for path, value in walk(drill):
        if isinstance(value, LocalText):
            missing = value.missing(languages)
            if missing:
                report.at(path, f"text missing in {', '.join(missing)}")


def _unique(report: ProblemReport, items: list[tuple[Path_, str]]) -> None:
    seen: set[str] = set()
    for path, ident in items:
        if ident in seen:
            report.at(path, f"duplicate id {ident!r}")
        seen.add(ident)


def _facts(report: ProblemReport, path: Path_, values: Any, scenario: Scenario) -> None:
    facts = {f.id: f for f in scenario.facts}
    for key, value in values.items():
        if key not in facts:
            report.ref((*path, key), key, facts, "fact")
            continue
        try:
            # a date-time is read on the exercise clock when the inject fires: any day will do
            coerce(facts[key], value, LocalTime(ZoneInfo("UTC"), datetime.now(timezone.utc)))
        except ValueError as exc:
            report.at((*path, key), f"not a valid {facts[key].type} value for {key!r}: {exc}")


def _roster(report: ProblemReport, drill: Drill, org: Organisation) -> None:
    roles = [r.id for r in org.roles]
    people = [p.id for p in org.people]
    for role, duty in drill.roster.duty.items():
        base: Path_ = ("roster", "duty", role)
        report.ref(base, role, roles, "role")
        report.ref((*base, "primary"), duty.primary, people, "person")
        for k, backup in enumerate(duty.backups):
            report.ref((*base, "backups", k), backup, people, "person")
    for k, person in enumerate(drill.roster.off_duty):
        report.ref(("roster", "off_duty", k), person, people, "person")


def _injects(report: ProblemReport, drill: Drill, scenario: Scenario, org: Organisation) -> None:
    _unique(report, [(("injects", i, "id"), inject.id) for i, inject in enumerate(drill.injects)])
    roles = [r.id for r in org.roles]
    for index, inject in enumerate(drill.injects):
        base: Path_ = ("injects", index)
        if inject.id == START_INJECT:
            report.at((*base, "id"), f"inject id {START_INJECT!r} is kept for the opening briefing")
        _facts(report, (*base, "facts"), inject.facts, scenario)
        if inject.target is not None:
            report.ref((*base, "target"), inject.target, roles, "role")


def _expectation(
    report: ProblemReport, base: Path_, e: Expectation, drill: Drill, scenario: Scenario
) -> None:
    if e.points <= 0:
        report.at((*base, "points"), "points must be a positive whole number")
    needed, optional = _FIELDS[e.kind]
    for name in _OPTIONAL:
        given = getattr(e, name) is not None
        if name in needed and not given:
            report.at(base, f"a {e.kind} expectation needs {name!r}")
        elif given and name not in needed | optional:
            report.at((*base, name), f"{name!r} does not apply to a {e.kind} expectation")
    if e.kind == "message-within" and (e.message is None) == (e.message_kind is None):
        report.at(base, "a message-within expectation names one of 'message' or 'message_kind'")
    if e.kind == "escalation-within" and e.within is None:
        # The deadline defaults to the rule's own `within`; without one there is none to score.
        rule = next((r for r in scenario.escalations if r.id == e.escalation), None)
        if rule is not None and rule.within is None:
            report.at(base, f"escalation rule {rule.id!r} has no 'within': give one here")
    _references(report, base, e, drill, scenario)


def _references(
    report: ProblemReport, base: Path_, e: Expectation, drill: Drill, scenario: Scenario
) -> None:
    if e.message is not None:
        report.ref((*base, "message"), e.message, [m.id for m in scenario.messages], "message")
    if e.message_kind is not None and e.message_kind not in {m.kind for m in scenario.messages}:
        report.at((*base, "message_kind"), f"no message of kind {e.message_kind!r} in the scenario")
    if e.gate is not None:
        report.ref((*base, "gate"), e.gate, [g.id for g in scenario.gates], "gate")
    if e.role is not None:
        report.ref((*base, "role"), e.role, scenario.roles, "scenario role")
    if e.escalation is not None:
        rules = [r.id for r in scenario.escalations]
        report.ref((*base, "escalation"), e.escalation, rules, "escalation rule")
    if e.after is not None:
        report.ref((*base, "after"), e.after, [i.id for i in drill.injects], "inject")
