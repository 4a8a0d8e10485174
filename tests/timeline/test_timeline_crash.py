"""Real processes, real kills: no acknowledged event is ever lost, and concurrent writers never
produce a duplicate or a gap."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from timeline_support import WRITER

from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify

CAMPAIGNS = 8  # fresh timelines
ROUNDS = 8  # kill rounds on each: 64 in all
WAIT_SECONDS = 60  # for the writers of one round to reach their kill moments
AFTER = datetime(2026, 11, 23, 18, 0, tzinfo=timezone.utc)


def spawn(
    path: Path, ack: Path, name: str, mode: str, count: int | None = None
) -> subprocess.Popen[bytes]:
    args = [sys.executable, str(WRITER), str(path), str(ack), name, mode]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(
        [*args, *([str(count)] if count else [])], env=env, stderr=subprocess.PIPE
    )


def acknowledged(ack: Path) -> list[tuple[int, str]]:
    """The complete ``seq hash`` lines of an ack file (a kill may cut the last one short)."""
    if not ack.exists():
        return []
    found = []
    for line in ack.read_bytes().split(b"\n")[:-1]:
        if line != b"torn":
            seq, digest = line.split()
            found.append((int(seq), digest.decode()))
    return found


def kill_round(rng: random.Random, path: Path, folder: Path, label: str) -> list[Path]:
    """2-4 writers started together, each killed with SIGKILL at its own random moment: once
    it has acknowledged a random number of events, and a random few milliseconds more (inside
    its next append, or between two). The moments are counted in acknowledged events, not in
    seconds, so a loaded machine changes how long a round takes, not what it proves."""
    modes = ["small"] * rng.randint(2, 4)
    if rng.random() < 0.3:
        modes[0] = "big"
    if rng.random() < 0.3:
        modes[-1] = "tear"
    acks = [folder / f"{label}-{i}.ack" for i in range(len(modes))]
    # the "torn" line of a tearing writer is its one acknowledgement
    targets = [1 if m == "tear" else rng.randint(0, 2 if m == "big" else 12) for m in modes]
    extras = [rng.uniform(0.0, 0.02) for _ in modes]
    procs = [
        spawn(path, ack, f"w{label}-{i}", mode)
        for i, (ack, mode) in enumerate(zip(acks, modes, strict=True))
    ]
    reached: dict[int, float] = {}
    deadline = time.monotonic() + WAIT_SECONDS
    while len(reached) < len(procs) or any(p.returncode is None for p in procs):
        now = time.monotonic()
        assert now < deadline, f"writers too slow: {len(reached)} of {len(procs)} got there"
        for i, proc in enumerate(procs):
            if i not in reached and _lines(acks[i]) >= targets[i]:
                reached[i] = now
            if i in reached and proc.poll() is None and now >= reached[i] + extras[i]:
                proc.kill()
                proc.wait()
        time.sleep(0.002)
    for proc in procs:
        stderr = proc.stderr.read() if proc.stderr else b""
        assert b"Traceback" not in stderr, stderr.decode()
    return acks


def _lines(ack: Path) -> int:
    try:
        return ack.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_kill_9_at_random_moments_never_loses_an_acknowledged_event(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    total_acked, tails = 0, 0
    for campaign in range(CAMPAIGNS):
        folder = tmp_path / f"campaign-{campaign}"
        folder.mkdir()
        path = folder / "incident.jsonl"
        acks: list[Path] = []
        torn_tails: list[bytes] = []
        for round_ in range(ROUNDS):
            acks += kill_round(rng, path, folder, str(round_))
            if not path.exists():
                continue
            result = verify(path)
            if not result.ok:  # only ever a torn tail, never a break inside the chain
                assert result.first_bad_seq == result.events + 1, result.reason
                assert "the last line is incomplete" in str(result.reason)
                tail = read_events(path).torn_tail
                assert tail is not None
                torn_tails.append(tail)
        final = TimelineStore(path, incident="crash-test")
        final.append(NewEvent("note.added", "final", None, {}, AFTER))
        assert verify(path).ok
        recorded = {e.seq: e.hash for e in read_events(path).events}
        for ack in acks:
            for seq, digest in acknowledged(ack):
                assert recorded.get(seq) == digest, f"acknowledged #{seq} lost ({ack.name})"
                total_acked += 1
        broken = path.with_name("incident.jsonl.broken")
        if torn_tails:
            kept = broken.read_bytes()
            assert all(tail in kept for tail in torn_tails)
        tails += len(torn_tails)
    assert total_acked > 300, "the writers barely wrote: the test proved little"
    assert tails > 0, "no round tore a line: the repair path went untested"


@pytest.mark.slow
def test_eight_processes_of_300_appends_give_a_gapless_chain(tmp_path: Path) -> None:
    path = tmp_path / "incident.jsonl"
    acks = [tmp_path / f"w{i}.ack" for i in range(8)]
    procs = [spawn(path, ack, f"w{i}", "small", 300) for i, ack in enumerate(acks)]
    for proc in procs:
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr.decode()
    events = read_events(path).events
    assert [e.seq for e in events] == list(range(1, 2401))
    assert verify(path).ok
    recorded = {e.seq: e.hash for e in events}
    for ack in acks:
        mine = acknowledged(ack)
        assert len(mine) == 300
        assert all(recorded[seq] == digest for seq, digest in mine)
