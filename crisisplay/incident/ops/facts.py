"""Facts given, corrected or said not to be known yet; every gate that confirmed one re-opens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crisisplay.incident import questions as q
from crisisplay.incident.ops.decision import (
    Decision,
    Refused,
    Request,
    acts,
    allowed,
    done_already,
    operation,
)
from crisisplay.incident.rules import fact_roles, may_set_fact, recorded_role
from crisisplay.incident.situation import Situation
from crisisplay.playbook.facts import LocalTime
from crisisplay.playbook.model import Fact
from crisisplay.suggest import did_you_mean
from crisisplay.texts import t
from crisisplay.timeline.vocabulary import FactSet


@dataclass(frozen=True)
class SetFact(Request):
    """A fact given, corrected or said not to be known yet (``value`` as typed)."""

    fact: str
    value: Any
    source: str = "set"
    #: the value is already in the fact's form (a board's parsed answer), or UNKNOWN
    #: the message whose publish question corrected it, or the gate whose refusal did
    message: str | None = None
    gate: str | None = None
    parsed: bool = False
    #: the seq of the fact's value its setter saw (0: none; None: as it stands now): a value
    #: set meanwhile by someone else is never overwritten unseen
    seen: int | None = None


def find_fact(situation: Situation, fact_id: str) -> Fact:
    scenario = situation.scenario
    fact = scenario.fact(fact_id)
    if fact is None:
        known = [f.id for f in scenario.facts]
        raise Refused(
            f"scenario {scenario.id!r} has no fact {fact_id!r}{did_you_mean(fact_id, known)}",
            hint=f"its facts: {', '.join(known)}",
        )
    return fact


def local_time(situation: Situation) -> LocalTime:
    """How a typed time is read here: the organisation's zone, now, and the activation for
    times relative to it (``T+3h``)."""
    return LocalTime(situation.zone, situation.now, situation.state.activated_at)


@operation(SetFact)
def set_fact(situation: Situation, person: str, request: SetFact) -> Decision:
    fact = find_fact(situation, request.fact)
    allowed(may_set_fact(situation, person, fact.id))
    value = request.value
    if not request.parsed and value is not q.UNKNOWN:
        try:
            value = q.parse_fact(fact, situation.lang, value, local_time(situation))
        except ValueError as exc:
            raise Refused(f"fact {fact.id!r}: {exc}") from None
    previous = situation.state.facts.get(fact.id)
    before: Any = previous.value if previous is not None else None
    unknown = value is q.UNKNOWN
    if previous is not None and previous.unknown and unknown:
        return done_already(t("ops.fact_unknown_already", situation.lang, fact=fact.id))
    if previous is not None and not previous.unknown and not unknown and previous.value == value:
        return done_already(t("ops.fact_already", situation.lang, fact=fact.id, value=value))
    if request.seen is not None and (previous.seq if previous else 0) != request.seen:
        assert previous is not None
        raise Refused(
            t(
                "ops.fact_changed_meanwhile",
                situation.lang,
                fact=fact.id,
                value=before,
                who=situation.name_of(previous.set_by),
                at=situation.clock(previous.set_at),
            )
        )
    payload = FactSet(
        fact.id,
        None if unknown else value,
        request.source,  # type: ignore[arg-type]
        before,
        unknown=unknown,
        message=request.message,
        gate=request.gate,
    )
    wanted = next(
        (r for r in fact_roles(situation, fact.id) if r in situation.roles_of(person)),
        situation.lead_role,
    )
    return acts([payload], recorded_role(situation, person, wanted))
