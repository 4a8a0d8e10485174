"""Running walkthroughs deterministically: a manual clock and scripted answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.run import Edges, IncidentRun, activate, resume
from crisisplay.prompts import ScriptedPrompter, load_answers

START = datetime(2026, 11, 23, 14, 2, tzinfo=timezone.utc)  # a Monday, 15:02 in Paris
FIXTURE_HOME = Path(__file__).parents[1] / "playbook" / "fixtures" / "home"


@dataclass
class Runner:
    home: Home

    def edges(self, answers: Path, clock: ManualClock | None = None) -> Edges:
        prompter = ScriptedPrompter(load_answers(answers))
        return Edges(prompter, clock or ManualClock(START), lead_of(answers))

    def activate(
        self, scenario: str, answers: Path, timeline: Path, clock: ManualClock | None = None
    ) -> IncidentRun:
        edges = self.edges(answers, clock)
        return activate(self.home, scenario, edges, timeline=timeline, token="beef")

    def resume(self, answers: Path, timeline: Path, clock: ManualClock) -> IncidentRun:
        return resume(self.home, timeline, self.edges(answers, clock))


RunnerFactory = Callable[[Path], Runner]


def lead_of(answers: Path) -> str:
    """Who runs the board of an answers file: the person it names for the cell lead's role
    (the fixture home's ana when it names none)."""
    import yaml

    data = yaml.safe_load(answers.read_text(encoding="utf-8")) or {}
    roles = data.get("roles") or {}
    lead = roles.get("cell-lead") if isinstance(roles, dict) else None
    return lead if isinstance(lead, str) and lead not in ("on-duty", "gap") else "ana"


@pytest.fixture
def runner() -> RunnerFactory:
    return lambda root: Runner(Home(root))
