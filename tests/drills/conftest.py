"""Running drills deterministically: scripted answers, fixed starts, fake wall time."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crisisplay.drills.run import DrillOptions, DrillRun, parse_start, run_drill
from crisisplay.home import Home
from crisisplay.prompts import Notice, ScriptedPrompter, load_answers
from tests.conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_HOME = ROOT / "tests" / "playbook" / "fixtures" / "home"
MINIMAL_ANSWERS = FIXTURES / "answers" / "minimal-drill.yaml"
MINIMAL_START = parse_start("2026-11-23T15:00")  # a Monday, in the organisation's zone
BUNDLED_ANSWERS = ROOT / "playbooks" / "answers"


@dataclass
class Ran:
    """A drill run and what its participants were shown."""

    run: DrillRun
    shown: list[Notice]

    @property
    def timeline(self) -> Path:
        return self.run.place.path


def run(
    home: Path,
    drill: str,
    answers: Path,
    start: datetime,
    timeline: Path,
    **options: Any,
) -> Ran:
    prompter = ScriptedPrompter(load_answers(answers))
    trainer = options.pop("trainer", None)
    chosen = DrillOptions(None, scripted=True, start=start, timeline=timeline, **options)
    ran = run_drill(Home(home), drill, prompter, chosen, trainer=trainer)
    return Ran(ran, prompter.shown)


def make_drill_home(tmp_path: Path) -> Path:
    """The fixture home (minimal scenario, one person) with the fixture drills."""
    home = tmp_path / "home"
    shutil.copytree(FIXTURE_HOME, home)
    shutil.copytree(FIXTURES / "drills", home / "playbooks" / "drills")
    return home


@pytest.fixture
def drill_home(tmp_path: Path) -> Path:
    """The fixture home (minimal scenario, one person) with the fixture drills."""
    return make_drill_home(tmp_path)


@dataclass
class FakeWall:
    """Monotonic seconds that move only when slept: a paced drill clock never really sleeps."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
