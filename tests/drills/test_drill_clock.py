"""Exercise time: a paced drill clock on fake wall time, and the trainer's --step."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from crisisplay.clock import WallTime
from crisisplay.drills.run import DrillOptions, default_start, drill_clock, run_drill
from crisisplay.home import Home
from crisisplay.playbook.load import load_playbook
from crisisplay.prompts import Answer, Notice, Question, ScriptedPrompter, load_answers
from crisisplay.timeline import vocabulary
from crisisplay.timeline.store import read_events
from tests.drills.conftest import FIXTURES, MINIMAL_ANSWERS, MINIMAL_START, FakeWall, run

THREE_HOURS = FIXTURES / "answers" / "minimal-three-hours.yaml"


def _fired(path: Path) -> dict[str, float]:
    events = read_events(path).events
    start = events[0].at
    return {
        str(e.payload["inject"]): (e.at - start).total_seconds() / 60
        for e in events
        if e.kind == vocabulary.DrillInject.KIND
    }


def test_three_hours_at_speed_60_take_three_minutes_of_wall_time(
    drill_home: Path, tmp_path: Path
) -> None:
    wall = FakeWall()
    began, origin = time.monotonic(), wall.now
    ran = run(
        drill_home,
        "minimal-three-hours",
        THREE_HOURS,
        MINIMAL_START,
        tmp_path / "t.jsonl",
        speed=60,
        wall=WallTime(wall.monotonic, wall.sleep),
    )
    assert ran.run.state.completed_at is not None
    assert abs((wall.now - origin) - 180) < 0.01  # 3 simulated hours = 180 s of (fake) wall time
    assert len(wall.sleeps) >= 3 and all(s > 0 for s in wall.sleeps)
    assert _fired(ran.timeline) == {
        "start": 0,
        "first-hour": 60,
        "second-hour": 120,
        "third-hour": 180,
    }
    assert time.monotonic() - began < 30  # nothing really slept


def test_scripted_drills_jump_and_never_sleep(drill_home: Path, tmp_path: Path) -> None:
    wall = FakeWall()
    ran = run(
        drill_home,
        "minimal-three-hours",
        THREE_HOURS,
        MINIMAL_START,
        tmp_path / "t.jsonl",
        wall=WallTime(wall.monotonic, wall.sleep),
    )
    assert wall.sleeps == []
    assert _fired(ran.timeline)["third-hour"] == 180


def test_which_runs_are_paced() -> None:
    start = datetime(2026, 11, 23, 14, tzinfo=timezone.utc)
    assert not drill_clock(start, DrillOptions("a", scripted=True)).paced
    assert drill_clock(start, DrillOptions("a", scripted=True, speed=60)).paced
    assert drill_clock(start, DrillOptions("a", scripted=False)).paced
    assert not drill_clock(start, DrillOptions("a", scripted=False, step=True)).paced


def test_a_drill_without_a_start_takes_its_own_day_and_time() -> None:
    from zoneinfo import ZoneInfo

    from crisisplay.drills.model import Start

    paris = ZoneInfo("Europe/Paris")
    wednesday = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
    sunday = default_start(Start("09:40", "sun"), wednesday, paris)
    assert sunday == datetime(2026, 11, 22, 8, 40, tzinfo=timezone.utc)  # the Sunday before
    today = default_start(Start("09:40"), wednesday, paris)
    assert today == datetime(2026, 11, 25, 8, 40, tzinfo=timezone.utc)
    assert default_start(None, wednesday, paris) == wednesday


@dataclass
class Trainer:
    """A trainer at the keyboard: fires the next inject only before the steps listed."""

    fire_before: set[str]
    asked: list[Question] = field(default_factory=list)

    def ask(self, question: Question) -> Answer:
        self.asked.append(question)
        return Answer(question.group[-1] in self.fire_before)

    def reject(self, question: Question, answer: Answer, reason: str) -> None:
        raise AssertionError(reason)

    def show(self, notice: Notice) -> None:
        return None


def test_step_lets_the_trainer_fire_the_next_inject_at_once(
    drill_home: Path, tmp_path: Path
) -> None:
    trainer = Trainer({"confirm"})
    extra: dict[str, Any] = {"step": True, "trainer": trainer}
    ran = run(
        drill_home, "minimal-drill", MINIMAL_ANSWERS, MINIMAL_START, tmp_path / "t.jsonl", **extra
    )
    first = trainer.asked[0]
    assert first.group == ("drill", "before", "confirm") and first.default is True
    assert "share-up" in first.message or "T+9m" in first.message
    events = read_events(ran.timeline).events
    order = [(e.kind, e.payload.get("inject") or e.payload.get("step")) for e in events]
    # fired before the confirm step, and exercise time moved to the inject's moment
    assert order.index((vocabulary.DrillInject.KIND, "share-up")) < order.index(
        (vocabulary.StepStarted.KIND, "confirm")
    )
    assert _fired(ran.timeline) == {"start": 0, "share-up": 9, "call": 11}
    assert [q.group[-1] for q in trainer.asked] == ["confirm", "publish"]


def test_step_without_the_trainer_firing_waits_for_the_answers(
    drill_home: Path, tmp_path: Path
) -> None:
    trainer = Trainer(set())
    extra: dict[str, Any] = {"step": True, "trainer": trainer}
    ran = run(
        drill_home, "minimal-drill", MINIMAL_ANSWERS, MINIMAL_START, tmp_path / "t.jsonl", **extra
    )
    # nothing fired early: the scripted answers' times reached the injects
    assert ran.run.score.score == 100
    assert timedelta(minutes=_fired(ran.timeline)["share-up"]) == timedelta(minutes=9)


def test_the_trainer_presses_enter_through_the_real_prompt(
    drill_home: Path, tmp_path: Path
) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from crisisplay.console.prompter import InteractivePrompter

    answers: list[object] = []

    class Spied(InteractivePrompter):
        def ask(self, question: Question) -> Answer:
            answer = super().ask(question)
            answers.append((question.group[-1], answer.value))
            return answer

    with create_pipe_input() as pipe:
        trainer = Spied(input=pipe, output=DummyOutput())
        pipe.send_text("\r")  # before `confirm`: Enter fires the next inject
        pipe.send_text("n\r")  # before `publish`: not yet (in French, a word then Enter)
        extra: dict[str, Any] = {"step": True, "trainer": trainer}
        ran = run(
            drill_home,
            "minimal-drill",
            MINIMAL_ANSWERS,
            MINIMAL_START,
            tmp_path / "t.jsonl",
            **extra,
        )
    events = read_events(ran.timeline).events
    order = [(e.kind, e.payload.get("inject") or e.payload.get("step")) for e in events]
    assert order.index((vocabulary.DrillInject.KIND, "share-up")) < order.index(
        (vocabulary.StepStarted.KIND, "confirm")
    )
    assert answers == [("confirm", True), ("publish", False)]
    # "not yet": the call waited for the answers' time to reach its own moment
    assert _fired(ran.timeline) == {"start": 0, "share-up": 9, "call": 11}


@dataclass
class Person:
    """Someone at the keyboard who reads the first question for a long while: answers come from
    a file, but the first one only once every inject has reached the timeline (or never)."""

    inner: ScriptedPrompter
    timeline: Path
    waited_for: int = 4
    held: list[str] = field(default_factory=list)

    def ask(self, question: Question) -> Answer:
        if not self.held:
            self.held.append(question.id)
            limit = time.monotonic() + 20
            while len(_fired_if_any(self.timeline)) < self.waited_for:
                assert time.monotonic() < limit, "no inject fired while the prompt waited"
                time.sleep(0.02)
        return self.inner.ask(question)

    def reject(self, question: Question, answer: Answer, reason: str) -> None:
        raise AssertionError(reason)

    def show(self, notice: Notice) -> None:
        self.inner.show(notice)


def _fired_if_any(path: Path) -> dict[str, float]:
    return _fired(path) if path.exists() and path.stat().st_size else {}


def test_injects_fire_on_the_exercise_clock_while_the_prompt_waits(
    drill_home: Path, tmp_path: Path
) -> None:
    wall = FakeWall()
    timeline = tmp_path / "t.jsonl"
    person = Person(ScriptedPrompter(load_answers(THREE_HOURS)), timeline)
    options = DrillOptions(
        "ana",
        scripted=False,
        speed=60,
        start=MINIMAL_START,
        timeline=timeline,
        wall=WallTime(wall.monotonic, wall.sleep),
    )
    ran = run_drill(Home(drill_home), "minimal-three-hours", person, options)
    events = read_events(timeline).events
    activation = events[0]
    assert activation.payload["drill_speed"] == 60 and activation.payload["drill_paced"] is True
    # each inject at its exercise time (to the second), recorded before the first answer
    planned = {"start": 0, "first-hour": 60, "second-hour": 120, "third-hour": 180}
    fired = _fired(timeline)
    assert set(fired) == set(planned)
    assert all(abs(fired[key] - minutes) * 60 <= 1 for key, minutes in planned.items())
    first_answer = next(e.seq for e in events if e.kind == vocabulary.FactSet.KIND
                        and e.payload.get("source") == "answer")  # fmt: skip
    injects = [e.seq for e in events if e.kind == vocabulary.DrillInject.KIND]
    assert person.held == ["facts.services_down.value"] and max(injects) < first_answer
    assert [e.actor for e in events if e.kind == vocabulary.DrillInject.KIND] == [
        "exercise-control"
    ] * 4
    assert ran.state.completed_at is not None  # the walkthrough took the injects in


def test_a_resumed_drill_keeps_its_speed(drill_home: Path, tmp_path: Path) -> None:
    from crisisplay.clock import DrillClock, SystemClock
    from crisisplay.drills.resume import drill_edges
    from crisisplay.incident.run import Edges, load_state

    wall = FakeWall()
    ran = run(
        drill_home, "minimal-three-hours", THREE_HOURS, MINIMAL_START, tmp_path / "t.jsonl",
        speed=60, wall=WallTime(wall.monotonic, wall.sleep),
    )  # fmt: skip
    state = load_state(ran.timeline)
    assert state.drill_speed == 60 and state.drill_paced
    org = load_playbook(Home(drill_home), only="minimal").organisation
    person = Person(ScriptedPrompter(load_answers(THREE_HOURS)), ran.timeline)
    edges = drill_edges(ran.timeline, state, org, Edges(person, SystemClock(), "ana"))
    assert isinstance(edges.clock, DrillClock)
    assert edges.clock.speed == 60 and edges.clock.paced
