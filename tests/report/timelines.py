"""Deterministic timelines of the bundled home, for the snapshot and browser tests.

Each bundled scenario is activated from its answers file (`playbooks/answers/<scenario>.yaml`)
with a manual clock starting at a fixed moment and a fixed token, so the same code and
playbooks always give byte-identical timelines, and the same reports.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident import Edges, activate
from crisisplay.prompts import ScriptedPrompter, load_answers
from tests.conftest import ROOT

#: 07:50 in Paris on a Monday: the answers files' clock times ("next update at 09:30") fall
#: on the same morning, so the promised updates are due within the incident
START = datetime(2026, 11, 23, 6, 50, tzinfo=timezone.utc)
TOKEN = "5eed"
SCENARIOS = sorted(p.stem for p in (ROOT / "playbooks" / "scenarios").glob("*.yaml"))


def bundled_timeline(scenario: str, folder: Path) -> Path:
    """The timeline of ``scenario`` walked end to end from its bundled answers file."""
    path = folder / f"{scenario}.jsonl"
    answers = load_answers(ROOT / "playbooks" / "answers" / f"{scenario}.yaml")
    edges = Edges(ScriptedPrompter(answers), ManualClock(START), "camille-roux")
    activate(Home(ROOT), scenario, edges, timeline=path, token=TOKEN)
    return path
