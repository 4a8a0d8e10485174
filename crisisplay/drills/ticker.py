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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from crisisplay.drills.model import START_INJECT, Inject
from crisisplay.drills.plan import DrillPlan, start_inject
from crisisplay.drills.texts import dt
from crisisplay.incident.rules import EXERCISE_CONTROL
from crisisplay.playbook.types import Duration
from crisisplay.prompts import Prompter, Question
from crisisplay.texts import t
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.vocabulary import DrillInject, FactSet

if TYPE_CHECKING:
    from crisisplay.incident.board import Walkthrough
    from crisisplay.incident.board.acts import Act
    from crisisplay.playbook.model import Fact

#: the actor of the events the exercise itself causes (exercise control, in trainers' words)
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
        from crisisplay.drills.live import LiveInjects

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


def fire(walk: Walkthrough, inject: Inject) -> None:
    """Record ``inject`` at its moment (or now, when that is past) and show it."""
    state = walk.state
    assert state.activated_at is not None
    walk.session.clock.wait_until(state.activated_at + inject.at)
    acts, changed = inject_acts(walk, state, inject)
    walk.record(*acts)
    show_inject(walk, inject, changed)


def inject_acts(
    walk: Walkthrough, state: IncidentState, inject: Inject
) -> tuple[list[Act], dict[str, Any]]:
    """The events an inject brings, against ``state``: the inject and the facts it changes."""
    from crisisplay.incident.board.acts import Act

    values = {fact: _on_exercise_clock(walk, fact, value) for fact, value in inject.facts.items()}
    changed = {
        fact: value
        for fact, value in values.items()
        if fact not in state.facts or state.facts[fact].value != value
    }
    payload = inject_payload(inject, walk.session.org.languages)
    acts = [Act(payload, EXERCISE_CONTROL)]
    acts += [
        Act(fact_change(state, inject.id, fact, value), EXERCISE_CONTROL)
        for fact, value in changed.items()
    ]
    return acts, changed


def show_inject(walk: Walkthrough, inject: Inject, changed: Mapping[str, Any]) -> None:
    walk.show(
        "inject",
        inject_title(inject, walk.lang),
        *inject_lines(walk, inject, changed),
        level="drill",
        data={"inject": inject.id, "kind": inject.kind, "offset_min": inject.at.minutes},
    )


def _on_exercise_clock(walk: Walkthrough, fact_id: str, value: Any) -> Any:
    """A date-time written ``09:10`` in the drill file, as a day and time of the exercise."""
    fact = walk.scenario.fact(fact_id)
    if fact is None or fact.type != "datetime":
        return value
    from crisisplay.playbook.facts import coerce

    return coerce(fact, value, walk.local_time())


def inject_payload(inject: Inject, languages: tuple[str, ...]) -> DrillInject:
    return DrillInject(
        inject.id,
        inject.kind,
        {lang: inject.text.get_text(lang) for lang in languages},
        inject.at.minutes,
        dict(inject.facts),
        inject.target,
    )


def fact_change(state: IncidentState, inject_id: str, fact: str, value: Any) -> FactSet:
    previous = state.facts[fact].value if fact in state.facts else None
    return FactSet(fact, value, "inject", previous, inject=inject_id)


def inject_title(inject: Inject, lang: str) -> str:
    kind = dt(f"kind.{inject.kind}", lang)
    return dt("inject.title", lang, offset=inject.at.label(), kind=kind)


def inject_lines(walk: Walkthrough, inject: Inject, changed: Mapping[str, Any]) -> list[str]:
    lang = walk.lang
    lines = [inject.text.get_text(lang)]
    label = "inject.known" if inject.id == START_INJECT else "inject.fact"
    for fact_id, value in changed.items():
        fact = walk.scenario.fact(fact_id)
        shown = format_value(fact, value, lang) if fact else str(value)
        lines.append(dt(label, lang, fact=fact_id, value=shown))
    if inject.target is not None:
        lines.append(dt("inject.target", lang, role=walk.role_title(inject.target)))
    return lines


def format_value(fact: Fact, value: Any, lang: str) -> str:
    """A fact value as a person reads it: ``6h``, ``voice, data``, ``yes``."""
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if fact.type == "duration" and isinstance(value, int):
        return Duration(minutes=value).label()
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
