"""The lead's board shows each escalation as it happens: a page left unanswered past its role's
delay passes to the backup, and the board's cell lines name who it passed to."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.board import paging_ops
from crisisplay.incident.board.waiting import board_lines, cell_lines
from crisisplay.incident.board.walkthrough import Session, Walkthrough
from crisisplay.incident.run import join
from crisisplay.playbook.load import load_playbook
from crisisplay.prompts import ScriptedPrompter
from crisisplay.timeline.store import read_events
from tests.conftest import Cli
from tests.delivery.support import _account, _activate, _home, outbox

pytestmark = pytest.mark.usefixtures("outbox")
__all__ = ["outbox"]


def test_the_board_shows_the_backup_paged_once_the_delay_is_over(cli: Cli, tmp_path: Path) -> None:
    home = _home(tmp_path, [_account(tmp_path, "pager", [], page=True)])
    timeline = _activate(cli, home)
    paged = [e for e in read_events(timeline).events if e.kind == "page.sent"]
    assert paged and not [e for e in read_events(timeline).events if e.kind == "page.escalated"]
    store, state = join(timeline)
    playbook = load_playbook(Home(home), only="nationwide-outage")
    late = max(e.at for e in paged) + timedelta(minutes=11)
    clock = ManualClock(late)
    session = Session(playbook, playbook.scenario("nationwide-outage"), "fr", "camille-roux",
                      clock, ScriptedPrompter.empty(), store, environ={})  # fmt: skip
    walk = Walkthrough(session, state)
    before = [text for _, text in cell_lines(walk.situation())]
    assert not any("->" in line for line in before)
    paging_ops.mobilise(walk)
    escalated = [e for e in read_events(timeline).events if e.kind == "page.escalated"]
    assert escalated, "the late pages passed on"
    lines = [text for _, text in board_lines(walk.situation())]
    for event in escalated:
        name = walk.situation().name_of(event.payload["to"])
        assert any("->" in line and name in line for line in lines), (name, lines)
