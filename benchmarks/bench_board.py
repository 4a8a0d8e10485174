"""How long a gate decided in another process takes to show on the lead's board.

    .venv/bin/python benchmarks/bench_board.py [--passes 100]

A nationwide incident is played up to where the board waits on the NOC's scope gate. A board
process then runs the real live board (``TerminalBoard.wait`` on a real walkthrough: read the
store, fold, recompute what the cell waits on) and notes when each event reaches it; a member
process decides the gate ``--passes`` times (refusals, then the pass) through the same member
operation and check-and-append as `crisisplay gate`, noting when each was acknowledged. The
latency of each is seen minus acknowledged, on one wall clock.

The floor, measured in the same run: a bare `tail -f` loop in Python that polls the file's size
at the same interval and reads the new line. Target: median under one second (the board is
refreshed within a second without a keystroke), reported with the ratio to the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"


def prepare(folder: Path) -> Path:
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    del answers["gates"]["noc-scope"]
    lead = folder / "lead.yaml"
    lead.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    timeline = folder / "incident.jsonl"
    subprocess.run(
        [sys.executable, "-m", "crisisplay", "activate", "nationwide-outage", "--answers",
         str(lead), "--timeline", str(timeline), "--actor", "camille-roux", "--quiet"],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return timeline


def board(timeline: Path, count: int) -> None:
    """The real live board, noting when each event reaches it."""
    from crisisplay.clock import SystemClock
    from crisisplay.console.live_board import TerminalBoard
    from crisisplay.home import Home
    from crisisplay.incident.board.walkthrough import Session, Walkthrough
    from crisisplay.incident.run import join
    from crisisplay.playbook.load import load_playbook
    from crisisplay.prompts import ScriptedPrompter

    store, state = join(timeline)
    playbook = load_playbook(Home(ROOT), only=state.scenario)
    session = Session(
        playbook, playbook.scenario(state.scenario or ""), "fr", "camille-roux",
        SystemClock(), ScriptedPrompter.empty(), store,
    )  # fmt: skip
    walk = Walkthrough(session, state)
    read_fd, _ = os.pipe()  # keys that never come
    keys = os.fdopen(read_fd)
    live = TerminalBoard(keys=keys)
    print("ready", file=sys.stderr, flush=True)
    seen = 0
    while seen < count:
        before = walk.state.last_seq
        live.wait(walk)
        now = time.time()
        for seq in range(before + 1, walk.state.last_seq + 1):
            print(f"{seq} {now}", file=sys.stderr, flush=True)
            seen += 1


def floor(timeline: Path, count: int, poll: float) -> None:
    """A bare tail -f: poll the size, read what is new, note the time of each line."""
    print("ready", file=sys.stderr, flush=True)
    with timeline.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        seen = 0
        while seen < count:
            line = handle.readline()
            if not line:
                time.sleep(poll)
                continue
            print(f"{json.loads(line)['seq']} {time.time()}", file=sys.stderr, flush=True)
            seen += 1


def member(timeline: Path, count: int) -> dict[int, float]:
    """Decide the gate ``count`` times (refuse, ..., pass) as `crisisplay gate` does: the same
    request, the same check-and-append; when each was acknowledged."""
    import random

    from crisisplay.clock import SystemClock
    from crisisplay.home import Home
    from crisisplay.incident.ops.gates import DecideGate
    from crisisplay.incident.record import record
    from crisisplay.incident.run import open_desk

    desk = open_desk(Home(ROOT), timeline, SystemClock())
    acked: dict[int, float] = {}
    for number in range(count):
        decision = "pass" if number == count - 1 else "refuse"
        outcome = record(desk, "noc-duty", DecideGate("noc-scope", decision, f"#{number}"))
        for event in outcome.events:
            acked[event.seq] = time.time()
        time.sleep(random.uniform(0.05, 0.25))
    return acked


def measure(timeline: Path, role: str, count: int, poll: float) -> list[float]:
    watcher = subprocess.Popen(
        [sys.executable, __file__, "--role", role, "--timeline", str(timeline),
         "--count", str(count), "--poll", str(poll)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    assert watcher.stderr is not None
    assert watcher.stderr.readline().strip() == "ready"
    acked = member(timeline, count // 2)
    seen: dict[int, float] = {}
    for line in watcher.stderr:
        seq, at = line.split()
        seen[int(seq)] = float(at)
        if len(seen) >= len(acked):
            break
    watcher.kill()
    return [seen[seq] - acked[seq] for seq in acked if seq in seen]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--passes", type=int, default=100)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small run that only checks the benchmark still works",
    )
    parser.add_argument("--role", choices=("board", "floor"))
    parser.add_argument("--timeline", type=Path)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--poll", type=float, default=0.1)
    args = parser.parse_args()
    if args.quick:
        args.passes = 5
    if args.role == "board":
        board(args.timeline, args.count)
        return 0
    if args.role == "floor":
        floor(args.timeline, args.count, args.poll)
        return 0
    from crisisplay.timeline.wakeup import POLL_SECONDS

    with tempfile.TemporaryDirectory() as folder:
        timeline = prepare(Path(folder))
        # each decision is one event (a pass adds the facts it validated: two)
        ours = measure(timeline, "board", args.passes * 2, POLL_SECONDS)
    with tempfile.TemporaryDirectory() as folder:
        timeline = prepare(Path(folder))
        bare = measure(timeline, "floor", args.passes * 2, POLL_SECONDS)

    def p99(values: list[float]) -> float:
        return sorted(values)[max(0, round(len(values) * 0.99) - 1)]

    median, floor_median = statistics.median(ours), statistics.median(bare)
    print(f"gate decided in another process -> shown on the board, over {len(ours)} events:")
    print(f"  board: median {median * 1000:.0f} ms, p99 {p99(ours) * 1000:.0f} ms")
    print(f"  floor (bare tail -f, same poll): median {floor_median * 1000:.0f} ms, "
          f"p99 {p99(bare) * 1000:.0f} ms")  # fmt: skip
    print(f"  ratio of medians {median / floor_median:.2f}x; target: median under 1 s")
    return 0 if median < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
