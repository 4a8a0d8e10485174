"""Validating a whole playbook home: the playbooks (``crisisplay.playbook.validate``), then
the templates and drills that rest on them, then the warnings that do not make a home invalid
(roster gaps, relays of missing scenarios, patterns that may backtrack). This sits above the
playbook, the messages and the drills, which know nothing of each other's checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from crisisplay.checks.accounts import account_problems
from crisisplay.checks.coverage import roster_gaps
from crisisplay.drills.checks import check_drills
from crisisplay.errors import Problem
from crisisplay.home import Home
from crisisplay.messages.validation import check_templates
from crisisplay.playbook.fact_patterns import nested_quantifier
from crisisplay.playbook.load import Playbook, read_home, scenario_files
from crisisplay.playbook.problems import ProblemReport
from crisisplay.playbook.validate import check_playbook


def relay_warnings(playbook: Playbook) -> list[Problem]:
    """Relays briefed in a scenario this home does not have (removed, or misspelt)."""
    report = ProblemReport(playbook.organisation_doc)
    known = [path.stem for path in scenario_files(playbook.home)]
    for i, relay in enumerate(playbook.organisation.relays):
        for j, scenario_id in enumerate(relay.scenarios):
            report.ref(("relays", i, "scenarios", j), scenario_id, known, "scenario")
    return [dataclasses.replace(p, level="warning") for p in report.problems]


def pattern_warnings(playbook: Playbook) -> list[Problem]:
    """Fact patterns that can backtrack exponentially: they run under a timeout, but an answer
    refused for taking too long is no answer for the operator who typed it."""
    warnings: list[Problem] = []
    for scenario_id, scenario in playbook.scenarios.items():
        doc = playbook.scenario_doc(scenario_id)
        for i, fact in enumerate(scenario.facts):
            nested = nested_quantifier(fact.pattern or "")
            if nested is not None:
                warnings.append(
                    doc.problem(
                        ("facts", i, "pattern"),
                        f"nested quantifiers in {nested}: an answer that almost matches can "
                        "take exponential time (it is refused after a timeout); write the "
                        "pattern without a quantified group that holds a quantifier",
                        level="warning",
                    )
                )
    return warnings


def validate_home(home: Home, environ: Mapping[str, str] | None = None) -> list[Problem]:
    """Every problem of the home: files that do not load, broken references, accounts,
    templates, drills; then the warnings (roster gaps, patterns that may backtrack, credentials
    named by accounts but not found with ``environ``), which do not make the home invalid."""

    playbook, problems = read_home(home)
    if playbook is None:
        return problems
    problems += check_playbook(playbook)
    problems += account_problems(playbook, environ if environ is not None else {})
    # Templates are checked against playbooks that are themselves sound: rendering with a
    # broken condition or an unknown role would only repeat the problem in another form.
    broken = {p.location.file for p in problems if p.location}
    if playbook.organisation_doc.file in broken:
        return problems
    sound = {
        scenario_id: scenario
        for scenario_id, scenario in playbook.scenarios.items()
        if playbook.scenario_doc(scenario_id).file not in broken
    }
    sound_playbook = dataclasses.replace(playbook, scenarios=sound)
    problems += check_drills(home, sound_playbook)
    problems += check_templates(sound_playbook)
    warnings = roster_gaps(sound_playbook) + pattern_warnings(playbook) + relay_warnings(playbook)
    return problems + warnings
