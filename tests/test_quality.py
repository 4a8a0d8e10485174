"""The linters are part of the test run: ruff on everything, mypy --strict on the package."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_passes() -> None:
    ran = _run("ruff", "check", "--output-format", "concise", ".")
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_ruff_format_is_applied() -> None:
    ran = _run("ruff", "format", "--check", "crisisplay")
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_mypy_strict_passes() -> None:
    ran = _run("mypy", "--strict", "crisisplay")
    assert ran.returncode == 0, ran.stdout + ran.stderr
