"""The walkthrough's acts on the cell: roles filled or left as gaps, escalations."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from crisisplay.conditions import holds
from crisisplay.incident import questions as q
from crisisplay.incident.ops import BoardNote, LeadAct
from crisisplay.playbook.tasks import Task
from crisisplay.roster import Candidate, available, candidates
from crisisplay.texts import t
from crisisplay.timeline.vocabulary import EscalationDone, EscalationFired, RoleAssigned, RoleGap

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


def check_role(walk: Walkthrough, role: str) -> None:
    lang, org = walk.lang, walk.session.org
    now = walk.session.clock.now()
    ranked = candidates(org, role, now)
    chosen = next((c for c in ranked if c.on_duty), None)
    title = walk.role_title(role)
    if chosen is None:
        walk.show("gap", t("roster.gap", lang, role=title), level="error")
        if role not in walk.state.gaps:
            walk.submit(BoardNote((RoleGap(role, t("roster.nobody", lang), detected=True),)))
    else:
        walk.show(
            "roster",
            t("roster.title", lang, role=title),
            t("roster.on_duty", lang, name=chosen.person.name, via=t(chosen.via, lang)),
            level="ok",
        )
    ask = t("roster.ask", lang, role=title)
    person = _ask_person(walk, ("roles", role), ask, ranked, ("gap", t("roster.leave_gap", lang)))
    if person == "gap":
        reason = walk.ask_reason(("roles", role), t("roster.gap_reason", lang))
        walk.submit(LeadAct((RoleGap(role, reason),)))
        return
    walk.submit(LeadAct((assignment(walk, role, person, ranked, now),)))


def _ask_person(
    walk: Walkthrough,
    group: tuple[str, ...],
    message: str,
    ranked: Sequence[Candidate],
    extra: tuple[str, str],
    *,
    field: str | None = None,
    optional: bool = False,
) -> str:
    """A person of the roster (on-duty first), or the ``extra`` choice (a gap, a decline)."""
    org = walk.session.org
    now = walk.session.clock.now()
    question = q.person_question(group, message, org, ranked, now, walk.lang, extra=extra)
    if field is not None:
        question = dataclasses.replace(
            question, field=field, first=False, optional=optional, default=extra[0]
        )
    person, _ = walk.ask(question, q.person_parser(org, ranked, (extra[0],)))
    return str(person)


def assignment(
    walk: Walkthrough,
    role: str,
    person_id: str,
    ranked: Sequence[Any],
    now: datetime,
    *,
    via: str | None = None,
    step: str | None = None,
) -> RoleAssigned:
    org = walk.session.org
    person = org.person(person_id)
    assert person is not None
    how = via or next((c.via for c in ranked if c.person.id == person_id), "assigned")
    on = available(person, now, ZoneInfo(org.timezone))
    return RoleAssigned(role, person.id, person.name, how, on, step)  # type: ignore[arg-type]


def check_escalations(walk: Walkthrough) -> None:
    values = walk.variables()
    for rule in walk.scenario.escalations:
        if rule.id in walk.state.escalations or not holds(rule.when, values):
            continue
        fired = EscalationFired(rule.id, rule.role, rule.because.get_text(walk.lang))
        holder = walk.state.roles.get(rule.role)
        if holder is None:
            walk.submit(BoardNote((fired,)))
            continue
        done = EscalationDone(rule.id, rule.role, holder.person, holder.name, already=True)
        walk.submit(BoardNote((fired, done)))


def handle_escalation(walk: Walkthrough, rule_id: str) -> None:
    lang, org = walk.lang, walk.session.org
    rule = next(r for r in walk.scenario.escalations if r.id == rule_id)
    holder = walk.state.roles.get(rule.role)
    if holder is not None:  # brought in by the roster check since the rule fired
        done = EscalationDone(rule_id, rule.role, holder.person, holder.name, already=True)
        walk.submit(BoardNote((done,)))
        return
    now = walk.session.clock.now()
    ranked = candidates(org, rule.role, now)
    title = walk.role_title(rule.role)
    walk.show(
        "escalation",
        t("escalation.title", lang, role=title),
        rule.because.get_text(lang),
        level="warning",
    )
    extra = ("decline", t("escalation.decline", lang))
    ask = t("escalation.ask", lang, role=title)
    person = _ask_person(walk, ("escalations", rule_id), ask, ranked, extra)
    if person == "decline":
        reason = walk.ask_reason(("escalations", rule_id), t("escalation.reason", lang))
        walk.submit(LeadAct((EscalationDone(rule_id, rule.role, declined=reason),)))
        return
    assigned = assignment(walk, rule.role, person, ranked, now, via="escalation")
    walk.submit(LeadAct((EscalationDone(rule_id, rule.role, person, assigned.name), assigned)))


def cover_owner(walk: Walkthrough, task: Task) -> list[RoleAssigned]:
    """A step whose owner role nobody covers: the lead may bring someone in now."""
    if task.owner in walk.state.roles:
        return []
    lang, org = walk.lang, walk.session.org
    now = walk.session.clock.now()
    ranked = candidates(org, task.owner, now)
    title = walk.role_title(task.owner)
    walk.show("gap", t("roster.gap", lang, role=title), level="error")
    extra = ("uncovered", t("roster.leave_gap", lang))
    ask = t("roster.ask", lang, role=title)
    # Asked after the step's own question, and optional: the step may go on uncovered.
    person = _ask_person(
        walk, (task.group, task.id), ask, ranked, extra, field="owner", optional=True
    )
    if person == "uncovered":
        return []
    return [assignment(walk, task.owner, person, ranked, now, step=task.id)]
