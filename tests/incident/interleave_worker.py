"""One terminal of the cell for the interleaving property test (run as a script).

    interleave_worker.py PLACE HOME ROLE ACTS REPORT

PLACE is a timeline file, or ``postgresql://...#INCIDENT`` for an incident of a shared store.
ROLE ``board`` resumes the lead's board from the answers file ACTS; ``member`` records the acts
listed in the JSON file ACTS (``[person, kind, arguments]``), each through the one engine. After
every act (and before every answer of the board) the worker checks that its folded state, and
every view it derives from it, equal those of a fresh fold of the timeline up to the same event.
It writes what it saw to REPORT (JSON) and exits 1 naming the first difference.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from crisisplay.clock import SystemClock
from crisisplay.home import Home
from crisisplay.incident.board import Session, start
from crisisplay.incident.ops import (
    CheckItems,
    DecideGate,
    FinishTask,
    Publish,
    Refused,
    Request,
    SetFact,
    WriteDown,
)
from crisisplay.incident.ops.messages import answering_of
from crisisplay.incident.record import Desk, record
from crisisplay.incident.run import join, open_desk
from crisisplay.incident.situation import Situation
from crisisplay.incident.status import status_of
from crisisplay.playbook.load import Playbook, load_playbook
from crisisplay.prompts import Answer, Question, ScriptedPrompter, load_answers
from crisisplay.timeline.place import Place, TimelineFile
from crisisplay.timeline.state import IncidentState, fold


class Mismatch(Exception):
    pass


def place_of(spec: str) -> Place:
    if spec.startswith("postgresql://"):
        from crisisplay.timeline.pgconn import parse_target
        from crisisplay.timeline.stores import shared_timeline

        url, _, incident = spec.partition("#")
        return shared_timeline(parse_target(url), incident, os.environ)
    return TimelineFile(Path(spec))


def views(state: IncidentState, playbook: Playbook, now: datetime) -> dict[str, Any]:
    """What the views show: tasks, the gates waiting and what they show, status, promises."""
    situation = Situation(state, playbook, now)
    return {
        "tasks": [(t.id, t.state, t.due, t.waits_on) for t in situation.tasks],
        "gates": [(g.id, g.status, g.deciders, g.facts, g.texts) for g in situation.gates_waiting],
        "status": status_of(situation).as_json(),
        "promise": situation.open_promise,
        "render": situation.render_facts(),
    }


def check(state: IncidentState, place: Place, playbook: Playbook) -> None:
    events = place.read().events[: state.last_seq]
    fresh = fold(events)
    if fresh != state:
        raise Mismatch(f"the state differs from a fresh fold at seq {state.last_seq}")
    now = datetime.now(timezone.utc)
    if views(state, playbook, now) != views(fresh, playbook, now):
        raise Mismatch(f"a view differs from a fresh fold's at seq {state.last_seq}")


def request_of(desk: Desk, kind: str, args: dict[str, Any]) -> Request:
    situation = desk.situation()
    if kind == "fact":
        found = desk.state.facts.get(args["fact"])
        return SetFact(args["fact"], args["value"], seen=found.seq if found else 0)
    if kind == "gate":
        gate = desk.state.gates.get(args["gate"])
        return DecideGate(args["gate"], args["decision"], None, gate.asked if gate else 0)
    if kind == "publish":
        message = situation.scenario.message(args["message"])
        assert message is not None
        return Publish(message.id, answering_of(situation, message))
    if kind == "check":
        return CheckItems(args["task"], (str(args["item"]),))
    if kind == "done":
        return FinishTask(args["task"])
    return WriteDown(args["text"])


def member(place: Place, home: Home, acts: list[Any]) -> dict[str, Any]:
    desk = open_desk(home, place, SystemClock())
    outcomes = []
    for person, kind, args in acts:
        try:
            outcome = record(desk, person, request_of(desk, kind, args))
            outcomes.append("recorded" if outcome.recorded else "already")
        except Refused as exc:
            outcomes.append(f"refused: {exc}")
        check(desk.state, place, desk.playbook)
        time.sleep(0.01)
    return {"outcomes": outcomes, "last_seq": desk.state.last_seq}


class CheckingPrompter(ScriptedPrompter):
    """Answers from the file, checking the board's state before every answer."""

    walk: Any = None
    place: Any = None
    checks = 0

    def ask(self, question: Question) -> Answer:
        if self.walk is not None:
            check(self.walk.state, self.place, self.walk.session.playbook)
            self.checks += 1
        return super().ask(question)


def board(place: Place, home: Home, answers: Path) -> dict[str, Any]:
    """The lead's board, resumed from its answers on the real clock (as `crisisplay resume`)."""
    prompter = CheckingPrompter(load_answers(answers))
    prompter.place = place
    store, state = join(place)
    assert state.scenario is not None
    playbook = load_playbook(home, only=state.scenario)
    session = Session(
        playbook=playbook,
        scenario=playbook.scenario(state.scenario),
        lang=state.lang or "fr",
        actor="camille-roux",
        clock=SystemClock(),
        prompter=prompter,
        recorder=store,
        place=place,
    )
    walk = start(session, state)
    prompter.walk = walk
    walk.run()
    check(walk.state, place, playbook)
    return {"checks": prompter.checks, "last_seq": walk.state.last_seq}


def main() -> int:
    place, home = place_of(sys.argv[1]), Home(Path(sys.argv[2]))
    role, acts, report = sys.argv[3], Path(sys.argv[4]), Path(sys.argv[5])
    try:
        if role == "board":
            seen = board(place, home, acts)
        else:
            seen = member(place, home, json.loads(acts.read_text(encoding="utf-8")))
    except Mismatch as exc:
        report.write_text(json.dumps({"mismatch": str(exc)}), encoding="utf-8")
        print(f"{role}: {exc}")
        return 1
    report.write_text(json.dumps(seen), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
