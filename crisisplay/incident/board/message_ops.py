"""The walkthrough's acts on messages: render (what the validator sees), publish (exactly that).

One promise: a holding statement or an update asks for the next-update time, and its
publication makes the promise; every other message renders with the promise in force, so no
text ever says a time the incident has not promised.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from crisisplay.incident import questions as q
from crisisplay.incident.board.facts_ops import correct_fact, corrections
from crisisplay.incident.tasks import Task
from crisisplay.playbook.model import Message
from crisisplay.texts import t
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.state import MessageState
from crisisplay.timeline.vocabulary import (
    PROMISING,
    ChannelSkipped,
    ChannelText,
    MessagePublished,
    MessageRendered,
    MessageSkipped,
    PromiseMade,
)
from crisisplay.timeline.witness import short_head

if TYPE_CHECKING:  # rendering (Jinja2) is imported only when a message is rendered
    from crisisplay.incident.board.walkthrough import Walkthrough
    from crisisplay.messages.rendered import RenderedChannel


def render(walk: Walkthrough, message: Message) -> None:
    if message.kind in PROMISING:
        next_update: datetime | None = ask_next_update(walk, message)
    else:
        promise = walk.state.promise_in_force
        next_update = promise.due if promise else None
    rendered = render_channels(walk, message, next_update)
    walk.record(*rendered_events(rendered, next_update))
    walk.show(
        "rendered",
        t("message.title", walk.lang, title=message.title.get_text(walk.lang)),
        data=rendered,
    )


def rendered_events(
    items: Sequence[RenderedChannel], next_update: datetime | None, *, preview: bool = False
) -> list[Payload]:
    """The timeline events of one rendering: each channel's text as shown, or why it was left
    out. ``preview``: rendered outside the walkthrough, never what a validator approves."""
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


def render_channels(
    walk: Walkthrough, message: Message, next_update: datetime | None
) -> list[RenderedChannel]:
    from crisisplay.messages import RenderContext, render_message

    zone = ZoneInfo(walk.session.org.timezone)
    now = walk.session.clock.now()
    context = RenderContext(
        now=now.astimezone(zone).strftime("%H:%M"),
        today=now.astimezone(zone).strftime("%Y-%m-%d"),
        next_update=next_update.astimezone(zone).strftime("%H:%M") if next_update else None,
        drill=walk.state.drill,
        severity=walk.state.severity,
        incident_id=walk.state.incident or "",
        record_head=short_head(walk.state.last_seq, walk.state.head) if walk.state.head else None,
    )
    return list(
        render_message(
            walk.session.playbook,
            walk.scenario,
            message.id,
            lang=walk.lang,
            facts=walk.state.fact_values(),
            context=context,
        )
    )


def ask_next_update(walk: Walkthrough, message: Message) -> datetime:
    zone = ZoneInfo(walk.session.org.timezone)
    now = walk.session.clock.now()
    # Rendered again (a fact corrected): the time already answered stands while it is ahead.
    progress = walk.state.messages.get(message.id)
    default = now + walk.session.org.update_interval
    if progress is not None and progress.next_update is not None and progress.next_update > now:
        default = progress.next_update
    question = q.next_update_question(
        message, default.astimezone(zone), walk.lang, corrections(walk, message.id)
    )
    value, _ = walk.ask(question, functools.partial(q.parse_next_update, now, zone))
    moment: datetime = value
    return moment


def publish(walk: Walkthrough, message: Message, task: Task) -> None:
    lang = walk.lang
    progress = walk.state.messages[message.id]
    errors = [c for c, r in progress.rendered.items() if not r.ok]
    attempt = corrections(walk, message.id)
    decision, _ = walk.ask(
        q.publish_decision(message, lang, attempt), q.publish_parser(lang, len(errors))
    )
    group = ("messages", message.id)
    if decision == "skip":
        reason = walk.ask_reason(group, t("message.skip_reason", lang), attempt=attempt)
        walk.record(MessageSkipped(message.id, message.kind, reason))
        return
    if decision == "correct":
        correct_fact(walk, message)
        return
    channels = tuple(sorted(progress.rendered))
    items: list[Payload] = [publication(walk, message, progress, channels)]
    if message.kind in PROMISING and progress.next_update is not None:
        items.append(PromiseMade(progress.next_update, message.id))
    walk.record(*items)
    walk.show("published", t("message.published", lang, channels=", ".join(channels)), level="ok")


def publication(
    walk: Walkthrough, message: Message, progress: MessageState, channels: tuple[str, ...]
) -> MessagePublished:
    """The texts the validator was shown, exactly, and the promise they carry."""
    overridden = tuple(
        g
        for g in message.gates
        if (s := walk.state.gates.get(g)) is not None and s.status == "overridden"
    )
    shown = [progress.rendered[channel] for channel in channels]
    texts = tuple(ChannelText(r.channel, r.lang, r.text or "", r.title) for r in shown)
    return MessagePublished(
        message.id,
        message.kind,
        channels,
        walk.lang,
        message.is_public,
        overridden,
        texts,
        progress.next_update,
    )
