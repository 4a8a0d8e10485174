"""Every benchmark still runs: each script in ``benchmarks/`` is run in its ``--quick`` mode.

A quick run is too small to judge a target (exit 1 may be noise on a loaded machine); what is
checked is that the script runs to its report: no traceback, a table with ratios.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parents[1] / "benchmarks").glob("bench_*.py"))


def test_every_benchmark_is_found() -> None:
    assert len(BENCHMARKS) >= 8


@pytest.mark.slow
@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda path: path.stem)
def test_benchmark_runs_quick(script: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script), "--quick"],
        check=False,
        capture_output=True,
        text=True,
        timeout=240,
        cwd=script.parents[1],
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode in (0, 1), done.stderr[-3000:]
    assert "ratio" in done.stdout or "x " in done.stdout, done.stdout
    assert any(char.isdigit() for char in done.stdout)
