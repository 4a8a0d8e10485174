"""The Markdown and JSON reports of every bundled drill's timeline, pinned word for word.

Each bundled drill is played from its answers file at a fixed start (tests/report/timelines.py),
so its timeline, and therefore its report, is always the same; so is the late-holding run of
nationwide-eta-slip (expectations missed) and one real incident (nationwide-outage, activated
from its answers). A change of the report, the engine, the scoring or a playbook shows up here
as a diff to review. The chain head (a hash over every event, rendered texts' hashes included)
is written as `<sha256>`: a reworded template changes it, and the report's content is what is
pinned here. To accept a change, regenerate the snapshots and read the diff before committing:

    CRISISPLAY_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/report/test_report_snapshots.py
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from crisisplay.home import Home
from crisisplay.report.run import render, report_of
from tests.conftest import ROOT
from tests.report.timelines import DRILLS, LATE, drill_timeline, incident_timeline

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("CRISISPLAY_UPDATE_SNAPSHOTS") == "1"
CASES: dict[str, Callable[[str, Path], Path]] = {
    **{f"drill-{name}": drill_timeline for name in [*DRILLS, LATE]},
    "incident-nationwide-outage": incident_timeline,
}


@pytest.fixture(scope="module")
def timelines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("timelines")


def timeline_of(case: str, folder: Path) -> Path:
    path = folder / f"{case.split('-', 1)[1]}.jsonl"
    if path.exists():
        return path
    return CASES[case](case.split("-", 1)[1], folder)


def test_every_bundled_drill_is_pinned() -> None:
    pinned = {p.name.split(".")[0] for p in SNAPSHOTS.glob("drill-*.md")}
    assert pinned == {f"drill-{d}" for d in [*DRILLS, LATE]}


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_report_snapshot(timelines: Path, case: str, fmt: str) -> None:
    text = render(report_of(Home(ROOT), timeline_of(case, timelines)), fmt)
    if fmt == "json":
        json.loads(text)  # one valid document
    text = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", text)
    text = re.sub(r"\b(\d+):[0-9a-f]{16}\b", r"\1:<head>", text)  # the head's short form
    snapshot = SNAPSHOTS / f"{case}.{fmt}"
    if UPDATE:
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}: run with CRISISPLAY_UPDATE_SNAPSHOTS=1"
    assert text == snapshot.read_text(encoding="utf-8"), f"{snapshot.name} changed (see docstring)"


def test_the_drill_score_is_the_drill_scorings(timelines: Path) -> None:
    from crisisplay.drills.scoring import score_timeline

    path = timeline_of(f"drill-{LATE}", timelines)
    document = json.loads(render(report_of(Home(ROOT), path), "json"))
    scored = score_timeline(path).as_json()
    assert (document["drill"]["score"], document["drill"]["max"]) == (70, 100)
    assert (scored["score"], scored["max"]) == (70, 100)
    mine = [
        (e["id"], e["met"], e["points"], e["late_min"]) for e in document["drill"]["expectations"]
    ]
    theirs = [(e["id"], e["met"], e["points"], e["late_min"]) for e in scored["expectations"]]
    assert mine == theirs
    assert ("holding-30", False, 0, 8.0) in mine  # the late holding statement


def test_a_real_incident_has_no_drill_section(timelines: Path) -> None:
    path = timeline_of("incident-nationwide-outage", timelines)
    text = render(report_of(Home(ROOT), path), "md")
    assert "## Drill expectations" not in text and "EXERCISE" not in text
