"""A text is stale for what its render reads, not for what its templates could read: the
restoration announced after the estimated return goes out (its templates import the estimate
macros and never call them), while an update that would say the passed estimate is refused."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.ops import Publish, Refused
from crisisplay.incident.ops.messages import answering_of
from crisisplay.incident.record import record
from crisisplay.incident.run import Edges, activate, open_desk
from crisisplay.prompts import ScriptedPrompter, load_answers
from crisisplay.timeline.store import read_events
from tests.conftest import ROOT
from tests.incident.conftest import START

ANSWERS = ROOT / "playbooks" / "answers" / "local-outage.yaml"
CM = "ines-haddad"


def _publish(path: Path, clock: ManualClock, message: str, due: timedelta | None) -> bool:
    desk = open_desk(Home(ROOT), path, clock)
    situation = desk.situation()
    chosen = situation.scenario.message(message)
    assert chosen is not None
    request = Publish(message, answering_of(situation, chosen), START + due if due else None)
    return record(desk, CM, request).recorded


def test_the_restoration_goes_out_after_the_estimate_has_passed(tmp_path: Path) -> None:
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    for message in ("update", "resolution", "compensation"):
        answers["messages"].pop(message, None)
    lead = tmp_path / "lead.yaml"
    lead.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    clock = ManualClock(START)
    path = tmp_path / "incident.jsonl"
    edges = Edges(ScriptedPrompter(load_answers(lead)), clock, "camille-roux")
    activate(Home(ROOT), "local-outage", edges, timeline=path, token="d00d")
    estimate = answers["facts"]["eta_at"]
    assert estimate == "T+5h50m"
    clock.current = START + timedelta(hours=7)  # service back later than estimated
    with pytest.raises(Refused, match="eta_at"):
        _publish(path, clock, "update", timedelta(hours=8))
    assert _publish(path, clock, "resolution", None)
    published = [e for e in read_events(path).events if e.kind == "message.published"]
    assert published[-1].payload["message"] == "resolution"
