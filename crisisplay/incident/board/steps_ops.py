"""The board's questions on steps, post-crisis actions and gates: asked here, decided by the one
engine (``crisisplay.incident.ops``), typed by the board's person for whoever the answer names."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from crisisplay.conditions import holds
from crisisplay.incident import questions as q
from crisisplay.incident import work
from crisisplay.incident.board.roster_ops import cover_owner
from crisisplay.incident.evidence import gate_lines
from crisisplay.incident.ops import (
    BoardNote,
    DecideGate,
    FinishTask,
    OverrideGate,
    SetFact,
    SkipTask,
    StartTask,
)
from crisisplay.incident.rules import gate_deciders, is_lead, may_decide_gate
from crisisplay.playbook.graph import due_at, not_published
from crisisplay.playbook.tasks import Task
from crisisplay.texts import minutes_label, t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import PhaseEntered

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


def start_task(walk: Walkthrough, task: Task) -> None:
    lang = walk.lang
    noted: list[Payload] = []
    if not task.is_post and task.phase != walk.state.phase:
        noted.append(PhaseEntered(task.phase))
        phase = next(p for p in walk.scenario.phases if p.id == task.phase)
        walk.show("phase", t("phase.title", lang, title=phase.title.get_text(lang)))
    if holds(task.when, walk.variables()) is False:
        reason = t("step.auto_skip", lang, when=task.when)
        walk.submit(BoardNote((*noted, work.skipped(task, reason, auto=True))))
        return
    show_task(walk, task)
    decision, answer = walk.ask(q.task_decision(task, lang), q.choice_of(("do", "skip")))
    if decision == "skip":
        reason = walk.ask_reason((task.group, task.id), t("step.skip_reason", lang))
        walk.submit(SkipTask(task.id, reason, before=tuple(noted)), answer.by)
        return
    walk.submit(StartTask(task.id, (*noted, *cover_owner(walk, task))), answer.by)


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
    a date-time fact such as the moment the company learnt of an attack), with its clock time."""
    due = due_at(task, walk.state)
    if due is None or task.deadline is None:
        return None
    now = walk.session.clock.now()
    left = (due - now).total_seconds() / 60
    label = f"{walk.situation().clock(due)} ({task.deadline.describe()})"
    if left < 0:
        return t("step.overdue", walk.lang, deadline=label, late=minutes_label(left))
    return t("step.due_in", walk.lang, deadline=label, left=minutes_label(left))


def finish(walk: Walkthrough, task: Task) -> None:
    """The owner says the task is done (or not yet); one whose every message was deliberately
    not published is skipped with that reason by the engine, never "done"."""
    ticked: tuple[str, ...] | None = None
    if task.checklist and not all_left_out(walk, task):
        labels = tuple(item.get_text(walk.lang) for item in task.checklist)
        question = q.checklist_question(task, labels, walk.lang)
        value, _ = walk.ask(question, q.checklist_parser(labels))
        ticked = tuple(value)
    done, answer = walk.ask(q.task_done(task, walk.lang), q.choice_of(("done", "not-yet")))
    if done == "not-yet":
        walk.deferred[f"{task.group}.{task.id}"] = walk.state.last_seq
        return
    outcome = walk.submit(FinishTask(task.id, ticked), answer.by)
    if any(e.kind == "incident.resolved" for e in outcome.events):
        walk.show("resolved", t("resolved", walk.lang), level="ok")


def all_left_out(walk: Walkthrough, task: Task) -> bool:
    """Every message of the task deliberately left out: nothing to tick, it is skipped."""

    return not_published(walk.state, task) is not None


def decide_gate(walk: Walkthrough, gate_id: str, task: Task) -> None:
    lang = walk.lang
    situation = walk.situation()
    view = situation.gate(gate_id)
    gate = view.gate
    texts = [
        line
        for shown in view.texts
        for line in (f"--- {shown.message} / {shown.channel} ---", shown.text)
    ]
    walk.show(
        "gate",
        t("gate.title", lang, title=gate.title.get_text(lang)),
        *gate_lines(situation, gate_id),
        *texts,
        level="warning",
    )
    # a role recorded as a gap validates nothing: only the lead's override, with a reason
    vacant = situation.vacant(gate.validator)
    choices = ("override", "skip-step") if vacant else ("pass", "refuse", "override", "skip-step")
    found = walk.state.gates.get(gate_id)
    attempt = found.asked if found else 0
    decision, answer = walk.ask(q.gate_decision(gate_id, lang, attempt), q.choice_of(choices))
    group = ("gates", gate_id)
    if decision == "skip-step":
        reason = walk.ask_reason(group, t("step.skip_reason", lang), attempt=attempt)
        walk.submit(SkipTask(task.id, reason, gate=gate_id), answer.by)
        return
    if decision == "override":
        reason = walk.ask_reason(group, t("gate.reason", lang), attempt=attempt)
        walk.submit(OverrideGate(gate_id, reason))
        return
    said, _ = walk.ask(q.gate_comment(gate_id, lang, attempt), q.optional_text)
    validator = _validator(walk, gate_id, answer.by)
    walk.submit(DecideGate(gate_id, decision, said or None, attempt), validator)
    if decision == "refuse" and gate.facts:
        correct_on_refusal(walk, gate_id, gate.facts, attempt)


def _validator(walk: Walkthrough, gate_id: str, named: str | None) -> str:
    """Who decides: the person the answer names, else the board's person when she may, else
    the validating role's holder (the board then types it on their behalf)."""
    if named:
        return named
    situation = walk.situation()
    actor = walk.session.actor
    if may_decide_gate(situation, actor, gate_id):
        return actor
    people = gate_deciders(situation, gate_id)
    if people and is_lead(situation, actor):
        return people[0]
    return actor


def correct_on_refusal(
    walk: Walkthrough, gate_id: str, facts: tuple[str, ...], attempt: int
) -> None:
    """Refusing offers to correct one of the facts the gate confirms, there and then."""
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
    seen = previous.seq if previous else 0
    walk.submit(SetFact(chosen, value, "correction", gate=gate_id, parsed=True, seen=seen))
