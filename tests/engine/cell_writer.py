"""One member of the cell writing to a live incident, for the three-writers test (run as a script).

    cell_writer.py ROLE TIMELINE DONEFILE

ROLE ``lead`` runs the bundled nationwide-outage walkthrough from its answers file; ``cm``
renders messages on the incident, as `crisisplay render --timeline` does, again and again;
``notes`` logs notes, as `crisisplay log note` does. Each keeps its own state, folded from what
its appends return, and after every step checks it against a fresh fold of the file up to the
same event. ``checked N`` is printed at the end; a mismatch exits 1 naming the seq.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.board import Session, start
from crisisplay.playbook.load import load_playbook
from crisisplay.prompts import Answer, Question, ScriptedPrompter, load_answers
from crisisplay.timeline.state import IncidentState, fold
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.vocabulary import NoteAdded, new_event

ROOT = Path(__file__).resolve().parents[2]
START = datetime(2026, 11, 23, 6, 50, tzinfo=timezone.utc)
MESSAGES = ("internal-brief", "agent-script", "holding", "faq")
ROUNDS = 40


class Mismatch(Exception):
    pass


def check(state: IncidentState, path: Path) -> None:
    """The writer's state is the fold of the file's first ``last_seq`` events."""
    events = read_events(path).events[: state.last_seq]
    fresh = fold(events)
    if fresh != state:
        raise Mismatch(f"state differs from a fresh fold at seq {state.last_seq}")


class CheckingPrompter(ScriptedPrompter):
    """Answers from the file, checking the walkthrough's state before every answer."""

    checks = 0
    walk: Any = None
    path: Path = Path()

    def ask(self, question: Question) -> Answer:
        if self.walk is not None:
            check(self.walk.state, self.path)
            self.checks += 1
        time.sleep(0.002)  # a person's pace, so that the other writers get in between
        return super().ask(question)


def lead(path: Path) -> int:
    home = Home(ROOT)
    playbook = load_playbook(home, only="nationwide-outage")
    prompter = CheckingPrompter(load_answers(ROOT / "playbooks/answers/nationwide-outage.yaml"))
    prompter.path = path
    session = Session(
        playbook=playbook,
        scenario=playbook.scenario("nationwide-outage"),
        lang="fr",
        actor="camille-roux",
        clock=ManualClock(START),
        prompter=prompter,
        recorder=TimelineStore(path, incident="three-writers"),
    )
    walk = start(session, IncidentState())
    prompter.walk = walk
    walk.run()
    check(walk.state, path)
    return prompter.checks + 1


def joined(path: Path) -> tuple[TimelineStore, IncidentState]:
    while not path.exists() or path.stat().st_size == 0:
        time.sleep(0.005)
    store = TimelineStore(path)
    state = IncidentState()
    state.apply_all(store.read_new())
    return store, state


def cm(path: Path, done: Path) -> int:
    """What `crisisplay render --timeline` does: render from the incident, record previews."""
    from crisisplay.incident.ops.messages import rendered_events
    from crisisplay.incident.situation import Situation
    from crisisplay.messages.request import RenderRequest, run_render

    store, state = joined(path)
    playbook = load_playbook(Home(ROOT), only="nationwide-outage")
    checks = 0
    for n in range(ROUNDS):
        if done.exists():
            break
        request = RenderRequest(
            "nationwide-outage",
            MESSAGES[n % len(MESSAGES)],
            now=_after(state),
            incident=Situation(state, playbook, _after(state)).render_facts(),
            sample=True,
        )
        outcome = run_render(Home(ROOT), request)
        due = outcome.incident.promise_due if outcome.incident else None
        news = [
            new_event(p, "ines-haddad", "cm-lead", _after(state))
            for p in rendered_events(outcome.items, due, preview=True)
        ]
        # As the command does: a text that contradicts the record is shown, not recorded.
        state.apply_all(store.read_new() if outcome.contradictions else store.commit(news))
        check(state, path)
        checks += 1
    return checks


def notes(path: Path, done: Path) -> int:
    store, state = joined(path)
    checks = 0
    for n in range(ROUNDS):
        if done.exists():
            break
        note = NoteAdded(f"Call centre update #{n}: volume three times the usual")
        state.apply_all(store.commit([new_event(note, "karim-benali", None, _after(state))]))
        check(state, path)
        checks += 1
        time.sleep(0.003)
    return checks


def _after(state: IncidentState) -> datetime:
    return (state.last_at or START) + timedelta(milliseconds=1)


def main() -> int:
    role, timeline, done = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    try:
        if role == "lead":
            checks = lead(timeline)
            done.touch()
        else:
            checks = (cm if role == "cm" else notes)(timeline, done)
    except Mismatch as exc:
        print(f"{role}: {exc}")
        return 1
    print(f"{role} checked {checks}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
