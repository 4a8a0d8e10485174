"""Memory benchmarks: `timeline verify`, `status` and `report` of a 1,000,000-event incident.

    .venv/bin/python benchmarks/bench_memory.py [--events 1000000] [--dir DIR] [--quick]

The timeline is the long, busy incident of bench_report.py, written line by line to a file (it
is kept in DIR between runs when one is given: building it takes a while). Each command runs
in its own process, twice (the faster of the two counts); what counts is its peak resident
memory, which must stay under 300 MB whatever the incident's length (memory follows the
incident's state, not its history), and the report's time against `timeline verify`'s in the
same run (target <= 3x, for the Markdown report, the default, and JSON; the HTML page is shown
for information). The floor for memory is `crisisplay --version`: the interpreter and the
start-up imports.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bench_report import _script
from bench_timeline import START

from crisisplay.timeline.events import GENESIS, NewEvent, seal

BIN = Path(sys.executable).parent
LIMIT_MB = 300.0
REPORT_TARGET = 3.0


@dataclass(frozen=True)
class Run:
    name: str
    seconds: float
    peak_mb: float
    code: int


def build(path: Path, count: int) -> Path:
    """``count`` events of one busy incident, sealed and written as the store would."""
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    prev = GENESIS
    with partial.open("wb") as out:
        for seq, (offset, kind, actor, payload) in enumerate(_script(count), start=1):
            new = NewEvent(kind, actor, "cell-lead", payload, START + timedelta(seconds=offset))
            event, line = seal(new, seq=seq, prev=prev, incident="bench-incident")
            out.write(line)
            prev = event.hash
    partial.rename(path)
    return path


def measured(name: str, argv: list[str]) -> Run:
    """Run ``argv`` to the end; its wall time and peak resident set (from the kernel)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.stderr is not None:
        said = child.stderr.read().decode(errors="replace").strip()
        child.stderr.close()
        if child.returncode not in (0, 2) and said:
            print(f"{name}: {said.splitlines()[-1]}", file=sys.stderr)
    return Run(name, seconds, usage.ru_maxrss / 1024, child.returncode)


def _seconds(run: Run) -> float:
    return run.seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--dir", type=Path, help="keep the built timeline here between runs")
    parser.add_argument(
        "--quick", action="store_true", help="a small run that only checks the benchmark works"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.events = 3000
    with tempfile.TemporaryDirectory(prefix="crisisplay-mem-") as scratch:
        folder = args.dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        timeline = build(folder / f"busy-{args.events}.jsonl", args.events)
        print(
            f"timeline: {args.events} events, {timeline.stat().st_size / 1e6:.0f} MB "
            f"(ready in {time.perf_counter() - started:.1f} s)"
        )
        where = ["--timeline", str(timeline)]
        cli = str(BIN / "crisisplay")
        floor = measured("crisisplay --version", [cli, "--version"])
        commands = {
            "timeline verify": [cli, "timeline", "verify", *where],
            "status": [cli, "status", *where],
            "report --format md": [cli, "report", *where, "--format", "md"],
            "report --format json": [cli, "report", *where, "--format", "json"],
            "report --format html": [cli, "report", *where, "--format", "html"],
        }
        rounds = [[measured(name, argv) for name, argv in commands.items()] for _ in range(2)]
        runs = [min(pair, key=_seconds) for pair in zip(*rounds, strict=True)]
    verify_time = runs[0].seconds
    print(f"{'command':<24} {'time':>8} {'peak':>9}  {'x verify':>8}  ok")
    print(f"{floor.name:<24} {floor.seconds:>7.2f}s {floor.peak_mb:>6.0f} MB")
    ok = True
    for run in runs:
        ratio = run.seconds / verify_time
        fine = run.peak_mb <= LIMIT_MB and run.code == 0
        if run.name.startswith("report"):
            fine = fine and ratio <= REPORT_TARGET
        if run.name.endswith("html"):  # for information: its chart draws every promise
            print(f"{run.name:<24} {run.seconds:>7.2f}s {run.peak_mb:>6.0f} MB  {ratio:>7.2f}x")
            continue
        ok = ok and fine
        print(
            f"{run.name:<24} {run.seconds:>7.2f}s {run.peak_mb:>6.0f} MB  {ratio:>7.2f}x  "
            f"{'yes' if fine else 'NO'} (exit {run.code})"
        )
    print(f"targets: each under {LIMIT_MB:g} MB resident; report ratio <= {REPORT_TARGET:g}x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
