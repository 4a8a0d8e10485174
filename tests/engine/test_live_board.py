"""The lead's live board: with nothing of hers to answer, it waits on the store and comes back
as soon as another terminal records an act, without a keystroke."""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import yaml

from crisisplay.clock import ManualClock
from crisisplay.console.live_board import TerminalBoard
from crisisplay.incident.board.walkthrough import Session, Walkthrough
from crisisplay.incident.member_ops import decide_gate
from crisisplay.incident.run import join
from crisisplay.playbook.load import load_playbook
from crisisplay.prompts import ScriptedPrompter
from crisisplay.timeline.store import TimelineStore
from crisisplay.timeline.vocabulary import new_event
from tests.engine.conftest import START, RunnerFactory

ROOT = Path(__file__).parents[2]


def test_a_gate_passed_elsewhere_wakes_the_board(runner: RunnerFactory, tmp_path: Path) -> None:
    answers = yaml.safe_load((ROOT / "playbooks/answers/nationwide-outage.yaml").read_text())
    del answers["gates"]["noc-scope"]
    lead = tmp_path / "lead.yaml"
    lead.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    path = tmp_path / "t.jsonl"
    first = runner(ROOT).activate("nationwide-outage", lead, path)
    assert any("[gate noc-scope]" in line for line in first.waiting)
    store, state = join(path)
    playbook = load_playbook(runner(ROOT).home, only="nationwide-outage")
    session = Session(playbook, playbook.scenario("nationwide-outage"), "fr", "camille-roux",
                      ManualClock(START), ScriptedPrompter.empty(), store)  # fmt: skip
    walk = Walkthrough(session, state)
    before = walk.state.last_seq

    def noc() -> None:
        time.sleep(0.3)
        other = TimelineStore(path)
        seen = join(path)[1]
        now = datetime.now(timezone.utc)
        scenario, org = playbook.scenario("nationwide-outage"), playbook.organisation
        decided = decide_gate(seen, scenario, org, gate_id="noc-scope", decision="pass",
                              person="noc-duty", now=now)  # fmt: skip
        news = [new_event(p, "noc-duty", "noc-liaison", now) for p in decided.events]
        assert other.commit_if(news, seen.last_seq)[1]

    read_fd, write_fd = os.pipe()  # keys nobody presses
    with os.fdopen(read_fd) as keys:
        member = threading.Thread(target=noc)
        member.start()
        TerminalBoard(keys=keys).wait(walk)
        member.join()
    os.close(write_fd)
    assert walk.state.last_seq > before
    assert walk.state.gates["noc-scope"].status == "passed"
    from crisisplay.incident.board.waiting import waiting_on

    assert not any("[gate noc-scope]" in line for line in waiting_on(walk))
