"""The walkthrough's acts on steps, post-crisis actions and gates."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from crisisplay.conditions import holds
from crisisplay.incident import questions as q
from crisisplay.incident.board.roster_ops import cover_owner
from crisisplay.incident.graph import due_at, not_published
from crisisplay.incident.tasks import Task
from crisisplay.texts import minutes_label, t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import (
    FactsValidated,
    GateOverridden,
    GatePassed,
    GateRefused,
    IncidentResolved,
    PhaseEntered,
)

if TYPE_CHECKING:
    from crisisplay.incident.board.acts import Act
    from crisisplay.incident.board.walkthrough import Walkthrough


def start_task(walk: Walkthrough, task: Task) -> None:
    lang = walk.lang
    items: list[Payload] = []
    if not task.is_post and task.phase != walk.state.phase:
        items.append(PhaseEntered(task.phase))
        phase = next(p for p in walk.scenario.phases if p.id == task.phase)
        walk.show("phase", t("phase.title", lang, title=phase.title.get_text(lang)))
    if holds(task.when, walk.variables()) is False:
        reason = t("step.auto_skip", lang, when=task.when)
        walk.record(*items, task.skipped(reason, auto=True))
        return
    show_task(walk, task)
    decision, answer = walk.ask(q.task_decision(task, lang), q.choice_of(("do", "skip")))
    if decision == "skip":
        reason = walk.ask_reason((task.group, task.id), t("step.skip_reason", lang))
        walk.record(*items, _by(answer.by, task, task.skipped(reason)))
        return
    walk.record(*items, *cover_owner(walk, task), _by(answer.by, task, task.started()))


def show_task(walk: Walkthrough, task: Task) -> None:
    lang = walk.lang
    holder = walk.state.roles.get(task.owner)
    owner = walk.role_title(task.owner) + (f" - {holder.name}" if holder and holder.name else "")
    lines = [t("step.owner", lang, owner=owner)]
    left = countdown(walk, task)
    if left:
        lines.append(left)
    if task.help:
        lines.append(task.help.get_text(lang))
    lines += [f"[ ] {item.get_text(lang)}" for item in task.checklist]
    heading = "post.title" if task.is_post else "step.title"
    title = t(heading, lang, title=task.title.get_text(lang))
    level = "error" if left and left.startswith(("EN RETARD", "OVERDUE")) else "info"
    walk.show("step", title, *lines, level=level)


def countdown(walk: Walkthrough, task: Task) -> str | None:
    """Time left before the task is due, counted from its anchor (activation, the resolution or
    a date-time fact such as the moment the company learnt of an attack)."""
    due = due_at(task, walk.state)
    if due is None or task.deadline is None:
        return None
    left = (due - walk.session.clock.now()).total_seconds() / 60
    label = task.deadline.describe()
    if left < 0:
        return t("step.overdue", walk.lang, deadline=label, late=minutes_label(left))
    return t("step.due_in", walk.lang, deadline=label, left=minutes_label(left))


def finish(walk: Walkthrough, task: Task) -> None:
    """The owner says the task is done (or not yet); a task whose every message was
    deliberately not published is skipped with that reason, never "done"."""
    unpublished = not_published(walk.state, task)
    if unpublished is not None:
        walk.record(task.skipped(t("task.not_published", walk.lang, reason=unpublished)))
        return
    ticked: tuple[str, ...] = ()
    if task.checklist:
        labels = tuple(item.get_text(walk.lang) for item in task.checklist)
        question = q.checklist_question(task, labels, walk.lang)
        value, _ = walk.ask(question, q.checklist_parser(labels))
        ticked = tuple(value)
    done, answer = walk.ask(q.task_done(task, walk.lang), q.choice_of(("done", "not-yet")))
    if done == "not-yet":
        walk.deferred[f"{task.group}.{task.id}"] = walk.state.last_seq
        return
    items: list[Act | Payload] = [_by(answer.by, task, task.done(ticked))]
    if task.resolves:
        items.append(IncidentResolved(task.id))
    walk.record(*items)
    if task.resolves:
        walk.show("resolved", t("resolved", walk.lang), level="ok")


def _by(person: str | None, task: Task, payload: Payload) -> Act | Payload:
    """An act recorded for the person an answers file names (``by:``), in the task's role."""
    from crisisplay.incident.board.acts import Act

    return Act(payload, person, task.owner) if person else payload


