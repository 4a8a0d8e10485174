"""Every writer folds every event: three processes on one incident, each checking its state
against a fresh fold of the file after every step (tests/engine/cell_writer.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from crisisplay.timeline.verify import verify
from tests.conftest import ROOT

WRITER = Path(__file__).with_name("cell_writer.py")


def test_three_writers_on_one_incident_each_see_the_file(tmp_path: Path) -> None:
    timeline = tmp_path / "incident.jsonl"
    done = tmp_path / "lead.done"
    env = {"PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": ""}
    others = [
        subprocess.Popen(
            [sys.executable, str(WRITER), role, str(timeline), str(done)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for role in ("cm", "notes")
    ]
    lead = subprocess.run(
        [sys.executable, str(WRITER), "lead", str(timeline), str(done)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert lead.returncode == 0, lead.stdout + lead.stderr
    outputs = [p.communicate(timeout=300) for p in others]
    for process, (out, err) in zip(others, outputs, strict=True):
        assert process.returncode == 0, out + err
    checks = {line.split()[0]: int(line.split()[-1]) for line in
              [lead.stdout, *(out for out, _ in outputs)]}  # fmt: skip
    assert checks["lead"] > 50 and checks["cm"] > 0 and checks["notes"] > 0, checks
    events = read_events(timeline).events
    assert verify(timeline).ok
    writers = {e.actor for e in events}
    assert {"camille-roux", "ines-haddad", "karim-benali"} <= writers
    # The lead's walkthrough went on to its end with the others' events between its own.
    state = fold(events)
    assert state.completed_at is not None and len(state.entries) == checks["notes"]
    lead_seqs = [e.seq for e in events if e.actor == "camille-roux"]
    assert any(e.actor != "camille-roux" and lead_seqs[0] < e.seq < lead_seqs[-1] for e in events)
