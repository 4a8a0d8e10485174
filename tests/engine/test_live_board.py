"""The lead's live board: with nothing of hers to answer, it waits on the store and comes back
as soon as another terminal records an act, without a keystroke."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import yaml

from crisisplay.clock import ManualClock, SystemClock
from crisisplay.console.live_board import TerminalBoard
from crisisplay.incident.board.walkthrough import Session, Walkthrough
from crisisplay.incident.ops import DecideGate
from crisisplay.incident.record import record
from crisisplay.incident.run import join, open_desk
from crisisplay.playbook.load import load_playbook
from crisisplay.prompts import ScriptedPrompter
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
        desk = open_desk(runner(ROOT).home, path, SystemClock())
        assert record(desk, "noc-duty", DecideGate("noc-scope", "pass")).recorded

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
