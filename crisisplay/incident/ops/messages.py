"""Messages: rendered for the validators of their gates, published, or left out.

A publication is rendered at the moment it goes out, on the situation and the clock: its "point
de" time is now, the promise it carries is the one it makes (a holding statement, an update) or
the one in force. It is refused with the reason when it would say something that is no longer
true: a promised update already overdue, a restoration estimate or a date already past. It
answers one thing (``Publish.answering``): a second publication of the same thing is told who
published it and when, and records nothing. Publishing closes the task that carries it once its
other messages are settled.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from crisisplay.incident import work
from crisisplay.incident.ops.decision import (
    Decision,
    Refused,
    Request,
    acts,
    allowed,
    done_already,
    operation,
)
from crisisplay.incident.rules import gate_deciders, may_publish, may_write, recorded_role
from crisisplay.incident.situation import Situation
from crisisplay.messages import RenderContext, RenderedChannel
from crisisplay.messages.render import Renderer, conditions_read, find_message
from crisisplay.messages.sandbox import names_looked_up
from crisisplay.playbook.graph import DONE
from crisisplay.playbook.model import Message
from crisisplay.playbook.tasks import Task
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.vocabulary import (
    ANSWERS_PROMISE,
    PROMISING,
    ChannelSkipped,
    ChannelText,
    IncidentResolved,
    MessagePublished,
    MessageRendered,
    MessageSkipped,
    PromiseMade,
)
from crisisplay.timeline.witness import short_head

# A promised time reads as deliberate, and is easier to keep, on a quarter hour.
_ROUND_MINUTES = 15


@dataclass(frozen=True)
class Publish(Request):
    """A message going out now, rendered on the situation and the clock.

    ``answering`` is what it answers, fixed when the person asked: ``message:ID`` for a
    message that goes out once, ``promise:SEQ`` for the update promised at that seq (``0``:
    nothing promised yet). ``next_update`` is the promise a holding statement or an update
    makes (None: the organisation's usual interval)."""

    message: str
    answering: str
    next_update: datetime | None = None


@dataclass(frozen=True)
class ShowToValidators(Request):
    """The texts of a message rendered now and recorded, for the validators of its gates."""

    message: str
    next_update: datetime | None = None


@dataclass(frozen=True)
class Preview(Request):
    """Texts rendered on the incident to copy or check (``render --timeline``): recorded as
    previews, never what a validator approves."""

    items: tuple[Any, ...]
    next_update: datetime | None = None


@dataclass(frozen=True)
class SkipMessage(Request):
    message: str
    reason: str


def answering_of(situation: Situation, message: Message) -> str:
    """What a publication of ``message`` answers now: the open promise for an update, else
    the message itself (it goes out once)."""
    if message.kind == "update":
        promise = situation.open_promise
        return f"promise:{promise.seq if promise else 0}"
    return f"message:{message.id}"


def default_next_update(situation: Situation) -> datetime:
    """The organisation's usual interval from now, on the next quarter hour."""
    later = situation.now.astimezone(situation.zone) + situation.org.update_interval
    minutes = later.hour * 60 + later.minute + (1 if later.second or later.microsecond else 0)
    rounded = math.ceil(minutes / _ROUND_MINUTES) * _ROUND_MINUTES
    base = later.replace(hour=0, minute=0, second=0, microsecond=0)
    return base + timedelta(minutes=rounded)


def find(situation: Situation, message_id: str) -> tuple[Message, Task]:
    message = find_message(situation.scenario, message_id)
    carrier = situation.carrier(message.id)
    if carrier is None:
        raise Refused(f"no task of {situation.scenario.id!r} publishes {message.id!r}")
    return message, carrier


def render_now(
    situation: Situation,
    message: Message,
    next_update: datetime | None,
    *,
    conditions: bool = True,
) -> list[RenderedChannel]:
    """``message`` rendered on the situation at its moment, saying ``next_update``."""
    state = situation.state
    context = RenderContext(
        now=situation.clock(situation.now),
        today=situation.now.astimezone(situation.zone).strftime("%Y-%m-%d"),
        next_update=situation.clock(next_update) if next_update else None,
        drill=state.drill,
        severity=state.severity,
        incident_id=state.incident or "",
        record_head=short_head(state.last_seq, state.head) if state.head else None,
        record=situation.record_times(),
    )
    renderer = Renderer(situation.playbook, situation.scenario, situation.incident_lang)
    return renderer.render(message, state.fact_values(), context, conditions=conditions)


def said_promise(situation: Situation, message: Message, asked: datetime | None) -> datetime | None:
    """The next update a text says: the one a holding statement or an update promises (as
    asked, else the usual interval), else the promise in force."""
    if message.kind not in PROMISING:
        in_force = situation.promise_in_force
        return in_force.due if in_force else None
    due = asked or default_next_update(situation)
    if due <= situation.now:
        raise Refused(
            t("ops.next_update_past", situation.lang, due=situation.clock(due)),
            hint=t("ops.next_update_hint", situation.lang, message=message.id),
        )
    return due


def correcting_of(situation: Situation, message: Message) -> str:
    """What a correction of ``message`` answers: its latest publication (``correct:SEQ``)."""
    progress = situation.state.messages.get(message.id)
    if progress is None or not progress.publications:
        raise Refused(t("ops.nothing_to_correct", situation.lang, message=message.id))
    return f"correct:{progress.publications[-1].seq}"


def _already(situation: Situation, message: Message, answering: str) -> Decision | None:
    lang = situation.lang
    kind, _, ref = answering.partition(":")
    if kind == "correct":
        latest = situation.state.messages[message.id].publications[-1]
        if latest.seq == int(ref):
            return None
        return done_already(
            t(
                "ops.corrected_meanwhile",
                lang,
                message=message.id,
                who=situation.name_of(latest.by),
                at=situation.clock(latest.at),
            )
        )
    if kind == "promise":
        current = situation.open_promise
        if int(ref or 0) == (current.seq if current else 0):
            return None
        promise = next((p for p in situation.state.promises if p.seq == int(ref)), None)
        answer = next(
            (
                p
                for p in situation.state.publications
                if p.kind in ANSWERS_PROMISE and promise is not None and p.seq > promise.seq
            ),
            None,
        )
        if answer is None or promise is None:
            return None
        return done_already(
            t(
                "ops.update_already",
                lang,
                due=situation.clock(promise.due),
                message=answer.message,
                who=situation.name_of(answer.by),
                at=situation.clock(answer.at),
            )
        )
    progress = situation.state.messages.get(message.id)
    if progress is not None and progress.publications:
        first = progress.publications[0]
        return done_already(
            t(
                "ops.message_already",
                lang,
                message=message.id,
                who=situation.name_of(first.by),
                at=situation.clock(first.at),
            )
        )
    if progress is not None and progress.skipped is not None:
        return done_already(t("ops.message_skipped", lang, message=message.id))
    return None


def pending_gates(situation: Situation, message: Message, carrier: Task) -> list[str]:
    gates = dict.fromkeys((*carrier.gates, *message.gates))
    return [g for g in gates if not situation.gate_cleared(g)]


def needs_showing(situation: Situation, message: Message) -> bool:
    """Not rendered for its validators yet, or rendered before a fact, the severity or the
    promise changed. By sequence, never by clock."""
    progress = situation.state.messages.get(message.id)
    if progress is None or progress.rendered_seq is None:
        return True
    promise = situation.promise_in_force
    if message.kind in PROMISING:
        seen = progress.next_update
        if seen is not None and seen <= situation.now:
            return True  # the time its validators saw has passed: a new one is asked
    elif promise is not None and promise.seq > progress.rendered_seq:
        return True
    return situation.state.facts_changed_seq > progress.rendered_seq


def stale(situation: Situation, message: Message, read: Collection[str] | None = None) -> list[str]:
    """What the text would say that is no longer true: an overdue promise, a past estimate
    or date. ``read``: the names its render looked up (else what its templates could read).
    Each reason in the situation's language."""
    lang = situation.lang
    reasons: list[str] = []
    promise = situation.open_promise
    overdue = promise is not None and promise.due <= situation.now
    if overdue and message.kind not in ANSWERS_PROMISE and promise is not None:
        reasons.append(t("ops.promise_overdue", lang, due=situation.clock(promise.due)))
    if situation.state.resolved_at is None:
        if read is None:
            renderer = Renderer(situation.playbook, situation.scenario, situation.incident_lang)
            read = renderer.facts_read(message)
        else:
            read = set(read) | conditions_read(message)
        for fact in situation.scenario.facts:
            if not fact.ahead or fact.id not in read:
                continue
            moment = situation.fact_moment(fact.id)
            if moment is not None and moment <= situation.now:
                value = situation.state.facts[fact.id].value
                reasons.append(t("ops.fact_past", lang, fact=fact.id, value=value))
    return reasons


@operation(Publish)
def publish(situation: Situation, person: str, request: Publish) -> Decision:
    message, carrier = find(situation, request.message)
    lang = situation.lang
    already = _already(situation, message, request.answering)
    if already is not None:
        return already
    allowed(may_publish(situation, person, message.id))
    role = recorded_role(situation, person, carrier.owner)
    if message.kind in PROMISING and situation.state.resolved_at is not None:
        raise Refused(t("ops.resolved", lang, kind=message.kind))
    if request.next_update is not None and message.kind not in PROMISING:
        raise Refused(t("ops.no_promise", lang, message=message.id))
    kind, _, ref = request.answering.partition(":")
    corrects = int(ref) if kind == "correct" else None
    if corrects is not None:  # the promise the corrected text made stands
        promised = situation.state.messages[message.id].publications[-1].next_update
    else:
        promised = said_promise(situation, message, request.next_update)
    waiting = pending_gates(situation, message, carrier)
    if waiting:
        gate = situation.scenario.gate(waiting[0])
        who = ", ".join(situation.name_of(p) for p in gate_deciders(situation, waiting[0]))
        refused = t("ops.waits_gate", lang, message=message.id, gate=waiting[0], who=who or "-")
        if needs_showing(situation, message) and gate is not None:
            shown = render_now(situation, message, promised)
            return acts(rendered_events(shown, promised), role, refused=refused, shown=tuple(shown))
        return Decision(refused=refused)
    with names_looked_up() as read:
        rendered = render_now(situation, message, promised)
    reasons = stale(situation, message, read)
    if reasons:
        raise Refused(t("ops.stale", lang, message=message.id, why="; ".join(reasons)))
    errors = [item for item in rendered if item.skipped is None and not item.ok]
    if errors:
        channels = ", ".join(item.channel for item in errors)
        raise Refused(t("ops.render_errors", lang, message=message.id, channels=channels))
    texts = tuple(
        ChannelText(item.channel, item.lang, item.text, item.title)
        for item in rendered
        if item.skipped is None
    )
    skipped = [
        ChannelSkipped(message.id, message.kind, item.channel, item.skipped)
        for item in rendered
        if item.skipped is not None
    ]
    overridden = tuple(
        g
        for g in dict.fromkeys((*carrier.gates, *message.gates))
        if situation.gate_status(g) == "overridden"
    )
    payloads: list[Payload] = [
        *skipped,
        MessagePublished(
            message.id,
            message.kind,
            tuple(text.channel for text in texts),
            situation.incident_lang,
            message.is_public,
            overridden,
            texts,
            promised,
            corrects=corrects,
        ),
    ]
    if corrects is not None:
        return acts(payloads, role, shown=tuple(rendered))
    if message.kind in PROMISING and promised is not None:
        payloads.append(PromiseMade(promised, message.id))
    payloads += closes(situation, carrier, message)
    return acts(payloads, role, shown=tuple(rendered))


def closes(situation: Situation, carrier: Task, message: Message) -> list[Payload]:
    """The carrier task done by this publication, once its other messages are settled."""
    if situation.task_status(carrier) in DONE:
        return []
    others = [m for m in carrier.messages if m != message.id]
    if not all(situation.settled(m) for m in others):
        return []
    payloads: list[Payload] = []
    if situation.task_status(carrier) != "started":
        payloads.append(work.started(carrier))
    table = situation.state.post_actions if carrier.is_post else situation.state.steps
    found = table.get(carrier.id)
    labels = [item.get_text(situation.lang) for item in carrier.checklist]
    ticked = tuple(label for label in labels if found is not None and label in found.checklist)
    payloads.append(work.done(carrier, ticked))
    if carrier.resolves:
        payloads.append(IncidentResolved(carrier.id))
    return payloads


@operation(ShowToValidators)
def show_to_validators(situation: Situation, person: str, request: ShowToValidators) -> Decision:
    message, carrier = find(situation, request.message)
    if not needs_showing(situation, message):
        return done_already(t("ops.shown_already", situation.lang, message=message.id))
    allowed(may_publish(situation, person, message.id))
    promised = said_promise(situation, message, request.next_update)
    shown = render_now(situation, message, promised)
    role = recorded_role(situation, person, carrier.owner)
    return acts(rendered_events(shown, promised), role, shown=tuple(shown))


@operation(Preview)
def preview(situation: Situation, person: str, request: Preview) -> Decision:
    allowed(may_write(situation, person))
    payloads = rendered_events(request.items, request.next_update, preview=True)
    return acts(payloads, recorded_role(situation, person, None))


@operation(SkipMessage)
def skip_message(situation: Situation, person: str, request: SkipMessage) -> Decision:
    message, carrier = find(situation, request.message)
    already = _already(situation, message, f"message:{message.id}")
    if already is not None:
        return already
    allowed(may_publish(situation, person, message.id))
    reason = request.reason.strip()
    if not reason:
        raise Refused(t("ops.skip_reason", situation.lang))
    role = recorded_role(situation, person, carrier.owner)
    return acts([MessageSkipped(message.id, message.kind, reason)], role)


def rendered_events(
    items: Sequence[RenderedChannel], next_update: datetime | None, *, preview: bool = False
) -> list[Payload]:
    """The events of one rendering: each channel's text as shown, or why it was left out.
    ``preview``: rendered to copy or check, never what a validator approves."""
    events: list[Payload] = []
    for item in items:
        message, kind = item.message or "", item.kind or ""
        if item.skipped is not None:
            events.append(ChannelSkipped(message, kind, item.channel, item.skipped))
            continue
        measured = item.measurement
        events.append(
            MessageRendered(
                message,
                kind,
                item.channel,
                item.lang,
                item.sha256,
                measured.length if measured else None,
                measured.limit if measured else None,
                item.ok,
                item.title_sha256,
                next_update,
                item.text,
                item.title,
                preview,
            )
        )
    return events


__all__ = [
    "answering_of",
    "default_next_update",
    "needs_showing",
    "preview",
    "publish",
    "render_now",
    "rendered_events",
    "said_promise",
    "show_to_validators",
    "skip_message",
    "stale",
]
