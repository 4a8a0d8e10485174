"""activate, resume and status from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from crisisplay.timeline.verify import verify
from tests.conftest import Cli
from tests.engine.conftest import FIXTURE_HOME

ANSWERS = FIXTURE_HOME / "playbooks" / "answers" / "minimal.yaml"


def test_no_terminal_and_no_answers_stops_at_once(tmp_path: Path) -> None:
    started = time.monotonic()
    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "crisisplay",
            "--home",
            str(FIXTURE_HOME),
            "activate",
            "minimal",
            "--timeline",
            str(tmp_path / "t.jsonl"),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert ran.returncode == 2
    assert "--answers" in ran.stderr and "Traceback" not in ran.stderr
    assert time.monotonic() - started < 20  # it never waits for input
    assert not (tmp_path / "t.jsonl").exists()


def test_activate_with_answers_then_status(cli: Cli, tmp_path: Path) -> None:
    timeline = tmp_path / "t.jsonl"
    ran = cli(
        "activate",
        "minimal",
        "--answers",
        str(ANSWERS),
        "--timeline",
        str(timeline),
        "--actor",
        "ana",
        "--quiet",
        home=FIXTURE_HOME,
    )
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert "déroulé terminé (24 événements)" in ran.stdout  # the home speaks French first
    assert "walkthrough" not in ran.stdout
    assert verify(timeline).ok
    status = cli("status", "--timeline", str(timeline), "--format", "json", home=FIXTURE_HOME)
    assert status.exit_code == 0
    board = json.loads(status.stdout)
    assert board["completed"] is True and board["resolved_at"] is not None
    assert board["open_steps"] == [] and board["severity"] == "major"


def test_activate_refuses_an_existing_timeline(cli: Cli, tmp_path: Path) -> None:
    timeline = tmp_path / "t.jsonl"
    timeline.write_text("x\n")
    ran = cli(
        "activate",
        "minimal",
        "--answers",
        str(ANSWERS),
        "--timeline",
        str(timeline),
        home=FIXTURE_HOME,
    )
    assert ran.exit_code == 2 and "already holds a timeline" in ran.stderr
    assert timeline.read_text() == "x\n"


def test_resume_goes_on_from_a_cut_and_status_shows_open_work(cli: Cli, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    cli(
        "activate",
        "minimal",
        "--answers",
        str(ANSWERS),
        "--timeline",
        str(full),
        "--quiet",
        home=FIXTURE_HOME,
    )
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(full.read_bytes().splitlines(keepends=True)[:8]))
    board = json.loads(cli("status", "-t", str(cut), "--format", "json", home=FIXTURE_HOME).stdout)
    assert board["completed"] is False
    # publish waits on confirm and is not due yet: it is not open work
    assert [s["id"] for s in board["open_steps"]] == ["confirm"]
    assert board["overdue_steps"] == []  # activated just now: nothing is due yet
    ran = cli("resume", "-t", str(cut), "--answers", str(ANSWERS), "--quiet", home=FIXTURE_HOME)
    assert ran.exit_code == 0, ran.stderr
    assert verify(cut).ok
    board = json.loads(cli("status", "-t", str(cut), "--format", "json", home=FIXTURE_HOME).stdout)
    assert board["completed"] is True


def test_unknown_scenario_suggests_the_close_one(cli: Cli, tmp_path: Path) -> None:
    ran = cli("activate", "minimall", "--answers", str(ANSWERS), home=FIXTURE_HOME)
    assert ran.exit_code == 2
    assert "did you mean 'minimal'" in ran.stderr


def test_activate_opens_with_the_incident_its_timeline_and_how_to_resume(
    cli: Cli, tmp_path: Path
) -> None:
    timeline = tmp_path / "t.jsonl"
    ran = cli("activate", "minimal", "--answers", str(ANSWERS), "--timeline", str(timeline),
              "--actor", "ana", home=FIXTURE_HOME)  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    first, second, third = ran.stdout.splitlines()[:3]
    incident = json.loads(timeline.read_text(encoding="utf-8").splitlines()[0])["incident"]
    assert first == f"Activation de l'incident {incident}" and "-minimal-" in incident
    assert second == f"  chronologie : {timeline}"
    assert third.startswith("  pour reprendre après une interruption : ")
    assert third.endswith(f"resume --timeline {timeline}") and "crisisplay" in third
