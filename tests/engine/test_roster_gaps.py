"""Roster gaps: seen by the roster check, recorded at once, closed when someone is assigned."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.run import Edges, activate
from crisisplay.playbook.load import load_playbook
from crisisplay.playbook.yamlio import parse_yaml
from crisisplay.prompts import ScriptedPrompter
from crisisplay.timeline import vocabulary
from crisisplay.timeline.store import read_events
from tests.engine.conftest import FIXTURE_HOME, START

ANSWERS = FIXTURE_HOME / "playbooks" / "answers" / "minimal.yaml"


def _nobody_on_duty() -> Edges:
    org = load_playbook(Home(FIXTURE_HOME), only="minimal").organisation
    off_duty = tuple(dataclasses.replace(p, availability=()) for p in org.people)
    answers = ANSWERS.read_text().replace(
        "  noc-liaison: on-duty\n", "  noc-liaison: {person: ana, at: 4m}\n"
    )
    prompter = ScriptedPrompter(parse_yaml(answers.encode(), "gap-answers.yaml"))
    return Edges(
        prompter, ManualClock(START), "ana", organisation=dataclasses.replace(org, people=off_duty)
    )


def test_a_gap_is_recorded_before_any_step_and_closed_by_an_assignment(tmp_path: Path) -> None:
    timeline = tmp_path / "t.jsonl"
    run = activate(
        Home(FIXTURE_HOME), "minimal", _nobody_on_duty(), timeline=timeline, token="0000"
    )
    events = read_events(timeline).events
    order = [e.kind for e in events]
    first_gap = order.index(vocabulary.RoleGap.KIND)
    assert first_gap < order.index(vocabulary.StepStarted.KIND)
    gaps = run.state.gaps
    assert set(gaps) == {"cell-lead", "noc-liaison"}
    noc = gaps["noc-liaison"]
    assert noc.closed_at is not None and noc.closed_at - noc.at == timedelta(minutes=4)
    assert run.state.roles["noc-liaison"].on_duty is False  # called in off duty
    assert run.state.completed_at is not None
