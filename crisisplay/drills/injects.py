"""Firing a drill's inject: its events (the inject and the facts it changes, recorded by
exercise control), and what the participants are shown."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crisisplay.drills.model import START_INJECT, Inject
from crisisplay.drills.texts import dt
from crisisplay.incident.board.acts import Act
from crisisplay.incident.rules import EXERCISE_CONTROL
from crisisplay.playbook.facts import coerce
from crisisplay.playbook.types import Duration
from crisisplay.texts import t
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.vocabulary import DrillInject, FactSet

if TYPE_CHECKING:
    from crisisplay.incident.board import Walkthrough
    from crisisplay.playbook.model import Fact


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
