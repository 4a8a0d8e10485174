"""A nationwide outage under way, for the tests of the one engine: the lead's board has run its
answers (the holding statement and the update left to the community managers), and each member
acts through the same engine, on an exercise of the clock the test moves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.ops import Request
from crisisplay.incident.record import Desk, Outcome, record
from crisisplay.incident.run import Edges, activate, open_desk
from crisisplay.incident.situation import Situation
from crisisplay.prompts import ScriptedPrompter, load_answers
from crisisplay.timeline.state import IncidentState, fold
from crisisplay.timeline.store import read_events
from tests.conftest import ROOT

#: Monday 23 November 2026, 07:50 in Paris
START = datetime(2026, 11, 23, 6, 50, tzinfo=timezone.utc)
ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"


@dataclass
class Incident:
    """One incident's file, and members acting on it at moments the test chooses."""

    path: Path
    clock: ManualClock

    def act(self, person: str, request: Request, *, typist: str | None = None) -> Outcome:
        desk = open_desk(Home(ROOT), self.path, self.clock)
        return record(desk, person, request, typist=typist)

    def desk(self) -> Desk:
        return open_desk(Home(ROOT), self.path, self.clock)

    def situation(self) -> Situation:
        return self.desk().situation()

    def state(self) -> IncidentState:
        return fold(read_events(self.path).events)

    def at(self, delta: timedelta) -> None:
        """Move the clock to ``delta`` after the activation."""
        self.clock.current = START + delta


def lead_answers(folder: Path, leave_out: dict[str, list[str]]) -> Path:
    """The bundled answers, less what ``leave_out`` names (group -> ids) for others to do."""
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    for group, ids in leave_out.items():
        for item in ids:
            answers[group].pop(item, None)
    path = folder / "lead.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


Opener = Callable[[dict[str, list[str]]], Incident]


@pytest.fixture
def opened(tmp_path: Path) -> Opener:
    """An incident whose board ran the bundled answers less what the test leaves out."""

    def open_incident(leave_out: dict[str, list[str]]) -> Incident:
        clock = ManualClock(START)
        answers = lead_answers(tmp_path, leave_out)
        edges = Edges(ScriptedPrompter(load_answers(answers)), clock, "camille-roux")
        path = tmp_path / "incident.jsonl"
        activate(Home(ROOT), "nationwide-outage", edges, timeline=path, token="cafe")
        return Incident(path, clock)

    return open_incident
