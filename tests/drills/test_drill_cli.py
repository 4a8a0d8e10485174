"""`crisisplay drill list|run|score` from the command line: outputs and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT, Cli
from tests.drills.conftest import FIXTURES, MINIMAL_ANSWERS

RUN = ("--answers", str(MINIMAL_ANSWERS), "--start", "2026-11-23T15:00")


def test_list_shows_the_bundled_drills(cli: Cli) -> None:
    ran = cli("drill", "list", "--format", "json", home=ROOT)
    assert ran.exit_code == 0
    rows = {row["id"]: row for row in json.loads(ran.stdout)}
    assert set(rows) == {
        "nationwide-eta-slip",
        "weekend-cm-gap",
        "local-storm",
        "billing-double-debit",
        "cyber-ransom-claim",
    }
    assert rows["weekend-cm-gap"]["scenario"] == "nationwide-outage"
    assert rows["weekend-cm-gap"]["points"] == 100


def test_list_in_a_table_names_a_broken_drill(cli: Cli, drill_home: Path) -> None:
    (drill_home / "playbooks" / "drills" / "broken.yaml").write_text("id: [\n")
    ran = cli("drill", "list", "--lang", "en", home=drill_home)
    assert ran.exit_code == 0
    assert "minimal-drill" in ran.stdout and "Minimal drill" in ran.stdout
    assert "invalid:" in ran.stdout
    rows = json.loads(cli("drill", "list", "--format", "json", home=drill_home).stdout)
    broken = next(row for row in rows if row["id"] == "broken")
    assert broken["problem"].startswith("playbooks/drills/broken.yaml:2:1: not valid YAML")


def test_list_fits_80_columns_without_cutting_an_id(cli: Cli) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "COLUMNS": "80", "NO_COLOR": "1"}
    ran = subprocess.run(
        [sys.executable, "-m", "crisisplay", f"--home={ROOT}", "drill", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    lines = ran.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    rows = json.loads(cli("drill", "list", "--format", "json", home=ROOT).stdout)
    for row in rows:
        assert any(line.startswith(row["id"] + " ") for line in lines), row["id"]
        assert f" {row['scenario']} " in ran.stdout
    assert "…" not in ran.stdout


def test_run_shows_injects_as_exercise_material_then_the_score(
    cli: Cli, drill_home: Path, tmp_path: Path
) -> None:
    timeline = tmp_path / "t.jsonl"
    ran = cli("drill", "run", "minimal-drill", *RUN, "--timeline", str(timeline), home=drill_home)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.count("EXERCICE / EXERCISE") == 3  # the briefing and two injects
    assert "T+9m · Information nouvelle" in ran.stdout
    assert "Débriefing : Exercice minimal  100/100" in ran.stdout
    score = cli("drill", "score", "--timeline", str(timeline), "--format", "json")
    document = json.loads(score.stdout)
    assert (document["drill"], document["score"], document["max"]) == ("minimal-drill", 100, 100)
    assert {"id", "met", "at", "points"} <= set(document["expectations"][0])


def test_run_by_path(cli: Cli, drill_home: Path, tmp_path: Path) -> None:
    path = drill_home / "playbooks" / "drills" / "minimal-drill.yaml"
    ran = cli(
        "drill", "run", str(path), *RUN, "-q", "-t", str(tmp_path / "t.jsonl"), home=drill_home
    )
    assert ran.exit_code == 0, ran.stderr


def test_the_default_timeline_is_named_after_the_drill_and_its_start(
    cli: Cli, drill_home: Path
) -> None:
    ran = cli("drill", "run", "minimal-drill", *RUN, "-q", home=drill_home)
    assert ran.exit_code == 0, ran.stderr
    # the day and time of its start in the organisation's zone (15:00 in Paris), and a token
    # of its own: a second run of the same drill is a second incident, and both verify
    again = cli("drill", "run", "minimal-drill", *RUN, "-q", home=drill_home)
    assert again.exit_code == 0, again.stderr
    found = sorted((drill_home / "timelines").glob("20261123-1500-drill-minimal-drill-*.jsonl"))
    assert len(found) == 2 and found[0].name != found[1].name
    for timeline in found:
        checked = cli("timeline", "verify", "--timeline", str(timeline), home=drill_home)
        assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert cli("drill", "score", "--format", "json", home=drill_home).exit_code == 0


def test_an_unknown_drill_is_named(cli: Cli, drill_home: Path) -> None:
    ran = cli("drill", "run", "minimal-dril", *RUN, home=drill_home)
    assert ran.exit_code == 2
    assert "no drill 'minimal-dril'" in ran.stderr and "did you mean 'minimal-drill'" in ran.stderr


def test_an_invalid_drill_stops_with_its_line(cli: Cli, drill_home: Path) -> None:
    bad = (FIXTURES / "bad" / "unknown-gate.yaml").read_text()
    (drill_home / "playbooks" / "drills" / "minimal-drill.yaml").write_text(bad)
    ran = cli("drill", "run", "minimal-drill", *RUN, home=drill_home)
    assert ran.exit_code == 1
    assert "minimal-drill.yaml:34:11: expectations[1].gate: unknown gate 'scopes'" in ran.stderr


def test_bad_start_and_speed_are_usage_errors(cli: Cli, drill_home: Path) -> None:
    ran = cli("drill", "run", "minimal-drill", "--answers", str(MINIMAL_ANSWERS), "--start", "soon")
    assert ran.exit_code == 2 and "--start: 'soon' is not an ISO 8601 time" in ran.stderr
    ran = cli("drill", "run", "minimal-drill", *RUN, "--speed", "0", home=drill_home)
    assert ran.exit_code == 2 and "--speed must be a positive number" in ran.stderr


def _without_terminal(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crisisplay", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_no_terminal_and_no_answers_stops_at_once(drill_home: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    timeline = tmp_path / "t.jsonl"
    ran = _without_terminal(
        "--home", str(drill_home), "drill", "run", "minimal-drill", "--timeline", str(timeline)
    )
    assert ran.returncode == 2
    assert "--answers" in ran.stderr and "Traceback" not in ran.stderr
    assert time.monotonic() - started < 20
    assert not timeline.exists()


def test_step_needs_a_terminal_for_the_trainer(drill_home: Path, tmp_path: Path) -> None:
    ran = _without_terminal(
        "--home", str(drill_home), "drill", "run", "minimal-drill", *RUN, "--step"
    )
    assert ran.returncode == 2
    assert "--step needs a terminal" in ran.stderr
