"""A lead's board on a live incident, for the one-board tests (run as a script).

    board_writer.py TIMELINE ANSWERS PACE [--no-board | --take-over ACTOR]

Resumes the walkthrough of TIMELINE from ANSWERS, waiting PACE seconds before each answer (a
person's pace), on the exercise clock of the timeline (so that the roster answers as it did).
``--no-board`` goes around the board lock, as a second board would on a store that has none:
only check-and-append then keeps the acts single. ``--take-over ACTOR`` takes the board from
the terminal that holds it. Prints how it ended.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.run import Edges, _resume, resume
from crisisplay.prompts import Answer, Question, ScriptedPrompter, load_answers
from crisisplay.timeline.place import place_of
from crisisplay.timeline.store import read_events

ROOT = Path(__file__).resolve().parents[2]


class PacedPrompter(ScriptedPrompter):
    pace = 0.0

    def ask(self, question: Question) -> Answer:
        time.sleep(self.pace)
        return super().ask(question)


def main() -> int:
    timeline, answers, pace = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
    prompter = PacedPrompter(load_answers(answers))
    prompter.pace = pace
    last = read_events(timeline).events[-1].at
    lead = "camille-roux"
    actor = sys.argv[sys.argv.index("--take-over") + 1] if "--take-over" in sys.argv else lead
    edges = Edges(prompter, ManualClock(last), actor)
    if "--no-board" in sys.argv:
        run = _resume(Home(ROOT), place_of(timeline), edges, None, None)
    else:
        run = resume(Home(ROOT), timeline, edges, take_over="--take-over" in sys.argv)
    if run.board_lost_to is not None:
        print(f"lost to {run.board_lost_to} at {run.state.last_seq}")
    else:
        print(f"completed at {run.state.last_seq}" if run.state.completed_at else "paused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
