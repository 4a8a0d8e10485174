"""A past crisis becomes an exercise: a drill built from a real incident's timeline.

The first value of each fact becomes a start fact; every later change (a correction, a figure
the NOC revised) becomes an inject at the minute it happened. The expectations are the ones
every crisis is held to: the first public word within the organisation's target, every promised
update on time, no message past a failing gate, and each escalation the incident needed,
handled within its rule's delay.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.drills.checks import check_drill
from crisisplay.drills.files import read_drill
from crisisplay.drills.injects import format_value
from crisisplay.drills.model import Drill, Expectation, Inject, Start
from crisisplay.drills.plan import to_data
from crisisplay.drills.texts import dt
from crisisplay.errors import PlaybookInvalid, TimelineError, UsageError
from crisisplay.home import Home
from crisisplay.outfile import write_output
from crisisplay.playbook.load import load_playbook
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.playbook.types import ID_PATTERN, Duration, LocalText
from crisisplay.roster import WEEKDAYS
from crisisplay.textsafe import sanitize_line
from crisisplay.timeline.place import place_of
from crisisplay.timeline.state import IncidentState, fold

MODELINE = "# yaml-language-server: $schema=../schema/drill.schema.json\n"
DEFAULT_TARGET_MIN = 30
# The order a person reads a drill in: the story first, the scoring last.
_FILE_ORDER = (
    "id",
    "title",
    "scenario",
    "summary",
    "starts",
    "start_facts",
    "roster",
    "injects",
    "expectations",
)

Change = tuple[int, str, Any]  # minutes after activation, fact id, new value


def drill_from_state(
    state: IncidentState, drill_id: str, scenario: Scenario, org: Organisation
) -> Drill:
    """The drill ``drill_id`` replaying the incident ``state`` (of ``scenario``)."""
    if state.activated_at is None:
        raise TimelineError("the timeline has no activation event: it is not an incident timeline")
    activated = state.activated_at
    start_facts, changes = _facts(state, scenario, activated)
    languages = org.languages
    incident = state.incident

    def local(key: str, **values: Any) -> LocalText:
        return LocalText({lang: dt(key, lang, **values) for lang in languages})

    return Drill(
        id=drill_id,
        title=LocalText(
            {
                lang: dt("replay.title", lang, title=scenario.title.get_text(lang))
                for lang in languages
            }
        ),
        scenario=scenario.id,
        summary=local("replay.summary", incident=incident),
        expectations=_expectations(state, scenario, local),
        starts=_start(activated, org.timezone),
        start_facts=start_facts,
        injects=_injects(changes, scenario, languages),
    )


def _facts(
    state: IncidentState, scenario: Scenario, activated: datetime
) -> tuple[dict[str, Any], list[Change]]:
    """The first value of each fact, and every later change with its minute."""
    declared = {f.id for f in scenario.facts}
    values = sorted(
        (seq, at, fact_id, value)
        for fact_id, fact in state.facts.items()
        if fact_id in declared
        for at, value, _, seq in fact.history
        if value is not None
    )
    first: dict[str, Any] = {}
    current: dict[str, Any] = {}
    changes: list[Change] = []
    for _, at, fact, value in values:
        if fact in current and current[fact] != value:
            minutes = int((at - activated).total_seconds() // 60)
            changes.append((minutes, fact, value))
        first.setdefault(fact, value)
        current[fact] = value
    return first, changes


def _injects(
    changes: list[Change], scenario: Scenario, languages: tuple[str, ...]
) -> tuple[Inject, ...]:
    by_minute: dict[int, dict[str, Any]] = {}
    for minutes, fact, value in changes:
        by_minute.setdefault(minutes, {})[fact] = value
    injects = []
    for number, (minutes, facts) in enumerate(sorted(by_minute.items()), start=1):
        text = LocalText({lang: _inject_text(facts, scenario, lang) for lang in languages})
        injects.append(
            Inject(f"change-{number}", Duration(minutes=minutes), "fact-change", text, facts)
        )
    return tuple(injects)


def _inject_text(facts: dict[str, Any], scenario: Scenario, lang: str) -> str:
    lines = [dt("replay.inject", lang)]
    for fact_id, value in facts.items():
        fact = scenario.fact(fact_id)
        assert fact is not None
        lines.append(f"- {fact.question.get_text(lang)} {format_value(fact, value, lang)}")
    return "\n".join(lines)


def _expectations(
    state: IncidentState, scenario: Scenario, local: Callable[..., LocalText]
) -> tuple[Expectation, ...]:
    target = state.first_message_target_min
    minutes = int(target) if target is not None and target > 0 else DEFAULT_TARGET_MIN
    found: list[Expectation] = []
    if any(m.kind == "holding" for m in scenario.messages):
        found.append(
            Expectation(
                "first-word",
                "message-within",
                local("replay.first_word", minutes=minutes),
                40,
                within=Duration(minutes=minutes),
                message_kind="holding",
            )
        )
    found.append(Expectation("promises-kept", "promises-kept", local("replay.promises"), 20))
    found.append(Expectation("gates-held", "no-failing-gate", local("replay.gates"), 20))
    fired = state.escalations
    for rule in scenario.escalations:
        if rule.id in fired and rule.within is not None:
            title = local("replay.escalation", rule=rule.id, within=rule.within.label())
            found.append(
                Expectation(
                    f"escalation-{rule.id}", "escalation-within", title, 10, escalation=rule.id
                )
            )
    return tuple(found)


def _start(activated: datetime, zone: str) -> Start:
    local = activated.astimezone(ZoneInfo(zone))
    return Start(f"{local:%H:%M}", WEEKDAYS[local.weekday()])  # type: ignore[arg-type]


def drill_yaml(drill: Drill, source: Path) -> str:
    """The drill as a file a trainer can read, edit and run."""
    import yaml  # noqa: PLC0415

    header = (
        f"{MODELINE}#\n# Replayed from {sanitize_line(source.name)} by "
        "`crisisplay drill from-timeline`.\n"
        "# Edit the injects' texts and the expectations' points to fit the exercise.\n\n"
    )
    data = to_data(drill)
    ordered = {key: data[key] for key in _FILE_ORDER if key in data}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def write_replay(home: Home, source: Path, output: Path) -> Path:
    """Write the drill replaying the timeline ``source`` to ``output``, checked like any drill."""

    drill_id = output.stem
    if output.suffix not in (".yaml", ".yml") or not re.fullmatch(ID_PATTERN, drill_id):
        raise UsageError(
            f"-o {output}: a drill file is named after its id, lower-case words joined by "
            "hyphens, ending in .yaml",
            hint="for example -o playbooks/drills/replay-november-outage.yaml",
        )
    if output.exists():
        raise UsageError(f"{output} already exists", hint="choose another file name")
    state = fold(place_of(source).read().events, str(source))
    if state.scenario is None:
        raise TimelineError(f"{source} has no activation event: it is not an incident timeline")
    playbook = load_playbook(home, only=state.scenario)
    scenario = playbook.scenario(state.scenario)
    drill = drill_from_state(state, drill_id, scenario, playbook.organisation)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {output.parent}: {exc.strerror or exc}") from None
    write_output(output, drill_yaml(drill, source), inputs=[source])
    try:
        loaded, problems = read_drill(home, output)
        problems += check_drill(loaded, playbook) if loaded else []
        if problems:
            raise PlaybookInvalid(problems)
    except BaseException:
        output.unlink(missing_ok=True)  # a drill that does not check is not left to be run
        raise
    return output
