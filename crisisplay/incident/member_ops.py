"""What a member of the cell does from their own terminal: decide a gate, set a fact.

Each operation reads the incident's folded state and the playbook and returns the events to
record, or raises the error to show; nothing here touches the store. The command records them
with check-and-append (``TimelineStore.commit_if``) and, when someone else recorded first,
decides again on the new state: two terminals doing the same act record it once, and the
second is told it is already done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crisisplay.errors import UsageError
from crisisplay.facts import LocalTime
from crisisplay.playbook.convert import did_you_mean
from crisisplay.playbook.model import Gate, Organisation, Scenario
from crisisplay.roster import candidates
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.vocabulary import (
    FactSet,
    FactsValidated,
    GateOverridden,
    GatePassed,
    GateRefused,
)


@dataclass(frozen=True)
class Decided:
    """The events of one act, or why there is nothing to record (already done)."""

    events: tuple[Payload, ...] = ()
    already: str | None = None


def find_gate(scenario: Scenario, gate_id: str) -> Gate:
    gate = scenario.gate(gate_id)
    if gate is None:
        known = [g.id for g in scenario.gates]
        raise UsageError(
            f"scenario {scenario.id!r} has no gate {gate_id!r}{did_you_mean(gate_id, known)}",
            hint=f"its gates: {', '.join(known)}",
        )
    return gate


def who_may_decide(state: IncidentState, org: Organisation, gate: Gate, now: datetime) -> list[str]:
    """The people who may decide ``gate`` now: whoever holds its validating role, and that
    role's backups on duty. A role recorded as a gap has nobody."""
    gap = state.gaps.get(gate.validator)
    if gap is not None and gap.closed_at is None:
        return []
    holder = state.roles.get(gate.validator)
    allowed = [holder.person] if holder is not None and holder.person else []
    backups = [c for c in candidates(org, gate.validator, now) if c.via == "backup" and c.on_duty]
    return allowed + [c.person.id for c in backups if c.person.id not in allowed]


def decide_gate(
    state: IncidentState,
    scenario: Scenario,
    org: Organisation,
    *,
    gate_id: str,
    decision: str,
    person: str,
    now: datetime,
    comment: str | None = None,
    override: str | None = None,
) -> Decided:
    """``person`` passes or refuses the gate; or the lead overrides it with a reason."""
    gate = find_gate(scenario, gate_id)
    found = state.gates.get(gate.id)
    if found is not None and found.cleared:
        last = found.decisions[-1]
        return Decided(already=f"{gate.id} is already {last.outcome} by {last.by}")
    if override is not None:
        return _override(state, org, gate, person, override)
    allowed = who_may_decide(state, org, gate, now)
    if person not in allowed:
        raise UsageError(_not_yours(state, org, gate, allowed))
    name = _name(org, person)
    if decision == "refuse":
        return Decided((GateRefused(gate.id, gate.validator, person, name, comment),))
    confirmed = tuple(f for f in gate.facts if f in state.facts)
    events: list[Payload] = [GatePassed(gate.id, gate.validator, person, name, comment)]
    if confirmed:
        events.append(FactsValidated(confirmed, gate.id))
    return Decided(tuple(events))


def _override(
    state: IncidentState, org: Organisation, gate: Gate, person: str, reason: str
) -> Decided:
    lead = state.roles.get(state.lead_role or org.lead_role)
    if lead is None or lead.person != person:
        who = lead.name if lead and lead.name else "the cell lead"
        raise UsageError(f"only {who} may override the gate {gate.id}, with a reason")
    if not reason.strip():
        raise UsageError("an override needs a reason (--override REASON)")
    return Decided((GateOverridden(gate.id, reason.strip()),))


def _not_yours(state: IncidentState, org: Organisation, gate: Gate, allowed: list[str]) -> str:
    role = org.role(gate.validator)
    title = role.title.get_text(state.lang or org.languages[0]) if role else gate.validator
    if not allowed:
        gap = state.gaps.get(gate.validator)
        why = f" (recorded as a gap: {gap.reason})" if gap and gap.closed_at is None else ""
        return (
            f"nobody holds the role {title} that validates {gate.id}{why}: only the cell lead "
            "may go past it, with `crisisplay gate pass "
            f"{gate.id} --override REASON`"
        )
    names = ", ".join(f"{_name(org, p)} ({p})" for p in allowed)
    return f"{gate.id} is decided by the role {title}: {names}"


def _name(org: Organisation, person: str) -> str:
    found = org.person(person)
    return found.name if found else person


def set_fact(
    state: IncidentState,
    scenario: Scenario,
    *,
    fact_id: str,
    raw: Any,
    local: LocalTime | None = None,
) -> Decided:
    """A fact given or corrected from a terminal; the gates that confirmed it re-open."""
    fact = scenario.fact(fact_id)
    if fact is None:
        known = [f.id for f in scenario.facts]
        raise UsageError(
            f"scenario {scenario.id!r} has no fact {fact_id!r}{did_you_mean(fact_id, known)}",
            hint=f"its facts: {', '.join(known)}",
        )
    from crisisplay.incident import questions as q

    try:
        value = q.parse_fact(fact, state.lang or "en", raw, local)
    except ValueError as exc:
        raise UsageError(f"fact {fact_id!r}: {exc}") from None
    previous = state.facts.get(fact_id)
    if value is q.UNKNOWN:
        if previous is not None and previous.unknown:
            return Decided(already=f"{fact_id} is already recorded as not known yet")
        return Decided((FactSet(fact_id, None, "set", _value(previous), unknown=True),))
    if previous is not None and not previous.unknown and previous.value == value:
        return Decided(already=f"{fact_id} is already {value!r}")
    return Decided((FactSet(fact_id, value, "set", _value(previous)),))


def _value(previous: Any) -> Any:
    return previous.value if previous is not None else None


__all__ = ["Decided", "decide_gate", "find_gate", "set_fact", "who_may_decide"]