def decide_gate(walk: Walkthrough, gate_id: str, task: Task) -> None:
    from crisisplay.incident.board.acts import Act

    lang = walk.lang
    gate = walk.scenario.gate(gate_id)
    assert gate is not None
    holder = walk.state.roles.get(gate.validator)
    who = holder.name if holder and holder.name else walk.role_title(gate.validator)
    walk.show(
        "gate",
        t("gate.title", lang, title=gate.title.get_text(lang)),
        t("gate.validator", lang, who=who, role=walk.role_title(gate.validator)),
        t("gate.confirms", lang, text=gate.confirms.get_text(lang)),
        *gate_evidence(walk, gate_id, task),
        level="warning",
    )
    gap = walk.state.gaps.get(gate.validator)
    vacant = gap is not None and gap.closed_at is None
    # a role recorded as a gap validates nothing: only the lead's override, with a reason
    choices = ("override", "skip-step") if vacant else ("pass", "refuse", "override", "skip-step")
    found = walk.state.gates.get(gate_id)
    attempt = found.asked if found else 0
    decision, answer = walk.ask(q.gate_decision(gate_id, lang, attempt), q.choice_of(choices))
    group = ("gates", gate_id)
    if decision == "skip-step":
        reason = walk.ask_reason(group, t("step.skip_reason", lang), attempt=attempt)
        walk.record(task.skipped(reason, gate=gate_id))
        return
    if decision == "override":
        reason = walk.ask_reason(group, t("gate.reason", lang), attempt=attempt)
        walk.record(GateOverridden(gate_id, reason))
        return
    said, _ = walk.ask(q.gate_comment(gate_id, lang, attempt), q.optional_text)
    comment = said or None
    validator = answer.by or (holder.person if holder and holder.person else gate.validator)
    person = walk.session.org.person(validator)
    name = person.name if person else validator
    kind = GatePassed if decision == "pass" else GateRefused
    acts: list[Act] = [
        Act(kind(gate_id, gate.validator, validator, name, comment), validator, gate.validator)
    ]
    confirmed = tuple(f for f in gate.facts if f in walk.state.facts)
    if decision == "pass" and confirmed:
        acts.append(Act(FactsValidated(confirmed, gate_id), validator, gate.validator))
    walk.record(*acts)
    if decision == "refuse" and gate.facts:
        correct_on_refusal(walk, gate_id, gate.facts, attempt)


def gate_evidence(walk: Walkthrough, gate_id: str, task: Task) -> list[str]:
    """What the validator decides on: the facts the gate confirms with their values now, and
    the exact texts of the task's messages behind it."""
    gate = walk.scenario.gate(gate_id)
    assert gate is not None
    lines = []
    for fact_id in gate.facts:
        fact = walk.state.facts.get(fact_id)
        value = t("fact.not_known", walk.lang) if fact is None or fact.unknown else fact.value
        lines.append(f"{fact_id} = {value}")
    for message_id in task.messages:
        message = walk.scenario.message(message_id)
        progress = walk.state.messages.get(message_id)
        if message is None or progress is None or gate_id not in (*task.gates, *message.gates):
            continue
        for channel, rendered in progress.rendered.items():
            lines.append(f"--- {message_id} / {channel} ---")
            lines.append(rendered.text or "")
    return lines


def correct_on_refusal(
    walk: Walkthrough, gate_id: str, facts: tuple[str, ...], attempt: int
) -> None:
    """Refusing offers to correct one of the facts the gate confirms, there and then."""
    from crisisplay.incident.board.facts_ops import fact_set

    group = ("gates", gate_id)
    none = ""
    question = q.refusal_fact(group, walk.scenario, facts, walk.lang, attempt)
    chosen, _ = walk.ask(question, q.choice_of((none, *facts)))
    if chosen == none:
        return
    fact = walk.scenario.fact(chosen)
    assert fact is not None
    previous = walk.state.facts.get(chosen)
    ask = q.fact_question(
        fact, walk.lang, group=group, field="value", first=False, repeatable=True,
        attempt=attempt, current=previous,
    )  # fmt: skip
    value, _ = walk.ask(
        ask, functools.partial(q.parse_fact, fact, walk.lang, local=walk.local_time())
    )
    old = previous.value if previous else None
    walk.record(fact_set(chosen, value, "correction", previous=old, gate=gate_id))
