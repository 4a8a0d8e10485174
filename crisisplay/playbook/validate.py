"""Cross-reference checks of a loaded playbook: every name points at something that exists.

Roles, people, gates, messages, steps and channels are checked against their declarations,
with "did you mean" for near misses; conditions must compile and read only declared facts;
texts must exist in every language of the organisation.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from crisisplay.channels.catalogue import CATALOGUE
from crisisplay.conditions import compile_condition
from crisisplay.errors import PathPart, Problem
from crisisplay.playbook.convert import yaml_key
from crisisplay.playbook.fact_patterns import compile_fact_pattern
from crisisplay.playbook.facts import coerce
from crisisplay.playbook.model import Fact, Organisation, Scenario
from crisisplay.playbook.problems import ProblemReport
from crisisplay.playbook.types import LocalText
from crisisplay.playbook.validate_graph import check_task_graph
from crisisplay.playbook.yamlio import Document
from crisisplay.tone.org_patterns import compile_tone_pattern

if TYPE_CHECKING:
    from crisisplay.playbook.load import Playbook

Path_ = tuple[PathPart, ...]
_CHOICE_TYPES = ("choice", "multi-choice")


def walk(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every (path, value) of a loaded object tree."""
    yield path, value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name), (*path, yaml_key(f.name)))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))
    elif isinstance(value, Mapping) and not isinstance(value, LocalText):
        for key, item in value.items():
            yield from walk(item, (*path, key))


def check_languages(report: ProblemReport, root: Any, languages: tuple[str, ...]) -> None:
    for path, value in walk(root):
        if isinstance(value, LocalText):
            missing = value.missing(languages)
            if missing:
                report.at(path, f"text missing in {', '.join(missing)}")
            extra = [lang for lang in value if lang != "*" and lang not in languages]
            if extra:
                report.at(
                    path,
                    f"language {extra[0]!r} is not one of the organisation's "
                    f"({', '.join(languages)})",
                )


def check_playbook(playbook: Playbook) -> list[Problem]:
    problems = check_organisation(playbook.organisation, playbook.organisation_doc)
    for scenario_id, scenario in playbook.scenarios.items():
        problems += check_scenario(
            scenario, playbook.organisation, playbook.scenario_doc(scenario_id)
        )
    return problems


# ---------------------------------------------------------------- organisation


def check_organisation(org: Organisation, doc: Document) -> list[Problem]:
    report = ProblemReport(doc)
    if len(set(org.languages)) != len(org.languages) or not org.languages:
        report.at(("languages",), "languages must be a non-empty list without repeats")
    check_languages(report, org, org.languages)
    report.unique(((("roles", i, "id"), r.id) for i, r in enumerate(org.roles)), "role")
    report.unique(((("people", i, "id"), p.id) for i, p in enumerate(org.people)), "person")
    logins = ((("people", i, "login"), p.login or p.id) for i, p in enumerate(org.people))
    report.unique(logins, "login")
    role_ids = [r.id for r in org.roles]
    people = [p.id for p in org.people]
    report.ref(("lead_role",), org.lead_role, role_ids, "role")
    for role, duty in org.roster.items():
        report.ref(("roster", role), role, role_ids, "role")
        report.ref(("roster", role, "primary"), duty.primary, people, "person")
        for i, backup in enumerate(duty.backups):
            report.ref(("roster", role, "backups", i), backup, people, "person")
    _check_channels(report, org)
    _check_timezone(report, org.timezone)
    _check_tone(report, org)
    return report.problems


def _check_channels(report: ProblemReport, org: Organisation) -> None:

    for channel in org.channels:
        report.ref(("channels", channel), channel, CATALOGUE, "channel")


