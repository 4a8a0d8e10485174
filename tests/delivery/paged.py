"""A nationwide outage whose cell is paged and answers at moments the test chooses: the lead's
board stops at activation (every scripted answer given at once, the first step left to the NOC)
having paged each role's holder through the tests' paging account, and each member then acts
through the engine on a clock the test moves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.deliver import send_pages
from crisisplay.incident.ops import Request
from crisisplay.incident.record import Desk, Outcome, record
from crisisplay.incident.run import Edges, activate, open_desk
from crisisplay.prompts import ScriptedPrompter, load_answers
from crisisplay.timeline.events import Event
from crisisplay.timeline.store import read_events
from tests.delivery.support import _account, _home

#: Monday 23 November 2026, 07:50 in Paris
START = datetime(2026, 11, 23, 6, 50, tzinfo=timezone.utc)
LEAD = "camille-roux"


@dataclass
class PagedIncident:
    home: Path
    path: Path
    clock: ManualClock

    def desk(self) -> Desk:
        return open_desk(Home(self.home), self.path, self.clock)

    def at(self, minutes: float) -> None:
        """Move the clock to ``minutes`` after activation."""
        self.clock.current = START + timedelta(minutes=minutes)

    def act(self, person: str, request: Request) -> Outcome:
        desk = self.desk()
        outcome = record(desk, person, request)
        assert outcome.refused is None, outcome.refused
        pages = [e.payload["page"] for e in outcome.events if e.kind == "page.sent"]
        if pages:  # as `crisisplay page` and the lead's board do
            send_pages(desk, person, pages, environ={}, folder=self.home / "playbooks")
        return outcome

    def events(self) -> list[Event]:
        return list(read_events(self.path).events)


def _at_once(node: Any) -> Any:
    """The answers with their times (``at``) taken out: all given at activation."""
    if isinstance(node, dict):
        return {k: _at_once(v) for k, v in node.items() if k != "at"}
    if isinstance(node, list):
        return [_at_once(v) for v in node]
    return node


def paged_incident(
    tmp_path: Path, quorum: tuple[str, ...] = (), gates: tuple[str, ...] = ()
) -> PagedIncident:
    """Activated at START, every holder but the lead paged at once (needs the ``outbox``
    fixture); ``quorum`` written into the scenario when given; ``gates`` left to their
    validators."""
    home = _home(tmp_path, [_account(tmp_path, "pager", [], page=True)])
    if quorum:
        scenario = home / "playbooks" / "scenarios" / "nationwide-outage.yaml"
        text = scenario.read_text(encoding="utf-8")
        scenario.write_text(text + f"\nquorum: [{', '.join(quorum)}]\n", encoding="utf-8")
    answers = yaml.safe_load((home / "lead.yaml").read_text(encoding="utf-8"))
    answers = {group: _at_once(value) for group, value in answers.items()}
    answers["steps"].pop("confirm-alert")  # the NOC's: the board waits for it
    for gate in gates:
        answers["gates"].pop(gate)
    script = home / "at-once.yaml"
    script.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    clock = ManualClock(START)
    edges = Edges(ScriptedPrompter(load_answers(script)), clock, LEAD, environ={})
    path = home / "incident.jsonl"
    activate(Home(home), "nationwide-outage", edges, timeline=path, token="feed")
    assert clock.current == START, "the board was to stop at activation"
    return PagedIncident(home, path, clock)
