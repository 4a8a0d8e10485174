"""Ctrl-C in a running drill: exit 130, everything kept, and the way to resume printed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from crisisplay.timeline import vocabulary
from crisisplay.timeline.store import read_events
from crisisplay.timeline.verify import verify
from tests.conftest import ROOT


def test_sigint_pauses_the_drill_and_says_how_to_resume(tmp_path: Path) -> None:
    timeline = tmp_path / "drill.jsonl"
    answers = ROOT / "playbooks" / "answers" / "weekend-cm-gap.yaml"
    # At --speed 1 the scripted answers wait for their real moment: the run is asleep when the
    # interrupt comes, as a trainer's terminal would be between two answers.
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crisisplay",
            "--home",
            str(ROOT),
            "drill",
            "run",
            "weekend-cm-gap",
            "--answers",
            str(answers),
            "--speed",
            "1",
            "--quiet",
            "--timeline",
            str(timeline),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not (timeline.exists() and timeline.stat().st_size) and time.monotonic() < deadline:
        time.sleep(0.05)
    # asleep: nothing written for half a second (a loaded machine may still be recording)
    size, still = -1, time.monotonic()
    while time.monotonic() < deadline:
        now_size = timeline.stat().st_size
        if now_size != size:
            size, still = now_size, time.monotonic()
        elif time.monotonic() - still > 0.5:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert "Resume with: crisisplay" in stderr and "Traceback" not in stderr
    events = read_events(timeline).events
    assert events[-1].kind == vocabulary.WalkthroughPaused.KIND
    assert verify(timeline).ok
