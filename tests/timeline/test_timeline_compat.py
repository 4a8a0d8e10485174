"""Timelines written by crisisplay 0.1 still read, verify, fold and give a report; a payload
that does not match its kind is refused with the file and the seq."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisplay.report.document import build_report
from crisisplay.report.run import render
from crisisplay.timeline.payloads import REGISTRY
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from crisisplay.timeline.verify import verify
from tests.conftest import Cli

OLD = Path(__file__).parent / "fixtures" / "v0.1"
TIMELINES = sorted(OLD.glob("*.jsonl"))


def test_the_fixtures_are_timelines_of_every_bundled_scenario_and_two_drills() -> None:
    assert [p.stem for p in TIMELINES] == [
        "billing-incident", "cyberattack", "local-outage", "nationwide-eta-slip",
        "nationwide-outage", "weekend-cm-gap",
    ]  # fmt: skip


@pytest.mark.parametrize("path", TIMELINES, ids=lambda p: p.stem)
def test_a_timeline_of_crisisplay_0_1_verifies_folds_and_reports(path: Path) -> None:
    assert verify(path).ok
    events = read_events(path).events
    assert {e.kind for e in events} <= REGISTRY.keys()  # no kind was renamed or dropped
    state = fold(events, str(path))
    assert state.completed_at is not None and state.resolved_at is not None
    assert state.publications and all(p.texts == () for p in state.publications)
    report = build_report(events)
    assert report.kpis.incident.events == len(events)
    for fmt in ("md", "json", "html"):
        assert render(report, fmt)


def test_a_drill_of_crisisplay_0_1_is_still_scored(cli: Cli) -> None:
    ran = cli("drill", "score", "--timeline", str(OLD / "nationwide-eta-slip.jsonl"),
              "--format", "json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(ran.stdout)["score"] == 100


def test_a_malformed_payload_names_the_timeline_and_the_seq(cli: Cli, tmp_path: Path) -> None:
    """Re-sealed so that the chain holds: the payload itself is what is wrong."""
    from crisisplay.timeline.events import GENESIS, NewEvent, seal

    lines, prev = [], GENESIS
    for event in read_events(OLD / "nationwide-outage.jsonl").events[:12]:
        payload = dict(event.payload)
        if event.seq == 7:
            payload["value"] = payload.get("value")
            payload["typo"] = True
        new = NewEvent(event.kind, event.actor, event.role, payload, event.at)
        sealed, line = seal(new, seq=event.seq, prev=prev, incident=event.incident)
        lines.append(line)
        prev = sealed.hash
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"".join(lines))
    assert verify(path).ok  # the chain is intact
    for command in (["status"], ["report"], ["published"]):
        ran = cli(*command, "--timeline", str(path))
        assert ran.exit_code == 2, (command, ran.stdout, ran.stderr)
        first = ran.stderr.splitlines()[0]
        assert first.startswith(f"error: {path}:7: seq 7: the ")
        assert "payload is malformed: unknown key(s) 'typo'" in first
