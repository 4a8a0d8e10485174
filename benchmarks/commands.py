"""Timing whole commands as ratios against a floor measured in the same run.

Machines are noisy, so nothing here is an absolute number: each command is run alternately with
its floor, several times, and the ratio of the medians is what counts.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Comparison:
    name: str
    ours: float
    floor: float
    target: float

    @property
    def ratio(self) -> float:
        return self.ours / self.floor

    def line(self) -> str:
        verdict = "ok" if self.ratio <= self.target else "OVER TARGET"
        return (
            f"{self.name:<48} {self.ours * 1000:8.1f} ms  floor {self.floor * 1000:7.1f} ms"
            f"  ratio {self.ratio:5.2f}x  (target <= {self.target:g}x) {verdict}"
        )


def run_once(argv: Sequence[str], cwd: Path = ROOT) -> float:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    start = time.perf_counter()
    subprocess.run(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - start


def compare(
    name: str,
    ours: Sequence[str],
    floor: Sequence[str],
    target: float,
    repeats: int = 15,
    cwd: Path = ROOT,
) -> Comparison:
    """Run ``ours`` and ``floor`` alternately ``repeats`` times; medians of both."""
    run_once(ours, cwd)  # warm the file cache and bytecode
    run_once(floor, cwd)
    mine, base = [], []
    for _ in range(repeats):
        mine.append(run_once(ours, cwd))
        base.append(run_once(floor, cwd))
    return Comparison(name, statistics.median(mine), statistics.median(base), target)


def crisisplay(*args: str) -> list[str]:
    return [str(BIN / "crisisplay"), *args]


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def report(rows: Sequence[Comparison]) -> int:
    for row in rows:
        print(row.line())
    return 0 if all(r.ratio <= r.target for r in rows) else 1
