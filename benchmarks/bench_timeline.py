"""Timeline benchmarks, as ratios against a floor measured in the same run.

    .venv/bin/python benchmarks/bench_timeline.py [--appends 1000] [--events 100000] [--dir DIR]

- append: `TimelineStore.append` (open, lock, catch up, write, fsync per event) against a bare
  `os.write` + `os.fsync` loop writing the very same lines to an open file. Target <= 1.5x.
- verify: `verify()` of a 100,000-event timeline against a bare loop that only `json.loads` each
  line and SHA-256s it. Target <= 3x.
- read + fold: reading a 100,000-event timeline of real walkthrough events (every kind the engine
  records) and folding it into the incident's state, against the same bare loop. Target <= 3x.
- signed append: `TimelineStore.append` with a signing key against the same store unsigned,
  interleaved. Target <= 1.5x. The witness of heads (a second small fsync'd file) is measured
  the same way, for information.
- signed verify: `verify()` of 100,000 signed acts against the roster, against a bare loop that
  `json.loads` each line, SHA-256s it and checks its Ed25519 signature with `cryptography`
  directly. Target <= 1.5x.

To add a benchmark (for example "fold of 100k events"), write a function taking the `Bench`
workspace and returning a `Row`, decorated with `@benchmark`; `bench.big_timeline()` gives the
100k-event timeline (built once) and its events.
"""

from __future__ import annotations

import argparse
import base64
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

from crisisplay.timeline.events import GENESIS, Event, NewEvent, Signer, canonical_line, seal
from crisisplay.timeline.signing import Identity, KeySigner, create_key, public_key
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
    _key: Identity | None = field(default=None, repr=False)

    def key(self) -> Identity:
        if self._key is None:
            self._key = create_key(self.folder / "key", "alice", None)
        return self._key

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


def build_timeline(
    path: Path, count: int, signer: Signer | None = None
) -> tuple[Path, list[Event]]:
    """A valid timeline written in one go (no fsync: it is the reading we measure); with a
    ``signer``, each note an act it signed."""
    events, lines, prev = [], [], GENESIS
    for seq in range(1, count + 1):
        event, line = seal(note(seq), seq=seq, prev=prev, incident="bench", signer=signer)
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
    from crisisplay.incident.run import Edges, activate
    from crisisplay.prompts import ScriptedPrompter, load_answers

    root = Path(__file__).resolve().parents[1]
    answers = load_answers(root / "playbooks" / "answers" / "nationwide-outage.yaml")
    sample = path.with_name("sample.jsonl")
    edges = Edges(ScriptedPrompter(answers), ManualClock(START), "camille-roux")
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


@benchmark
def append_signed(bench: Bench) -> Row:
    """The same interleaving as above, the unsigned store being the floor."""
    signer = KeySigner(bench.key(), lambda: None)
    return _append_pair(bench, "signed append + fsync", {"signer": signer}, 1.5)


@benchmark
def append_witnessed(bench: Bench) -> Row:
    from crisisplay.timeline.witness import FileWitness

    witness = FileWitness(bench.folder / "state")
    return _append_pair(bench, "witnessed append", {"witness": witness}, float("inf"))


def _append_pair(bench: Bench, name: str, extra: dict[str, object], target: float) -> Row:
    ours_store = TimelineStore(bench.folder / f"{name}.jsonl", incident="bench", **extra)  # type: ignore[arg-type]
    floor_store = TimelineStore(bench.folder / f"{name}-floor.jsonl", incident="bench")
    ours_store.append(note(0))
    floor_store.append(note(0))
    ours = floor = 0.0
    for start in range(1, bench.appends + 1, SLICE):
        news = [note(i) for i in range(start, min(start + SLICE, bench.appends + 1))]
        ours += timed(lambda ns=news: [ours_store.append(n) for n in ns])
        floor += timed(lambda ns=news: [floor_store.append(n) for n in ns])
    return Row(f"{name} x{bench.appends}", ours, floor, target)


@benchmark
def verify_signed_big(bench: Bench) -> Row:
    key = bench.key()
    path, _ = build_timeline(
        bench.folder / "signed.jsonl", bench.events, KeySigner(key, lambda: None)
    )
    roster = {key.person: key.public}
    verifier = public_key(key.public)
    assert verifier is not None
    assert verify(path, roster=roster).ok
    ours, floor = [], []
    for _ in range(2):  # each side takes seconds: two interleaved rounds, best of each
        ours.append(timed(lambda: verify(path, roster=roster)))
        floor.append(timed(lambda: bare_signed_loop(path, verifier)))
    return Row(f"signed verify {bench.events} acts", min(ours), min(floor), 1.5)


def bare_signed_loop(path: Path, verifier: object) -> None:
    check = verifier.verify  # type: ignore[attr-defined]
    for line in path.read_bytes().splitlines():
        obj = json.loads(line)
        hashlib.sha256(line).hexdigest()
        signature = base64.b64decode(obj["sig"].rpartition(":")[2])
        cut, sig = line.find(b',"hash":"'), line.rfind(b',"sig":"')
        check(signature, line[:cut] + line[cut + 74 : sig] + line[line.find(b'"', sig + 8) + 1 :])


def bare_hash_loop(path: Path) -> None:
    for line in path.read_bytes().splitlines():
        json.loads(line)
        hashlib.sha256(line).hexdigest()


def report(rows: list[Row]) -> str:
    lines = [f"{'benchmark':<32} {'ours':>10} {'floor':>10} {'ratio':>7} {'target':>7}  ok"]
    for row in rows:
        ok = "yes" if row.ratio <= row.target else "NO"
        lines.append(
            f"{row.name:<32} {row.ours:>9.3f}s {row.floor:>9.3f}s {row.ratio:>6.2f}x "
            f"{row.target:>6.1f}x  {ok}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--appends", type=int, default=1000)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small run that only checks the benchmark still works",
    )
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, help="scratch folder (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.quick:
        args.appends, args.events = 20, 2000
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        bench = Bench(Path(scratch), args.appends, args.events)
        rows = [run(bench) for run in BENCHMARKS]
    print(report(rows))
    return 0 if all(row.ratio <= row.target for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
