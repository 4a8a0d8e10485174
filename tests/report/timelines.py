"""Deterministic timelines of the bundled home, for the snapshot and browser tests.

Drills: each bundled drill run from its answers file at the start its own tests pin
(tests/drills/test_bundled_drills.py), on the unpaced drill clock, as
`crisisplay drill run DRILL --answers playbooks/answers/DRILL.yaml --start ...` does.
A real incident: a bundled scenario activated from its answers file with a manual clock and a
fixed token. The same code and playbooks always give byte-identical timelines, and reports.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from crisisplay.clock import ManualClock
from crisisplay.drills.run import DrillOptions, parse_start, run_drill
from crisisplay.home import Home
from crisisplay.incident.run import Edges, activate
from crisisplay.prompts import ScriptedPrompter, load_answers
from tests.conftest import ROOT
from tests.drills.test_bundled_drills import LATE_HOLDING, PINNED

ANSWERS = ROOT / "playbooks" / "answers"
#: 07:50 in Paris on a Monday: the answers files' clock times ("next update at 09:30") fall
#: on the same morning, so the promised updates are due within the incident
START = datetime(2026, 11, 23, 6, 50, tzinfo=timezone.utc)
TOKEN = "5eed"
DRILLS = sorted(p.stem for p in (ROOT / "playbooks" / "drills").glob("*.yaml"))
#: a drill run whose answers miss expectations (a late holding statement): a score below max
LATE = "nationwide-eta-slip-late-holding"


def drill_timeline(name: str, folder: Path) -> Path:
    """The timeline of a bundled drill (or of LATE) played from its answers file."""
    drill = "nationwide-eta-slip" if name == LATE else name
    answers, start, _ = PINNED[drill]
    path = folder / f"{name}.jsonl"
    prompter = ScriptedPrompter(load_answers(ANSWERS / (LATE_HOLDING if name == LATE else answers)))
    options = DrillOptions(None, scripted=True, start=parse_start(start), timeline=path)
    run_drill(Home(ROOT), drill, prompter, options)
    return path


def incident_timeline(scenario: str, folder: Path, lang: str | None = None) -> Path:
    """The timeline of a real incident of ``scenario`` walked end to end from its answers
    (in ``lang``, else the organisation's first language)."""
    path = folder / f"{scenario}.jsonl"
    answers = load_answers(ANSWERS / f"{scenario}.yaml")
    edges = Edges(ScriptedPrompter(answers), ManualClock(START), "camille-roux")
    activate(Home(ROOT), scenario, edges, lang=lang, timeline=path, token=TOKEN)
    return path
