"""Same drill, same answers, same start: byte-identical timelines; and resuming changes nothing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from crisisplay.clock import ManualClock
from crisisplay.drills.resume import drill_edges
from crisisplay.home import Home
from crisisplay.incident.run import Edges, resume
from crisisplay.prompts import ScriptedPrompter, load_answers
from crisisplay.timeline.events import parse_line, parse_time
from crisisplay.timeline.store import read_events
from tests.conftest import ROOT, Cli, lead_of
from tests.drills.conftest import BUNDLED_ANSWERS, MINIMAL_ANSWERS, MINIMAL_START, run
from tests.engine.test_walkthrough import acknowledged_writes

# The minimal drill's timeline, byte for byte. It changes only when the drill engine, the event
# format or the fixture home changes: check the new timeline by eye, then pin its hash.
GOLDEN_SHA256 = "60efc7b5f195a957cd432dfa2cf5b3e8960f4f39b57978dc7ef28387e5528b66"


def test_golden_timeline(drill_home: Path, tmp_path: Path) -> None:
    ran = run(drill_home, "minimal-drill", MINIMAL_ANSWERS, MINIMAL_START, tmp_path / "t.jsonl")
    data = ran.timeline.read_bytes()
    assert ran.run.state.incident == "20261123-1500-drill-minimal-drill"  # no randomness
    assert len(data.splitlines()) == 27
    assert hashlib.sha256(data).hexdigest() == GOLDEN_SHA256


def test_the_cli_gives_the_same_acts_in_two_incidents_that_both_verify(
    cli: Cli, tmp_path: Path
) -> None:
    files = [tmp_path / "one.jsonl", tmp_path / "two.jsonl"]
    for timeline in files:
        ran = cli(
            "drill",
            "run",
            "weekend-cm-gap",
            "--answers",
            str(BUNDLED_ANSWERS / "weekend-cm-gap.yaml"),
            "--start",
            "2026-11-22T09:40",
            "--timeline",
            str(timeline),
            "--quiet",
            home=ROOT,
        )
        assert ran.exit_code == 0, ran.stderr
    one, two = (read_events(f).events for f in files)
    assert one[0].incident != two[0].incident  # each run is an incident of its own
    # the same acts at the same exercise times (texts quote their own incident and head)
    assert [(e.kind, e.actor, e.time) for e in one] == [(e.kind, e.actor, e.time) for e in two]
    for timeline in files:
        checked = cli("timeline", "verify", "--timeline", str(timeline), home=ROOT)
        assert checked.exit_code == 0, checked.stdout


def _resume(home: Path, timeline: Path, last_line: bytes) -> None:
    clock = ManualClock(parse_time(parse_line(last_line.rstrip(b"\n")).time))
    edges = Edges(ScriptedPrompter(load_answers(MINIMAL_ANSWERS)), clock, lead_of(home))
    resume(Home(home), timeline, edges, adapt=drill_edges)


def test_resume_from_any_cut_gives_the_same_timeline(
    drill_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cuts = acknowledged_writes(monkeypatch)
    full = run(drill_home, "minimal-drill", MINIMAL_ANSWERS, MINIMAL_START, tmp_path / "f.jsonl")
    lines = full.timeline.read_bytes().splitlines(keepends=True)
    assert len(cuts) > 10
    for cut in cuts[:-1]:
        partial = tmp_path / f"cut-{cut}.jsonl"
        partial.write_bytes(b"".join(lines[:cut]))
        _resume(drill_home, partial, lines[cut - 1])
        assert partial.read_bytes() == full.timeline.read_bytes(), f"resumed after event {cut}"


def test_a_drill_timeline_resumes_without_its_drill_file(drill_home: Path, tmp_path: Path) -> None:
    full = run(drill_home, "minimal-drill", MINIMAL_ANSWERS, MINIMAL_START, tmp_path / "f.jsonl")
    lines = full.timeline.read_bytes().splitlines(keepends=True)
    shutil.rmtree(drill_home / "playbooks" / "drills")
    partial = tmp_path / "cut.jsonl"
    partial.write_bytes(b"".join(lines[:8]))  # before the injects and the roster's second gap
    _resume(drill_home, partial, lines[7])
    assert partial.read_bytes() == full.timeline.read_bytes()


def test_crisisplay_resume_goes_on_in_exercise_time(
    cli: Cli, drill_home: Path, tmp_path: Path
) -> None:
    full = run(drill_home, "minimal-drill", MINIMAL_ANSWERS, MINIMAL_START, tmp_path / "f.jsonl")
    lines = full.timeline.read_bytes().splitlines(keepends=True)
    partial = tmp_path / "cut.jsonl"
    partial.write_bytes(b"".join(lines[:11]))  # after the confirm step started (T+5m)
    ran = cli(
        "resume",
        "--timeline",
        str(partial),
        "--answers",
        str(MINIMAL_ANSWERS),
        "--quiet",
        home=drill_home,
    )
    assert ran.exit_code == 0, ran.stderr
    # the same events at the same exercise times: not today's date, not the real clock
    assert partial.read_bytes() == full.timeline.read_bytes()
