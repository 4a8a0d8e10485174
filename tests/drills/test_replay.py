"""A past crisis becomes an exercise: `drill from-timeline`, then `validate` and `drill run`."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.run import Edges, activate
from crisisplay.playbook.yamlio import load_yaml
from crisisplay.prompts import ScriptedPrompter, load_answers
from crisisplay.timeline import vocabulary
from crisisplay.timeline.store import read_events
from tests.conftest import ROOT, Cli
from tests.drills.conftest import FIXTURE_HOME
from tests.engine.conftest import lead_of as lead_of_answers

NATIONWIDE_ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"
MONDAY_MORNING = datetime(2026, 11, 23, 6, 50, tzinfo=timezone.utc)  # 07:50 in Paris
REPLAY_ANSWERS = """
severity: confirm
roles: {cell-lead: ana, noc-liaison: on-duty}
steps:
  confirm: {decision: do, at: 5m}
  publish: {decision: do, at: 12m}
gates:
  scope:
    - {decision: refuse, at: 8m}
    - {decision: pass, at: 10m}
    - {decision: pass, comment: "55% confirmed", at: 17m}
messages:
  holding: {decision: publish, next_update: "09:30", at: 17m}
"""


def real_incident(home: Path, scenario: str, answers: Path, timeline: Path) -> Path:
    prompter = ScriptedPrompter(load_answers(answers))
    edges = Edges(prompter, ManualClock(MONDAY_MORNING), lead_of_answers(answers))
    activate(Home(home), scenario, edges, timeline=timeline, token="beef")
    return timeline


@pytest.fixture
def nationwide_home(tmp_path: Path) -> Path:
    """The bundled home with its nationwide-outage scenario only (validate stays quick)."""
    home = tmp_path / "home"
    (home / "playbooks" / "scenarios").mkdir(parents=True)
    shutil.copy(ROOT / "playbooks" / "organisation.yaml", home / "playbooks")
    shutil.copy(
        ROOT / "playbooks" / "scenarios" / "nationwide-outage.yaml",
        home / "playbooks" / "scenarios",
    )
    for folder in ("_shared", "nationwide-outage"):
        shutil.copytree(ROOT / "templates" / folder, home / "templates" / folder)
    return home


def test_a_real_nationwide_outage_replays_as_a_valid_drill_that_runs(
    cli: Cli, nationwide_home: Path, tmp_path: Path
) -> None:
    real = real_incident(
        nationwide_home, "nationwide-outage", NATIONWIDE_ANSWERS, tmp_path / "real.jsonl"
    )
    drill = nationwide_home / "playbooks" / "drills" / "replay-november.yaml"
    made = cli("drill", "from-timeline", str(real), "-o", str(drill), home=nationwide_home)
    assert made.exit_code == 0, made.stderr
    assert cli("validate", home=nationwide_home).exit_code == 0
    data = load_yaml(drill).data
    assert list(data)[:4] == ["id", "title", "scenario", "summary"]
    assert data["starts"] == {"time": "07:50", "day": "mon"}
    assert data["start_facts"]["affected_share"] == 60
    assert [e["id"] for e in data["expectations"]] == [
        "first-word",
        "promises-kept",
        "gates-held",
        "escalation-executive",
        "escalation-viral",
    ]
    ran = cli(
        "drill",
        "run",
        "replay-november",
        "--answers",
        str(NATIONWIDE_ANSWERS),
        "--start",
        "2026-11-23T07:50",
        "--timeline",
        str(tmp_path / "replay.jsonl"),
        "--lang",
        "en",
        "--quiet",
        home=nationwide_home,
    )
    assert ran.exit_code == 0, ran.stderr
    assert "walkthrough complete" in ran.stdout
    # the real cell kept its first promise, and its second only at the resolution, 20 min late
    assert "Debrief: Replay: Nationwide mobile network outage  80/100" in ran.stdout


def test_a_changed_fact_becomes_an_inject_at_its_minute(cli: Cli, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(FIXTURE_HOME, home)
    answers = FIXTURE_HOME / "playbooks" / "answers" / "minimal.yaml"
    real = real_incident(home, "minimal", answers, tmp_path / "real.jsonl")
    drill = home / "playbooks" / "drills" / "replay-minimal.yaml"
    assert cli("drill", "from-timeline", str(real), "-o", str(drill), home=home).exit_code == 0
    data = load_yaml(drill).data
    # the share was corrected from 60 to 55 at T+15m when the holding statement was checked
    assert data["start_facts"] == {"services_down": ["voice"], "share": 60}
    assert [(i["id"], i["at"], i["kind"], i["facts"]) for i in data["injects"]] == [
        ("change-1", "15m", "fact-change", {"share": 55})
    ]
    assert cli("validate", home=home).exit_code == 0
    # In the exercise the correction arrives as the inject: the cell confirms it, no more.
    replay_answers = tmp_path / "replay-answers.yaml"
    replay_answers.write_text(REPLAY_ANSWERS, encoding="utf-8")
    timeline = tmp_path / "replay.jsonl"
    ran = cli(
        "drill",
        "run",
        "replay-minimal",
        "--answers",
        str(replay_answers),
        "--start",
        "2026-11-23T07:50",
        "--timeline",
        str(timeline),
        home=home,
    )
    assert ran.exit_code == 0, ran.stderr
    events = read_events(timeline).events
    inject = next(e for e in events if e.payload.get("inject") == "change-1")
    assert (
        inject.kind == vocabulary.DrillInject.KIND and (inject.at - events[0].at).seconds == 15 * 60
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Replay.yaml", "a drill file is named after its id"),
        ("replay.txt", "a drill file is named after its id"),
    ],
)
def test_the_output_name_is_the_drill_id(cli: Cli, tmp_path: Path, name: str, message: str) -> None:
    ran = cli("drill", "from-timeline", str(tmp_path / "t.jsonl"), "-o", str(tmp_path / name))
    assert ran.exit_code == 2 and message in ran.stderr


def test_an_existing_file_is_not_overwritten(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "replay.yaml"
    target.write_text("keep me\n")
    ran = cli("drill", "from-timeline", str(tmp_path / "t.jsonl"), "-o", str(target))
    assert ran.exit_code == 2 and "already exists" in ran.stderr
    assert target.read_text() == "keep me\n"
