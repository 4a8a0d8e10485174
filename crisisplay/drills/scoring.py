"""Scoring a drill from its timeline alone: each expectation met or missed, when, by how much."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from crisisplay.drills.model import Drill, Expectation
from crisisplay.drills.texts import dt
from crisisplay.drills.trace import Moment, Publication, Trace, trace_state
from crisisplay.texts import minutes_label
from crisisplay.timeline.events import Event, format_time
from crisisplay.timeline.place import Place, place_of
from crisisplay.timeline.state import IncidentState, fold

_FAILING = ("refused", "reopened", "overridden")


@dataclass(frozen=True)
class Outcome:
    expectation: Expectation
    met: bool
    at: datetime | None = None
    due: datetime | None = None
    note: str = ""

    @property
    def points(self) -> int:
        return self.expectation.points if self.met else 0

    @property
    def late_min(self) -> float | None:
        if self.at is None or self.due is None or self.at <= self.due:
            return None
        return round((self.at - self.due).total_seconds() / 60, 1)


@dataclass(frozen=True)
class Score:
    drill: Drill
    incident: str | None
    activated_at: datetime
    lang: str
    outcomes: tuple[Outcome, ...]

    @property
    def score(self) -> int:
        return sum(o.points for o in self.outcomes)

    @property
    def max(self) -> int:
        return sum(o.expectation.points for o in self.outcomes)

    def offset_min(self, moment: datetime | None) -> float | None:
        if moment is None:
            return None
        return round((moment - self.activated_at).total_seconds() / 60, 1)

    def as_json(self) -> dict[str, Any]:
        """The stable machine-readable form (DESIGN.md: ``drill score --format json``)."""
        return {
            "drill": self.drill.id,
            "title": self.drill.title.get_text(self.lang),
            "scenario": self.drill.scenario,
            "incident": self.incident,
            "score": self.score,
            "max": self.max,
            "expectations": [self._item(o) for o in self.outcomes],
        }

    def _item(self, o: Outcome) -> dict[str, Any]:
        e = o.expectation
        return {
            "id": e.id,
            "kind": e.kind,
            "title": e.title.get_text(self.lang),
            "met": o.met,
            "at": format_time(o.at) if o.at else None,
            "offset_min": self.offset_min(o.at),
            "due": format_time(o.due) if o.due else None,
            "late_min": o.late_min,
            "points": o.points,
            "max_points": e.points,
            "note": o.note,
        }


# ---------------------------------------------------------------- reading the timeline


def score_timeline(place: Place | Path, lang: str | None = None) -> Score:
    where = place_of(place)
    return score_events(where.read().events, str(where), lang)


def score_events(events: Sequence[Event], source: str, lang: str | None = None) -> Score:
    return score_state(fold(events, source), source, lang)


def score_state(state: IncidentState, source: str, lang: str | None = None) -> Score:
    found = trace_state(state, source, lang)
    outcomes = tuple(_EVALUATORS[e.kind](e, found) for e in found.plan.drill.expectations)
    return Score(found.plan.drill, found.state.incident, found.activation.at, found.lang, outcomes)


# ---------------------------------------------------------------- expectations


def _on_time(e: Expectation, found: Trace, at: datetime, due: datetime) -> Outcome:
    if at <= due:
        return Outcome(e, True, at, due, dt("note.on_time", found.lang))
    late = minutes_label((at - due).total_seconds() / 60)
    return Outcome(e, False, at, due, dt("note.late", found.lang, late=late))


def _anchor(e: Expectation, found: Trace) -> Moment | None:
    return found.activation if e.after is None else found.injects.get(e.after)


def message_within(e: Expectation, found: Trace) -> Outcome:
    anchor = _anchor(e, found)
    if anchor is None:
        return Outcome(e, False, note=dt("note.not_fired", found.lang, inject=e.after))
    assert e.within is not None  # checked by the validator
    due = anchor.at + e.within
    published = _first_after(found, anchor, e)
    if published is None:
        return Outcome(e, False, due=due, note=dt("note.no_publication", found.lang))
    return _on_time(e, found, published.moment.at, due)


def _first_after(found: Trace, anchor: Moment, e: Expectation) -> Publication | None:
    """The first publication the expectation names, after its anchor (a later event)."""
    for p in found.publications:
        named = e.message in (None, p.message) and e.message_kind in (None, p.kind)
        if named and p.moment.seq > anchor.seq:
            return p
    return None


def gate_before_message(e: Expectation, found: Trace) -> Outcome:
    published = [p for p in found.publications if p.message == e.message]
    if not published or e.gate is None:
        return Outcome(e, False, note=dt("note.no_publication", found.lang))
    for p in published:
        status = p.gates.get(e.gate, "pending")
        if status != "passed":
            note = dt("note.gate_state", found.lang, gate=e.gate, status=status)
            return Outcome(e, False, p.moment.at, note=note)
    return Outcome(e, True, published[0].moment.at, note=dt("note.on_time", found.lang))


def promises_kept(e: Expectation, found: Trace) -> Outcome:
    promises = found.state.promises
    if not promises:
        return Outcome(e, True, note=dt("note.no_promise", found.lang))
    broken = [p for p in promises if p.kept_at is None or p.kept_at > p.due]
    note = dt("note.promises", found.lang, kept=len(promises) - len(broken), total=len(promises))
    if not broken:
        return Outcome(e, True, max(p.kept_at for p in promises if p.kept_at), note=note)
    first = broken[0]
    return Outcome(e, False, first.kept_at, first.due, note)


def role_covered(e: Expectation, found: Trace) -> Outcome:
    assert e.role is not None and e.within is not None
    gap = found.state.gaps.get(e.role)
    if gap is None:
        held = found.state.roles.get(e.role)
        return Outcome(e, True, held.at if held else None, note=dt("note.no_gap", found.lang))
    due = gap.at + e.within
    if gap.closed_at is None:
        return Outcome(e, False, due=due, note=dt("note.gap_open", found.lang))
    return _on_time(e, found, gap.closed_at, due)


def escalation_within(e: Expectation, found: Trace) -> Outcome:
    escalation = found.state.escalations.get(str(e.escalation))
    if escalation is None or e.within is None:
        return Outcome(e, False, note=dt("note.not_fired_rule", found.lang))
    due = escalation.fired_at + e.within
    if escalation.declined is not None:
        note = dt("note.declined", found.lang, reason=escalation.declined)
        return Outcome(e, False, escalation.done_at, due, note)
    if escalation.done_at is None:
        return Outcome(e, False, due=due, note=dt("note.not_done", found.lang))
    return _on_time(e, found, escalation.done_at, due)


def no_failing_gate(e: Expectation, found: Trace) -> Outcome:
    gates = found.plan.message_gates
    for p in found.publications:
        if e.message not in (None, p.message):
            continue
        failing = set(p.overridden) | {
            g for g in gates.get(p.message, ()) if p.gates.get(g) in _FAILING
        }
        if failing:
            note = dt(
                "note.failing", found.lang, message=p.message, gates=", ".join(sorted(failing))
            )
            return Outcome(e, False, p.moment.at, note=note)
    return Outcome(e, True, note=dt("note.all_gates_held", found.lang))


_EVALUATORS: dict[str, Callable[[Expectation, Trace], Outcome]] = {
    "message-within": message_within,
    "gate-before-message": gate_before_message,
    "promises-kept": promises_kept,
    "role-covered": role_covered,
    "escalation-within": escalation_within,
    "no-failing-gate": no_failing_gate,
}
