"""The inject ticker: exercise time passing, and the injects that fall due on the way.

The walkthrough calls ``advance`` before each action and whenever a scripted answer carries an
``at:`` (the board's ``Ticker``). Each inject due by then is fired at its own moment: the
clock is moved to it (a paced drill clock sleeps the scaled wall time; an unpaced one jumps),
then a ``drill.inject`` event and the facts it changes (``fact.set``, source ``inject``) are
recorded together, and the participants are shown it. When a person answers on a paced clock,
a writer beside the walkthrough fires them instead (``crisisplay.drills.live``), at their
exercise time, while the prompt waits; ``due`` and ``inject_acts`` say what falls due and what
it records. Which injects have fired is read from the timeline,
so a resumed drill fires exactly the ones still to come.

With a trainer (``--step``), exercise time does not run by itself: before each step the trainer
is asked whether to fire the next inject now, and firing it moves exercise time to its moment.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from crisisplay.drills.injects import fire, inject_title
from crisisplay.drills.live import LiveInjects
from crisisplay.drills.model import Inject
from crisisplay.drills.plan import DrillPlan, start_inject
from crisisplay.drills.texts import dt
from crisisplay.prompts import Prompter, Question
from crisisplay.timeline.state import IncidentState

if TYPE_CHECKING:
    from crisisplay.incident.board import Walkthrough

_YES = frozenset({"yes", "y", "oui", "o", "true", "fire", "1"})


@dataclass
class InjectTicker:
    plan: DrillPlan
    #: asked before each step whether to fire the next inject (``--step``); None: the clock decides
    trainer: Prompter | None = None
    #: a person answers on a paced clock: injects fire on their own, while a prompt waits
    live: bool = False
    _offered: set[str] = field(default_factory=set)
    _beside: Any = None

    @contextlib.contextmanager
    def running(self, walk: Walkthrough) -> Iterator[None]:
        """While the walkthrough runs: on a live clock, a writer beside it fires each inject at
        its exercise time, whatever the prompt is waiting for."""
        if not self.live or walk.state.activated_at is None:
            yield
            return

        self._fire_due(walk, walk.session.clock.now())  # the opening situation comes first
        self._beside = LiveInjects(self, walk)
        self._beside.start()
        try:
            yield
        finally:
            self._beside.stop()
            self._beside = None

    def advance(self, walk: Walkthrough, until: datetime) -> None:
        if walk.state.activated_at is None or self._beside is not None:
            return
        self._fire_due(walk, until)
        if self.trainer is not None and self._trainer_fires(walk, self.trainer):
            self._fire_due(walk, walk.session.clock.now())

    def schedule(self) -> list[Inject]:
        """The opening briefing, then the drill's injects in time order."""
        return [start_inject(self.plan.drill), *self.plan.drill.injects]

    def pending(self, state: IncidentState) -> list[Inject]:
        fired = {inject.inject for inject in state.injects}
        return [inject for inject in self.schedule() if inject.id not in fired]

    def due(self, state: IncidentState, until: datetime) -> list[Inject]:
        """The injects still to fire whose moment is ``until`` or before, in order."""
        activated = state.activated_at
        assert activated is not None
        return [i for i in self.pending(state) if activated + i.at <= until]

    def _fire_due(self, walk: Walkthrough, until: datetime) -> None:
        activated = walk.state.activated_at
        assert activated is not None
        for inject in self.pending(walk.state):
            if activated + inject.at > until:
                break
            fire(walk, inject)

    def _trainer_fires(self, walk: Walkthrough, trainer: Prompter) -> bool:
        """At a step boundary, the trainer's word: fire the next inject now (Enter) or not yet."""
        boundary = step_boundary(walk)
        upcoming = self.pending(walk.state)
        if boundary is None or boundary in self._offered or not upcoming:
            return False
        self._offered.add(boundary)
        title = inject_title(upcoming[0], walk.lang)
        question = Question(
            ("drill", "before", boundary.partition(".")[2]),
            "fire",
            "confirm",
            dt("step.ask", walk.lang, title=title),
            default=True,
            optional=True,
            lang=walk.lang,
        )
        if str(trainer.ask(question).value).strip().lower() not in _YES:
            return False
        fire(walk, upcoming[0])
        return True


def step_boundary(walk: Walkthrough) -> str | None:
    """``steps.ID`` / ``post.ID`` when the walkthrough is about to take a new task on."""
    action = walk.next_action()
    if action is None or action.group not in ("steps", "post"):
        return None
    table = walk.state.steps if action.group == "steps" else walk.state.post_actions
    return action.label if action.target not in table else None
