"""Recurring work and clocks: update tasks from promises, post-crisis work due from the
resolution, and the cyberattack's legal clocks from the moment the company became aware."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from crisisplay.cli.main import app  # noqa: F401 - the CLI loads as the tests use it
from crisisplay.home import Home
from crisisplay.incident.ops import FinishTask, decide
from crisisplay.incident.situation import Situation, TaskView
from crisisplay.playbook.load import load_playbook
from crisisplay.timeline.state import IncidentState, fold
from crisisplay.timeline.store import read_events
from tests.conftest import Cli
from tests.engine.conftest import START, RunnerFactory

ROOT = Path(__file__).parents[2]
PARIS = ZoneInfo("Europe/Paris")


def _answers(tmp_path: Path, name: str, change: dict[str, dict[str, object]]) -> Path:
    answers = yaml.safe_load((ROOT / "playbooks" / "answers" / f"{name}.yaml").read_text())
    for group, values in change.items():
        answers[group].update(values)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def _tasks(state: IncidentState, scenario: str, now: datetime) -> dict[str, TaskView]:
    playbook = load_playbook(Home(ROOT), only=scenario)
    views = Situation(state, playbook, now).tasks
    return {view.id: view for view in views}


def test_each_promise_opens_an_update_task_due_at_the_promised_time(
    runner: RunnerFactory, tmp_path: Path
) -> None:
    # START is 15:02 in Paris; the holding statement goes out at 15:26 and promises 16:00.
    answers = _answers(
        tmp_path,
        "nationwide-outage",
        {
            "messages": {
                "holding": {"decision": "publish", "next_update": "16:00", "at": "24m"},
                "update": {"decision": "publish", "next_update": "17:00", "at": "1h25m"},
            }
        },
    )
    path = tmp_path / "t.jsonl"
    runner(ROOT).activate("nationwide-outage", answers, path)
    events = read_events(path).events
    first = next(e for e in events if e.kind == "promise.made")
    after_holding = fold(events[: first.seq])
    ten = datetime(2026, 11, 23, 16, 0, tzinfo=PARIS)
    before = _tasks(after_holding, "nationwide-outage", ten - timedelta(minutes=1))
    assert before["update-1"].state == "open" and before["update-1"].owner_role == "cm-lead"
    assert before["update-1"].due == ten
    assert before["update-1"].as_json(PARIS)["due"] == "2026-11-23T16:00:00+01:00"
    late = _tasks(after_holding, "nationwide-outage", ten + timedelta(minutes=1))
    assert late["update-1"].state == "late"
    assert "update-2" not in late
    # the update (16:27) answers the first promise and makes the next one
    second = [e for e in events if e.kind == "promise.made"][1]
    after_update = fold(events[: second.seq])
    now = datetime(2026, 11, 23, 16, 30, tzinfo=PARIS)
    tasks = _tasks(after_update, "nationwide-outage", now)
    assert tasks["update-1"].state == "done"
    assert tasks["update-2"].state == "open"
    assert tasks["update-2"].due == datetime(2026, 11, 23, 17, 0, tzinfo=PARIS)
    # post-crisis work is due from the resolution, not from activation
    state = fold(events)
    assert state.resolved_at is not None
    end = _tasks(state, "nationwide-outage", state.resolved_at + timedelta(minutes=1))
    assert end["report-h6"].due == state.resolved_at + timedelta(hours=6)
    assert end["report-d2"].due == state.resolved_at + timedelta(days=2)
    assert end["update-2"].state == "done"  # the resolution message answered it


def test_post_crisis_work_waits_for_the_resolution(runner: RunnerFactory, tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    runner(ROOT).activate(
        "nationwide-outage", ROOT / "playbooks/answers/nationwide-outage.yaml", path
    )
    events = read_events(path).events
    resolved = next(e for e in events if e.kind == "incident.resolved")
    state = fold(events[: resolved.seq - 1])
    tasks = _tasks(state, "nationwide-outage", START + timedelta(hours=3))
    assert tasks["report-h6"].state == "waiting"
    assert tasks["report-h6"].waits_on == ("resolution",) and tasks["report-h6"].due is None


def test_cyber_clocks_run_from_awareness_beside_restoration(
    runner: RunnerFactory, tmp_path: Path, cli: Cli
) -> None:
    # Aware the evening before activation (START is Monday 15:02 in Paris).
    answers = _answers(
        tmp_path,
        "cyberattack",
        {"facts": {"detected_at": "22/11 21:40", "essential_entity": True,
                   "significant_incident": True, "personal_data_exposed": True}},
    )  # fmt: skip
    path = tmp_path / "cyber.jsonl"
    runner(ROOT).activate("cyberattack", answers, path)
    events = read_events(path).events
    state = fold(events)
    aware = datetime(2026, 11, 22, 21, 40, tzinfo=PARIS)
    assert state.facts["detected_at"].value == "2026-11-22T21:40:00+01:00"
    final = _tasks(state, "cyberattack", START)
    assert final["nis2-early-warning"].due == aware + timedelta(hours=24)
    assert final["nis2-notification"].due == aware + timedelta(hours=72)
    assert final["notify-dpa"].due == aware + timedelta(hours=72)
    assert final["nis2-final-report"].due == aware + timedelta(days=33)
    # while restoration runs, the 24-hour warning is open beside it (and already late here:
    # the company learnt of the attack 17 hours before the cell was called)
    contain = next(e for e in events if e.kind == "step.started" and e.payload["step"] == "contain")
    during = fold(events[: contain.seq])
    moment = START + timedelta(hours=8)
    tasks = _tasks(during, "cyberattack", moment)
    assert tasks["contain"].state in ("started", "late")
    assert tasks["nis2-early-warning"].state in ("open", "late")
    assert tasks["nis2-early-warning"].waits_on == ()
    assert tasks["nis2-early-warning"].state == "late"  # 21:40 + 24 h is before 23:02
    # and the countdown shown to its owner counts from awareness
    ran = cli("tasks", "--role", "security-lead", "--format", "json", "--timeline", str(path))
    shown = {t["id"]: t for t in json.loads(ran.stdout)}
    assert shown["nis2-early-warning"]["due"] == "2026-11-23T21:40:00+01:00"


def test_a_message_deliberately_not_published_leaves_its_task_skipped(
    runner: RunnerFactory, tmp_path: Path
) -> None:
    reason = "gesture decided tomorrow by the board"
    answers = _answers(
        tmp_path, "nationwide-outage",
        {"messages": {"compensation": {"decision": "skip", "reason": reason}}},
    )  # fmt: skip
    run = runner(ROOT).activate("nationwide-outage", answers, tmp_path / "t.jsonl")
    compensate = run.state.post_actions["compensate"]
    assert compensate.status == "skipped"
    assert compensate.reason is not None and reason in compensate.reason
    assert run.state.post_actions["review"].status == "done"


def test_the_update_cadence_caps_a_late_promise(runner: RunnerFactory, tmp_path: Path) -> None:
    # publish-update says `every: 2h`: a holding statement at 15:26 promising 18:30 still owes
    # an update by 17:26
    answers = _answers(
        tmp_path, "nationwide-outage",
        {"messages": {"holding": {"decision": "publish", "next_update": "18:30", "at": "24m"}}},
    )  # fmt: skip
    path = tmp_path / "t.jsonl"
    runner(ROOT).activate("nationwide-outage", answers, path)
    events = read_events(path).events
    first = next(e for e in events if e.kind == "promise.made")
    tasks = _tasks(fold(events[: first.seq]), "nationwide-outage", first.at)
    assert tasks["update-1"].due == first.at + timedelta(hours=2)


def test_the_24h_warning_stays_open_while_restoration_runs(
    runner: RunnerFactory, tmp_path: Path
) -> None:
    """The security lead files the NIS2 warning from her own terminal: the board restores,
    resolves and moves on meanwhile, and the 24-hour task is open beside all of it."""
    answers = yaml.safe_load((ROOT / "playbooks/answers/cyberattack.yaml").read_text())
    for step in ("nis2-early-warning", "nis2-notification", "nis2-final-report"):
        del answers["steps"][step]
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    timeline = tmp_path / "cyber.jsonl"
    run = runner(ROOT).activate("cyberattack", path, timeline)
    assert run.state.resolved_at is not None and run.state.completed_at is None
    assert any("nis2-early-warning" in line for line in run.waiting)
    events = read_events(timeline).events
    restoring = next(
        e for e in events if e.kind == "step.started" and e.payload["step"] == "confirm-services"
    )
    during = fold(events[: restoring.seq])
    tasks = _tasks(during, "cyberattack", restoring.at)
    assert tasks["confirm-services"].state in ("started", "late")
    assert tasks["nis2-early-warning"].state in ("open", "late")
    assert tasks["nis2-notification"].waits_on == ("nis2-early-warning",)
    # and its owner closes it from where she is
    playbook = load_playbook(Home(ROOT), only="cyberattack")
    situation = Situation(fold(events), playbook, restoring.at)
    decided = decide(situation, "helene-marchand", FinishTask("nis2-early-warning"))
    assert [p.KIND for p in decided.payloads] == ["step.started", "step.done"]
