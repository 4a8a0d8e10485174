"""Time the cell can trust: a member whose clock is far ahead is refused, naming both times,
instead of dragging everyone's later acts into the future; one whose clock is behind is told so,
and the record stays in order. The clocks are shifted for one process only (libfaketime), as a
member's laptop would be."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crisisplay.timeline.store import read_events
from tests.conftest import ROOT

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"


def _crisisplay(*args: str, shift: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "crisisplay", *args]
    if shift is not None:
        faketime = shutil.which("faketime")
        assert faketime, "faketime is installed by .ci/run (Debian's faketime)"
        command = [faketime, "-f", shift, *command]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An incident activated now, on the real clock."""
    path = tmp_path_factory.mktemp("clocks") / "incident.jsonl"
    ran = _crisisplay("activate", "nationwide-outage", "--answers", str(ANSWERS), "--actor",
                      "camille-roux", "--timeline", str(path), "--quiet")  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    return path


@pytest.mark.parametrize("shift", ["+1d", "@2999-01-01 00:00:00"])
def test_an_act_from_a_clock_far_ahead_is_refused_naming_both_times(live: Path, shift: str) -> None:
    before = live.read_bytes()
    ran = _crisisplay("log", "note", "ahead", "--timeline", str(live), "--actor", "ines-haddad",
                      shift=shift)  # fmt: skip
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert "votre horloge" in ran.stderr and "en avance" in ran.stderr
    # the two times, with their dates (libfaketime's 2999 reads as 2262 in a 64-bit clock)
    assert len(re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d", ran.stderr)) == 2, ran.stderr
    assert live.read_bytes() == before  # nothing recorded


def test_the_cell_s_acts_stay_dated_now_after_a_refused_clock(live: Path) -> None:
    _crisisplay("log", "note", "ahead", "--timeline", str(live), "--actor", "ines-haddad",
                shift="+1d")  # fmt: skip
    ran = _crisisplay("log", "note", "on time", "--timeline", str(live), "--actor", "ines-haddad")
    assert ran.returncode == 0, ran.stderr
    last = read_events(live).events[-1]
    assert abs(last.at - datetime.now(timezone.utc)) < timedelta(minutes=5)


def test_a_clock_behind_is_told_and_the_record_stays_in_order(live: Path) -> None:
    ran = _crisisplay("log", "note", "behind", "--timeline", str(live), "--actor", "ines-haddad",
                      shift="-2h")  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "votre horloge est en retard" in ran.stderr
    events = read_events(live).events
    assert [e.time for e in events] == sorted(e.time for e in events)
    status = _crisisplay("status", "--timeline", str(live), shift="-2h")
    assert "votre horloge est en retard" in status.stderr
