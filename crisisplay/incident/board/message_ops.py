"""The board's questions on messages: the next-update time of a holding statement or an update,
then publish, leave out or correct a fact. The one engine renders (for the validators, then at
publication, on the clock) and records."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import TYPE_CHECKING

from crisisplay.incident import questions as q
from crisisplay.incident.board.facts_ops import correct_fact, corrections
from crisisplay.incident.ops import Publish, ShowToValidators, SkipMessage
from crisisplay.incident.ops.messages import answering_of, default_next_update
from crisisplay.playbook.model import Message
from crisisplay.playbook.tasks import Task
from crisisplay.texts import t
from crisisplay.timeline.vocabulary import PROMISING

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


def render(walk: Walkthrough, message: Message) -> None:
    """The texts its validators are shown, rendered now (asking the next update it promises)."""
    next_update = ask_next_update(walk, message) if message.kind in PROMISING else None
    outcome = walk.submit(ShowToValidators(message.id, next_update))
    walk.show(
        "rendered",
        t("message.title", walk.lang, title=message.title.get_text(walk.lang)),
        data=list(outcome.decision.shown),
    )


def ask_next_update(walk: Walkthrough, message: Message) -> datetime:
    situation = walk.situation()
    zone, now = situation.zone, situation.now
    # Shown again (a fact corrected): the time already answered stands while it is ahead.
    progress = walk.state.messages.get(message.id)
    default = default_next_update(situation)
    if progress is not None and progress.next_update is not None and progress.next_update > now:
        default = progress.next_update
    question = q.next_update_question(
        message, default.astimezone(zone), walk.lang, corrections(walk, message.id)
    )
    parse = functools.partial(q.parse_next_update, now, zone, anchor=walk.state.activated_at)
    value, _ = walk.ask(question, parse)
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
        walk.submit(SkipMessage(message.id, reason))
        return
    if decision == "correct":
        correct_fact(walk, message)
        return
    situation = walk.situation()
    promised = progress.next_update if message.kind in PROMISING else None
    outcome = walk.submit(Publish(message.id, answering_of(situation, message), promised))
    published = [e for e in outcome.events if e.kind == "message.published"]
    if published:
        channels = ", ".join(published[-1].payload.get("channels", ()))
        walk.show("published", t("message.published", lang, channels=channels), level="ok")
        walk.deliver(published[-1].seq)
