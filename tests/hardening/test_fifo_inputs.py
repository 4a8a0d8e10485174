"""A FIFO (or another special file) given as an input is refused at once, never waited on.

Run as subprocesses with a timeout, so that a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

RENDER = ("render", "local-outage", "holding", "--lang", "en", "--channel", "sms", "--sample")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("CRISISPLAY_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "crisisplay", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.parametrize(
    "command",
    [
        ("timeline", "verify", "--timeline", "FIFO"),
        ("timeline", "show", "--timeline", "FIFO"),
        ("status", "--timeline", "FIFO"),
        ("report", "--timeline", "FIFO"),
        ("log", "note", "x", "--timeline", "FIFO"),
        ("activate", "local-outage", "--answers", "FIFO", "--timeline", "t.jsonl"),
        (*RENDER, "--facts", "FIFO"),
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_fifo_input_is_refused_at_once(tmp_path: Path, command: tuple[str, ...]) -> None:
    fifo = tmp_path / "input.fifo"
    os.mkfifo(fifo)
    ran = _run(*(str(fifo) if part == "FIFO" else part for part in command), cwd=tmp_path)
    assert ran.returncode == 2, ran.stderr
    assert "not a regular file" in ran.stderr and str(fifo) in ran.stderr


def test_a_fifo_among_the_scenarios_is_refused_by_list(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for name in ("playbooks", "templates"):
        shutil.copytree(ROOT / name, home / name)
    os.mkfifo(home / "playbooks" / "scenarios" / "zz-fifo.yaml")
    ran = _run("--home", str(home), "list", cwd=tmp_path)
    assert ran.returncode in (1, 2) and "zz-fifo.yaml" in ran.stderr
    assert "not a regular file" in ran.stderr
