"""The one rule book: who may do each act of the incident, from the organisation file and the
situation.

Every entry point asks it (the lead's board, the members' commands, an outbox's late act) and
``timeline verify`` checks the record against it. A gate is decided by whoever holds its
validating role, or a backup of that role on duty; the lead goes past it with a reason. A fact is
set by the lead, by the role the scenario makes its owner, or by a validator of a gate that
confirms it. A message is published by the owner of the task that carries it; a task is done by
its owner; the lead may do both. Severity, roster and escalations are the lead's. An act typed by
one person for another is allowed to the lead alone, for someone the act is allowed to, and is
recorded as on behalf of that person. ``crisisplay`` acts for no person: it names the record's
own events (a repaired tear, a drill's inject).
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.incident.situation import Situation
from crisisplay.texts import t

#: the version of these rules an incident's acts are recorded under
RULE_BOOK = 1
#: the actor of the record's own events; no person may claim it
SYSTEM_ACTOR = "crisisplay"
#: the actor of a drill's injects: exercise control plays the world, not the cell
EXERCISE_CONTROL = "exercise-control"


@dataclass(frozen=True)
class Verdict:
    """Whether an act is allowed, and otherwise why, with who may."""

    allowed: bool
    reason: str = ""
    who: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


def _names(situation: Situation, people: tuple[str, ...]) -> str:
    return ", ".join(f"{situation.name_of(p)} ({p})" for p in people)


def _refused(situation: Situation, key: str, people: tuple[str, ...], **values: str) -> Verdict:
    lang = situation.lang
    who = _names(situation, people) if people else t("rules.nobody", lang)
    return Verdict(False, t(key, lang, who=who, **values), people)


def is_lead(situation: Situation, person: str) -> bool:
    return situation.lead is not None and person == situation.lead


def gate_deciders(situation: Situation, gate_id: str) -> tuple[str, ...]:
    gate = situation.scenario.gate(gate_id)
    return situation.people_of(gate.validator) if gate is not None else ()


def may_decide_gate(situation: Situation, person: str, gate_id: str) -> Verdict:
    """Passing or refusing ``gate_id``: its validating role's holder or a backup on duty."""
    people = gate_deciders(situation, gate_id)
    if person in people:
        return ALLOWED
    gate = situation.scenario.gate(gate_id)
    role = situation.role_title(gate.validator) if gate else gate_id
    if not people:
        return _refused(situation, "rules.gate_vacant", (), gate=gate_id, role=role)
    return _refused(situation, "rules.gate", people, gate=gate_id, role=role)


def may_lead(situation: Situation, person: str) -> Verdict:
    """The lead's own acts: severity, roster, escalations, going past a gate."""
    if is_lead(situation, person):
        return ALLOWED
    lead = (situation.lead,) if situation.lead else ()
    return _refused(situation, "rules.lead", lead)


def fact_roles(situation: Situation, fact_id: str) -> tuple[str, ...]:
    """The roles that set ``fact_id`` besides the lead: its owner, the validators of the
    gates that confirm it."""
    roles: list[str] = []
    fact = situation.scenario.fact(fact_id)
    owner = getattr(fact, "owner", None)
    if owner:
        roles.append(owner)
    for gate in situation.scenario.gates:
        if fact_id in gate.facts and gate.validator not in roles:
            roles.append(gate.validator)
    return tuple(roles)


def fact_setters(situation: Situation, fact_id: str) -> tuple[str, ...]:
    people = [situation.lead] if situation.lead else []
    for role in fact_roles(situation, fact_id):
        people += [p for p in situation.people_of(role) if p not in people]
    return tuple(people)


def may_set_fact(situation: Situation, person: str, fact_id: str) -> Verdict:
    people = fact_setters(situation, fact_id)
    if person in people:
        return ALLOWED
    return _refused(situation, "rules.fact", people, fact=fact_id)


def task_doers(situation: Situation, task_id: str) -> tuple[str, ...]:
    task = situation.task_def(task_id)
    view = situation.task(task_id)
    role = task.owner if task is not None else (view.owner_role if view else "")
    people = list(situation.people_of(role)) if role else []
    if situation.lead and situation.lead not in people:
        people.append(situation.lead)
    return tuple(people)


def may_do_task(situation: Situation, person: str, task_id: str) -> Verdict:
    people = task_doers(situation, task_id)
    if person in people:
        return ALLOWED
    return _refused(situation, "rules.task", people, task=task_id)


def publishers(situation: Situation, message_id: str) -> tuple[str, ...]:
    carrier = situation.carrier(message_id)
    if carrier is None:
        return (situation.lead,) if situation.lead else ()
    return task_doers(situation, carrier.id)


def may_publish(situation: Situation, person: str, message_id: str) -> Verdict:
    people = publishers(situation, message_id)
    if person in people:
        return ALLOWED
    return _refused(situation, "rules.publish", people, message=message_id)


def may_write(situation: Situation, person: str) -> Verdict:
    """A note or a decision in the log book: anyone of the roster."""
    if situation.org.person(person) is not None:
        return ALLOWED
    return Verdict(False, t("rules.not_a_person", situation.lang, person=person))


def may_type_for(situation: Situation, typist: str, person: str) -> Verdict:
    """Typing an act for someone else (a decision phoned in): the lead alone."""
    if typist == person or is_lead(situation, typist):
        return ALLOWED
    lead = (situation.lead,) if situation.lead else ()
    return _refused(situation, "rules.behalf", lead, person=person)


def recorded_role(situation: Situation, person: str, wanted: str | None) -> str | None:
    """The role an act is recorded in: ``wanted`` when the person holds it (or it is the
    lead's and she leads), else the first role she holds, else none."""
    held = situation.roles_of(person)
    if wanted is not None and wanted in held:
        return wanted
    if wanted is not None and person in situation.people_of(wanted):
        return wanted  # a backup on duty acts in the role
    return held[0] if held else None


__all__ = [
    "ALLOWED",
    "EXERCISE_CONTROL",
    "RULE_BOOK",
    "SYSTEM_ACTOR",
    "Verdict",
    "fact_roles",
    "fact_setters",
    "gate_deciders",
    "is_lead",
    "may_decide_gate",
    "may_do_task",
    "may_lead",
    "may_publish",
    "may_set_fact",
    "may_type_for",
    "may_write",
    "publishers",
    "recorded_role",
    "task_doers",
]