def _check_timezone(report: ProblemReport, name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # noqa: PLC0415

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        report.at(("timezone",), f"unknown time zone {name!r} (use an IANA name like Europe/Paris)")


def _check_tone(report: ProblemReport, org: Organisation) -> None:

    rules = [("forbidden", i, r.patterns) for i, r in enumerate(org.tone.forbidden)]
    rules += [("required", i, r.patterns) for i, r in enumerate(org.tone.required)]
    for group, index, patterns in rules:
        for lang, items in patterns.items():
            for k, pattern in enumerate(items):
                path: Path_ = ("tone", group, index, "patterns", lang, k)
                _, error = compile_tone_pattern(pattern)
                if error is not None:
                    report.at(path, f"pattern {pattern!r} is not a regular expression: {error}")
    for i, rule in enumerate(org.tone.required):
        for k, channel in enumerate(rule.channels):
            report.ref(("tone", "required", i, "channels", k), channel, org.channels, "channel")


# ---------------------------------------------------------------- scenario


def check_scenario(scenario: Scenario, org: Organisation, doc: Document) -> list[Problem]:
    report = ProblemReport(doc)
    check_languages(report, scenario, org.languages)
    _check_unique_ids(report, scenario)
    _check_roles(report, scenario, org)
    _check_facts(report, scenario)
    _check_severity(report, scenario)
    _check_references(report, scenario, org)
    _check_gate_facts(report, scenario)
    _check_conditions(report, scenario)

    check_task_graph(report, scenario)
    return report.problems


def _check_unique_ids(report: ProblemReport, scenario: Scenario) -> None:
    def ids(name: str, items: tuple[Any, ...]) -> Iterator[tuple[Path_, str]]:
        return (((name, i, "id"), item.id) for i, item in enumerate(items))

    report.unique(ids("facts", scenario.facts), "fact")
    report.unique(ids("gates", scenario.gates), "gate")
    report.unique(ids("messages", scenario.messages), "message")
    report.unique(ids("phases", scenario.phases), "phase")
    report.unique(ids("escalations", scenario.escalations), "escalation")
    report.unique(ids("post_crisis", scenario.post_crisis), "post-crisis action")
    report.unique(
        (
            (("phases", p, "steps", s, "id"), step.id)
            for p, phase in enumerate(scenario.phases)
            for s, step in enumerate(phase.steps)
        ),
        "step",
    )


def _check_roles(report: ProblemReport, scenario: Scenario, org: Organisation) -> None:
    catalogue = [r.id for r in org.roles]
    for i, role in enumerate(scenario.roles):
        report.ref(("roles", i), role, catalogue, "role")
    needed = list(scenario.roles)
    for p, phase in enumerate(scenario.phases):
        for s, step in enumerate(phase.steps):
            path: Path_ = ("phases", p, "steps", s, "owner")
            _role_in_cell(report, path, step.owner, needed, catalogue)
    for i, gate in enumerate(scenario.gates):
        _role_in_cell(report, ("gates", i, "validator"), gate.validator, needed, catalogue)
    for i, action in enumerate(scenario.post_crisis):
        _role_in_cell(report, ("post_crisis", i, "owner"), action.owner, needed, catalogue)
    for i, rule in enumerate(scenario.escalations):
        report.ref(("escalations", i, "role"), rule.role, catalogue, "role")
    for i, fact in enumerate(scenario.facts):
        if fact.owner is not None:
            _role_in_cell(report, ("facts", i, "owner"), fact.owner, needed, catalogue)


def _role_in_cell(
    report: ProblemReport, path: Path_, role: str, needed: list[str], catalogue: list[str]
) -> None:
    if role not in catalogue:
        report.ref(path, role, catalogue, "role")
    elif role not in needed:
        report.at(path, f"role {role!r} is not among the scenario's roles (add it to roles:)")


def _check_facts(report: ProblemReport, scenario: Scenario) -> None:
    for i, fact in enumerate(scenario.facts):
        path: Path_ = ("facts", i)
        if fact.type in _CHOICE_TYPES and not fact.choices:
            report.at((*path, "choices"), f"a {fact.type} fact needs choices")
        if fact.type not in _CHOICE_TYPES and fact.choices:
            report.at((*path, "choices"), f"a {fact.type} fact takes no choices")
        if fact.min is not None and fact.max is not None and fact.min > fact.max:
            report.at((*path, "min"), "min is greater than max")
        if fact.pattern is not None:
            try:
                compile_fact_pattern(fact.pattern)
            except ValueError as exc:
                report.at((*path, "pattern"), str(exc))
                continue
        _check_value(report, (*path, "default"), fact, fact.default)
    facts = {f.id: f for f in scenario.facts}
    for key, value in scenario.sample_facts.items():
        if key not in facts:
            report.ref(("sample_facts", key), key, facts, "fact")
        else:
            _check_value(report, ("sample_facts", key), facts[key], value)
    missing = [f.id for f in scenario.facts if f.id not in scenario.sample_facts]
    if missing and scenario.sample_facts:
        report.at(("sample_facts",), f"no sample value for {', '.join(missing)}")


def _check_value(report: ProblemReport, path: Path_, fact: Fact, value: Any) -> None:
    if value is None:
        return
    try:
        coerce(fact, value)
    except ValueError as exc:
        report.at(path, f"not a valid {fact.type} value for fact {fact.id!r}: {exc}")


def _check_severity(report: ProblemReport, scenario: Scenario) -> None:
    levels = [level.id for level in scenario.severity.levels]
    report.unique(
        ((("severity", "levels", i, "id"), lv.id) for i, lv in enumerate(scenario.severity.levels)),
        "severity level",
    )
    report.ref(("severity", "default"), scenario.severity.default, levels, "severity level")
    for i, rule in enumerate(scenario.severity.rules):
        report.ref(("severity", "rules", i, "level"), rule.level, levels, "severity level")


def _check_gate_facts(report: ProblemReport, scenario: Scenario) -> None:
    facts = [f.id for f in scenario.facts]
    for i, gate in enumerate(scenario.gates):
        for k, fact in enumerate(gate.facts):
            report.ref(("gates", i, "facts", k), fact, facts, "fact")


def _check_references(report: ProblemReport, scenario: Scenario, org: Organisation) -> None:
    gates = [g.id for g in scenario.gates]
    messages = [m.id for m in scenario.messages]
    produced: Counter[str] = Counter()
    for p, phase in enumerate(scenario.phases):
        for s, step in enumerate(phase.steps):
            base: Path_ = ("phases", p, "steps", s)
            for k, gate in enumerate(step.gates):
                report.ref((*base, "gates", k), gate, gates, "gate")
            for k, message in enumerate(step.messages):
                report.ref((*base, "messages", k), message, messages, "message")
                produced[message] += 1
    for i, action in enumerate(scenario.post_crisis):
        for k, message in enumerate(action.messages):
            report.ref(("post_crisis", i, "messages", k), message, messages, "message")
            produced[message] += 1
    for i, msg in enumerate(scenario.messages):
        base = ("messages", i)
        for k, gate in enumerate(msg.gates):
            report.ref((*base, "gates", k), gate, gates, "gate")
        for k, use in enumerate(msg.channel_uses()):
            _channel_in_use(report, (*base, "channels", k), use.channel, org)
        if msg.is_public and not msg.gates:
            report.at((*base, "gates"), f"public message {msg.id!r} needs at least one gate")
        if not msg.channels:
            report.at((*base, "channels"), f"message {msg.id!r} has no channel")
        if msg.id not in produced:
            report.at((*base, "id"), f"message {msg.id!r} is produced by no step")


def _channel_in_use(report: ProblemReport, path: Path_, channel: str, org: Organisation) -> None:

    if channel not in CATALOGUE:
        report.ref(path, channel, CATALOGUE, "channel")
    elif channel not in org.channels:
        report.at(
            path,
            f"channel {channel!r} is not among the organisation's channels "
            "(add it under channels: in organisation.yaml)",
        )


def _check_conditions(report: ProblemReport, scenario: Scenario) -> None:
    declared = frozenset(f.id for f in scenario.facts)
    for i, rule in enumerate(scenario.severity.rules):
        path: Path_ = ("severity", "rules", i, "when")
        if "severity" in _names(rule.when):
            report.at(path, "a severity rule cannot read the severity it sets")
        report.condition(path, rule.when, declared)
    for i, gate in enumerate(scenario.gates):
        report.condition(("gates", i, "when"), gate.when, declared)
    for i, message in enumerate(scenario.messages):
        for k, use in enumerate(message.channel_uses()):
            if isinstance(message.channels[k], str):
                continue
            report.condition(("messages", i, "channels", k, "when"), use.when, declared)
    for p, phase in enumerate(scenario.phases):
        for s, step in enumerate(phase.steps):
            report.condition(("phases", p, "steps", s, "when"), step.when, declared)
    for i, escalation in enumerate(scenario.escalations):
        report.condition(("escalations", i, "when"), escalation.when, declared)
    for i, action in enumerate(scenario.post_crisis):
        report.condition(("post_crisis", i, "when"), action.when, declared)


def _names(source: str) -> frozenset[str]:
    try:
        return compile_condition(source).names
    except ValueError:
        return frozenset()
