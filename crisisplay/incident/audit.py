"""The record held against the rule book: every gate decision, fact and publication made by
someone allowed to make it, on the situation as it stood just before it (or a lead's override);
every act typed for someone else typed by the lead; nothing but the record's own repairs written
as crisisplay.

`timeline verify` names the seq of each act that does not hold. An incident recorded before the
rule book existed (its activation does not say it was recorded under one) is not audited: who
decided there was never checked, and saying so is all that can be said.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crisisplay.incident.rules import (
    EXERCISE_CONTROL,
    SYSTEM_ACTOR,
    Verdict,
    is_lead,
    may_decide_gate,
    may_lead,
    may_publish,
    may_set_fact,
    may_type_for,
)
from crisisplay.incident.situation import Situation
from crisisplay.playbook.load import Playbook
from crisisplay.texts import t
from crisisplay.timeline.events import Event
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.vocabulary import (
    FactSet,
    GateOverridden,
    GatePassed,
    GateRefused,
    IncidentActivated,
    MessagePublished,
    TimelineRepaired,
)

#: the kinds the record's own machinery writes as crisisplay
_SYSTEM_KINDS = frozenset((TimelineRepaired.KIND,))


@dataclass(frozen=True)
class Breach:
    """An act the rule book does not allow, at ``seq``."""

    seq: int
    reason: str


def audited(first: Event) -> bool:
    """Whether the incident whose first event is ``first`` was recorded under the rule book
    (its activation says so)."""
    return first.kind == IncidentActivated.KIND and bool(first.payload.get("rule_book"))


def audit(events: Iterable[Event], playbook: Playbook) -> list[Breach]:
    """Every act of ``events`` the rule book does not allow, each with its seq."""
    auditor = Auditor(lambda scenario: playbook)
    auditor.take(events)
    return auditor.breaches


class Auditor:
    """The audit of a timeline as it is walked, block after block: the state as it stood
    before each act is all it keeps. ``playbook_of`` gives the scenario's playbook (None: it
    cannot be read, and the record is not audited)."""

    def __init__(self, playbook_of: Callable[[str], Playbook | None]) -> None:
        self.playbook_of = playbook_of
        self.playbook: Playbook | None = None
        self.state = IncidentState()
        self.breaches: list[Breach] = []
        self.off = False

    def take(self, events: Iterable[Event]) -> None:
        if self.off:
            return
        state = self.state
        for event in events:
            playbook = self.playbook
            if playbook is None:
                playbook = self._start(event)
                if playbook is None:
                    return
            if state.activated_at is not None:
                reason = _breach(Situation(state, playbook, event.at), event)
                if reason is not None:
                    self.breaches.append(Breach(event.seq, reason))
            state.apply(event)

    def _start(self, first: Event) -> Playbook | None:
        self.off = not audited(first)
        if not self.off:
            self.playbook = self.playbook_of(str(first.payload.get("scenario")))
            self.off = self.playbook is None
        return self.playbook


def _breach(situation: Situation, event: Event) -> str | None:
    actor = event.actor
    if actor == SYSTEM_ACTOR:
        return None if event.kind in _SYSTEM_KINDS else _says(situation, "audit.system", event)
    if actor == EXERCISE_CONTROL and situation.state.drill:
        return None
    check = _CHECKS.get(event.kind)
    if check is None:
        return None
    verdict = check(situation, event)
    if not verdict:
        return verdict.reason
    typist = event.payload.get("typed_by") or (event.by if event.by != actor else None)
    if typist and typist != actor:
        typed = may_type_for(situation, str(typist), actor)
        if not typed:
            return typed.reason
    return None


def _says(situation: Situation, key: str, event: Event) -> str:
    return t(key, situation.lang, kind=event.kind, actor=event.actor)


def _gate_decided(situation: Situation, event: Event) -> Verdict:
    decider = str(event.payload.get("validator") or event.actor)
    return may_decide_gate(situation, decider, str(event.payload.get("gate")))


def _overridden(situation: Situation, event: Event) -> Verdict:
    return may_lead(situation, event.actor)


def _fact_set(situation: Situation, event: Event) -> Verdict:
    if event.payload.get("source") == "inject" and situation.state.drill:
        return Verdict(True)
    return may_set_fact(situation, event.actor, str(event.payload.get("fact")))


def _published(situation: Situation, event: Event) -> Verdict:
    message = str(event.payload.get("message"))
    if is_lead(situation, event.actor):
        return Verdict(True)
    return may_publish(situation, event.actor, message)


_CHECKS: dict[str, Callable[[Situation, Event], Verdict]] = {
    GatePassed.KIND: _gate_decided,
    GateRefused.KIND: _gate_decided,
    GateOverridden.KIND: _overridden,
    FactSet.KIND: _fact_set,
    MessagePublished.KIND: _published,
}


__all__ = ["Auditor", "Breach", "audit", "audited"]
