"""Check and append as one step, one lead board per incident, and a walkthrough that can never
run away: from a clock behind the timeline, two boards at once, or a take-over."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crisisplay.clock import ManualClock
from crisisplay.errors import Runaway
from crisisplay.incident.board import actions, walkthrough
from crisisplay.incident.lock import lead_board
from crisisplay.timeline.events import Event
from crisisplay.timeline.store import read_events
from crisisplay.timeline.verify import verify
from crisisplay.timeline.vocabulary import BoardTakenOver, WalkthroughCompleted
from tests.conftest import ROOT, Cli
from tests.engine.conftest import RunnerFactory

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"
WRITER = Path(__file__).with_name("board_writer.py")
# What makes an act the same act, whoever records it and whenever.
_IDENTITY = ("fact", "step", "action", "gate", "message", "channel", "role", "rule", "inject")


def _acts(events: list[Event]) -> Counter[tuple[object, ...]]:
    kept = [e for e in events if e.kind not in (BoardTakenOver.KIND, "message.rendered")]
    return Counter((e.kind, *(str(e.payload.get(k)) for k in _IDENTITY)) for e in kept)


@pytest.fixture
def full(runner: RunnerFactory, tmp_path: Path) -> list[Event]:
    path = tmp_path / "full.jsonl"
    runner(ROOT).activate("nationwide-outage", ANSWERS, path)
    return read_events(path).events


def _cut(full: list[Event], tmp_path: Path, at: int) -> Path:
    from crisisplay.timeline.events import canonical_line

    path = tmp_path / "cut.jsonl"
    path.write_bytes(b"".join(canonical_line(e) for e in full[:at]))
    return path


def test_a_clock_behind_the_timeline_neither_loops_nor_dates_back(
    runner: RunnerFactory, full: list[Event], tmp_path: Path
) -> None:
    partial = _cut(full, tmp_path, 40)
    behind = ManualClock(full[39].at - timedelta(minutes=1))  # stepped back by NTP
    run = runner(ROOT).resume(ANSWERS, partial, behind)
    events = read_events(partial).events
    assert run.state.completed_at is not None and verify(partial).ok
    assert len(events) == len(full)  # the same walkthrough: nothing rendered over and over
    times = [e.time for e in events]
    assert times == sorted(times)  # never dated before the last event


def test_a_walkthrough_that_records_without_asking_is_stopped(
    runner: RunnerFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisplay.incident.ops import messages as publishing

    monkeypatch.setattr(actions, "needs_render", lambda walk, message: True)
    monkeypatch.setattr(publishing, "needs_showing", lambda situation, message: True)
    monkeypatch.setattr(walkthrough, "RUNAWAY_EVENTS", 150)  # 1000 in use: the same guard
    path = tmp_path / "runaway.jsonl"
    with pytest.raises(Runaway, match="without a single answer; it was stopped"):
        runner(ROOT).activate("nationwide-outage", ANSWERS, path)
    assert verify(path).ok
    assert 150 < len(read_events(path).events) < 350  # bounded, and everything kept


def test_two_boards_at_once_record_each_act_once(full: list[Event], tmp_path: Path) -> None:
    partial = _cut(full, tmp_path, 30)
    boards = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(partial), str(ANSWERS), "0.002", "--no-board"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    outputs = [board.communicate(timeout=300) for board in boards]
    assert all(board.returncode == 0 for board in boards), outputs
    events = read_events(partial).events
    assert verify(partial).ok
    assert _acts(events) == _acts(full)  # one set of acts, not two
    assert sum(e.kind == WalkthroughCompleted.KIND for e in events) == 1


def test_a_second_board_is_told_who_holds_it(cli: Cli, full: list[Event], tmp_path: Path) -> None:
    partial = _cut(full, tmp_path, 30)
    before = partial.read_bytes()
    with lead_board(partial, "camille-roux", full[29].at):
        ran = cli("resume", "--timeline", str(partial), "--answers", str(ANSWERS), "--quiet")
    assert ran.exit_code == 2
    assert "the lead's board of this incident is open: camille-roux on" in ran.stderr
    assert "--take-over" in ran.stderr
    assert partial.read_bytes() == before


def test_taking_over_stops_the_other_board_with_everything_kept(
    full: list[Event], tmp_path: Path
) -> None:
    partial = _cut(full, tmp_path, 20)
    first = subprocess.Popen(
        [sys.executable, str(WRITER), str(partial), str(ANSWERS), "0.15"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while len(read_events(partial).events) < 26 and time.monotonic() < deadline:
        time.sleep(0.05)  # the first board is at work
    taker = subprocess.run(
        [
            sys.executable,
            str(WRITER),
            str(partial),
            str(ANSWERS),
            "0",
            "--take-over",
            "camille-roux",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert taker.returncode == 0 and taker.stdout.startswith("completed"), taker
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, out + err
    assert out.startswith("lost to camille-roux"), out
    events = read_events(partial).events
    assert verify(partial).ok
    [taken] = [e for e in events if e.kind == BoardTakenOver.KIND]
    assert taken.actor == "camille-roux" and taken.payload["previous_actor"] == "camille-roux"
    assert _acts(events) == _acts(full)


def test_two_resumes_started_together_give_one_set_of_acts(
    runner: RunnerFactory, tmp_path: Path
) -> None:
    """As a cell lead would type it in two terminals at once: the second is told who holds the
    board (exit 2), or comes after the first and finds nothing left to do. The incident began
    20 minutes ago: the resumes run on the wall clock, and the promises of the answers file
    (T+1h40m...) are still ahead."""
    began = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(minutes=20)
    runner(ROOT).activate("nationwide-outage", ANSWERS, tmp_path / "full.jsonl", ManualClock(began))
    partial = _cut(read_events(tmp_path / "full.jsonl").events, tmp_path, 30)
    alone = tmp_path / "alone.jsonl"
    alone.write_bytes(partial.read_bytes())
    command = [sys.executable, "-m", "crisisplay", "resume", "--answers", str(ANSWERS), "--quiet",
               "--actor", "camille-roux"]  # fmt: skip
    runs = [
        subprocess.Popen(
            [*command, "--timeline", str(partial)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    codes = sorted(run.returncode for run in runs)
    assert codes in ([0, 0], [0, 2]), outputs
    if codes == [0, 2]:
        assert any("the lead's board of this incident is open" in err for _, err in outputs)
    subprocess.run([*command, "--timeline", str(alone)], cwd=ROOT, check=True, timeout=300)
    assert verify(partial).ok
    assert _acts(read_events(partial).events) == _acts(read_events(alone).events)
