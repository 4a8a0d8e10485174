"""Timeline benchmarks, as ratios against a floor measured in the same run.

    .venv/bin/python benchmarks/bench_timeline.py [--appends 1000] [--events 100000] [--dir DIR]

- append: `TimelineStore.append` (open, lock, catch up, write, fsync per event) against a bare
  `os.write` + `os.fsync` loop writing the very same lines to an open file. Target <= 1.5x.
- verify: `verify()` of a 100,000-event timeline against a bare loop that only `json.loads` each
  line and SHA-256s it. Target <= 3x.
- read + fold: reading a 100,000-event timeline of real walkthrough events (every kind the engine
  records) and folding it into the incident's state, against the same bare loop. Target <= 3x.

To add a benchmark (for example "fold of 100k events"), write a function taking the `Bench`
workspace and returning a `Row`, decorated with `@benchmark`; `bench.big_timeline()` gives the
100k-event timeline (built once) and its events.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from crisisplay.timeline.events import GENESIS, Event, NewEvent, canonical_line, seal
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
SLICE = 20
REPEATS = 5
TEXT = "Call centre reports three times the usual volume in Lyon; holding statement sent."


@dataclass(frozen=True)
class Row:
    name: str
    ours: float  # seconds
    floor: float  # seconds
    target: float  # the ratio we promise not to exceed

    @property
    def ratio(self) -> float:
        return self.ours / self.floor


@dataclass
class Bench:
    """The run's workspace: a scratch folder, sizes, and the shared 100k-event timeline."""

    folder: Path
    appends: int
    events: int
    _big: tuple[Path, list[Event]] | None = field(default=None, repr=False)

    def big_timeline(self) -> tuple[Path, list[Event]]:
        if self._big is None:
            self._big = build_timeline(self.folder / "big.jsonl", self.events)
        return self._big


BENCHMARKS: list[Callable[[Bench], Row]] = []


def benchmark(fn: Callable[[Bench], Row]) -> Callable[[Bench], Row]:
    BENCHMARKS.append(fn)
    return fn


def note(i: int) -> NewEvent:
    return NewEvent(
        "note.added", "alice", "lead", {"text": f"{TEXT} #{i}"}, START + timedelta(seconds=i)
    )


def build_timeline(path: Path, count: int) -> tuple[Path, list[Event]]:
    """A valid timeline written in one go (no fsync: it is the reading we measure)."""
    events, lines, prev = [], [], GENESIS
    for seq in range(1, count + 1):
        event, line = seal(note(seq), seq=seq, prev=prev, incident="bench")
        events.append(event)
        lines.append(line)
        prev = event.hash
    path.write_bytes(b"".join(lines))
    return path, events


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@benchmark
def append_with_fsync(bench: Bench) -> Row:
    """Interleaved in small slices: fsync latency drifts a lot on shared disks, and both sides
    must see the same drift for the ratio to mean anything."""
    store = TimelineStore(bench.folder / "append.jsonl", incident="bench")
    store.append(note(0))  # creating the file (and syncing its folder) is not the steady state
    fd = os.open(bench.folder / "bare.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    ours = floor = 0.0
    try:
        for start in range(1, bench.appends + 1, SLICE):
            news = [note(i) for i in range(start, min(start + SLICE, bench.appends + 1))]
            begin = time.perf_counter()
            events = [store.append(new) for new in news]
            ours += time.perf_counter() - begin
            lines = [canonical_line(event) for event in events]
            floor += timed(lambda ls=lines: bare_appends(fd, ls))
    finally:
        os.close(fd)
    return Row(f"append + fsync x{bench.appends}", ours, floor, 1.5)


def bare_appends(fd: int, lines: list[bytes]) -> None:
    for line in lines:
        os.write(fd, line)
        os.fsync(fd)


@benchmark
def verify_big(bench: Bench) -> Row:
    path, _ = bench.big_timeline()
    ours, floor = [], []
    for _ in range(REPEATS):  # interleaved and best-of, against other load on the machine
        ours.append(timed(lambda: verify(path)))
        floor.append(timed(lambda: bare_hash_loop(path)))
    return Row(f"verify {bench.events} events", min(ours), min(floor), 3.0)


@benchmark
def fold_big(bench: Bench) -> Row:
    """Reading and folding a timeline of real walkthrough events (every kind the engine
    records, over and over), against the same bare parse-and-hash loop."""
    path = mixed_timeline(bench.folder / "mixed.jsonl", bench.events)
    ours, floor = [], []
    for _ in range(REPEATS):
        ours.append(timed(lambda: fold(read_events(path).events)))
        floor.append(timed(lambda: bare_hash_loop(path)))
    return Row(f"read + fold {bench.events} events", min(ours), min(floor), 3.0)


def mixed_timeline(path: Path, count: int) -> Path:
    """``count`` events cycling through a real activation of the bundled nationwide outage."""
    from crisisplay.clock import ManualClock
    from crisisplay.home import Home
    from crisisplay.incident import Edges, activate
    from crisisplay.prompts import ScriptedPrompter, load_answers

    root = Path(__file__).resolve().parents[1]
    answers = load_answers(root / "playbooks" / "answers" / "nationwide-outage.yaml")
    sample = path.with_name("sample.jsonl")
    edges = Edges(ScriptedPrompter(answers), ManualClock(START), "bench")
    activate(Home(root), "nationwide-outage", edges, timeline=sample, token="0000")
    model = read_events(sample).events
    lines, prev = [], GENESIS
    for seq in range(1, count + 1):
        # The activation once, then its other events over and over.
        index = seq - 1 if seq <= len(model) else 1 + seq % (len(model) - 1)
        source = model[index]
        new = NewEvent(
            source.kind,
            source.actor,
            source.role,
            source.payload,
            START + timedelta(milliseconds=seq),
        )
        event, line = seal(new, seq=seq, prev=prev, incident="bench")
        lines.append(line)
        prev = event.hash
    path.write_bytes(b"".join(lines))
    return path


def bare_hash_loop(path: Path) -> None:
    for line in path.read_bytes().splitlines():
        json.loads(line)
        hashlib.sha256(line).hexdigest()


def report(rows: list[Row]) -> str:
    lines = [f"{'benchmark':<28} {'ours':>10} {'floor':>10} {'ratio':>7} {'target':>7}  ok"]
    for row in rows:
        ok = "yes" if row.ratio <= row.target else "NO"
        lines.append(
            f"{row.name:<28} {row.ours:>9.3f}s {row.floor:>9.3f}s {row.ratio:>6.2f}x "
            f"{row.target:>6.1f}x  {ok}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appends", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        bench = Bench(Path(scratch), args.appends, args.events)
        rows = [run(bench) for run in BENCHMARKS]
    print(report(rows))
    return 0 if all(row.ratio <= row.target for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
