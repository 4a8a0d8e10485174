"""The Markdown and JSON reports of the bundled timelines, pinned word for word.

Each bundled scenario is walked end to end from its answers file with a manual clock and a
fixed token (tests/report/timelines.py), so its timeline, and therefore its report, is always
the same. A change of the report, the engine or a playbook shows up here as a diff to review.
The chain head (a hash over every event, rendered texts' hashes included) is written as
`<sha256>`: a reworded template changes it, and the report's content is what is pinned here.
To accept it, regenerate the snapshots and read the diff before committing:

    CRISISPLAY_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/report/test_report_snapshots.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from crisisplay.home import Home
from crisisplay.report.run import render, report_of
from tests.conftest import ROOT
from tests.report.timelines import SCENARIOS, bundled_timeline

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("CRISISPLAY_UPDATE_SNAPSHOTS") == "1"


@pytest.fixture(scope="module")
def timelines(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("timelines")


@pytest.mark.parametrize("fmt", ["md", "json"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_report_snapshot(timelines: Path, scenario: str, fmt: str) -> None:
    path = timelines / f"{scenario}.jsonl"
    if not path.exists():
        bundled_timeline(scenario, timelines)
    text = render(report_of(Home(ROOT), path), fmt)
    if fmt == "json":
        json.loads(text)  # one valid document
    text = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", text)
    snapshot = SNAPSHOTS / f"{scenario}.{fmt}"
    if UPDATE:
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot {snapshot.name}: run with CRISISPLAY_UPDATE_SNAPSHOTS=1"
    assert text == snapshot.read_text(encoding="utf-8"), f"{snapshot.name} changed (see docstring)"
