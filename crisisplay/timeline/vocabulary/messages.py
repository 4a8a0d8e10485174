"""Messages and promises: what was rendered, what went out, what was promised."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crisisplay.timeline.payloads import Moment, Payload, Record, doc, kind

# ---------------------------------------------------------------- messages and promises


@dataclass(frozen=True, slots=True)
class ChannelText(Record):
    """One channel's text, exactly as it was shown and as it went out."""

    channel: str = doc("The channel id.")
    lang: str = doc("Its language.")
    text: str = doc("The text, verbatim.")
    title: str | None = doc("The email subject or push title.", default=None)


@kind("message.rendered")
@dataclass(frozen=True, slots=True)
class MessageRendered(Payload):
    """One channel of a message rendered: its text as shown, counted and linted."""

    message: str = doc("The message id.")
    kind: str = doc("The message's kind (holding, update...).")
    channel: str = doc("The channel id.")
    lang: str = doc("The language.")
    sha256: str = doc("SHA-256 of the text.")
    length: int | None = doc("Its length in the channel's unit.", default=None)
    limit: int | None = doc("The channel's limit.", default=None)
    ok: bool = doc("No error finding.", default=True)
    title_sha256: str | None = doc("SHA-256 of the subject or title.", default=None)
    next_update: Moment | None = doc("The next-update time the text says.", default=None)
    text: str | None = doc("The text, verbatim.", default=None)
    title: str | None = doc("The subject or title, verbatim.", default=None)
    preview: bool = doc(
        "Rendered outside the walkthrough (`render --timeline`) to copy or check: never what "
        "a validator is shown before publication.",
        default=False,
    )


@kind("message.channel_skipped")
@dataclass(frozen=True, slots=True)
class ChannelSkipped(Payload):
    """A channel left out by its condition (SMS while SMS is down)."""

    message: str = doc("The message id.")
    kind: str = doc("The message's kind.")
    channel: str = doc("The channel id.")
    reason: str = doc("Why, as the condition says it.")


@kind("message.published")
@dataclass(frozen=True, slots=True)
class MessagePublished(Payload):
    """A message went out: the exact text of every channel, as the validator saw it."""

    message: str = doc("The message id.")
    kind: str = doc("The message's kind.")
    channels: tuple[str, ...] = doc("The channels it went out on.")
    lang: str = doc("The language.")
    public: bool = doc("Seen outside the company (decided by its audience in the playbook).")
    gates_overridden: tuple[str, ...] = doc("Gates the lead went past.", default=())
    texts: tuple[ChannelText, ...] = doc("What went out, per channel.", default=())
    next_update: Moment | None = doc(
        "The next update the texts promise (the promise in force).", default=None
    )
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )
    corrects: int | None = doc(
        "A correction: the seq of the publication of the same message it corrects.",
        default=None,
    )


@kind("message.skipped")
@dataclass(frozen=True, slots=True)
class MessageSkipped(Payload):
    """The cell chose not to publish a message."""

    message: str = doc("The message id.")
    kind: str = doc("The message's kind.")
    reason: str = doc("Why.")
    typed_by: str | None = doc(
        "Who typed the act for its actor (the lead recording a decision given by phone), when "
        "not the actor.",
        default=None,
    )


@kind("promise.made")
@dataclass(frozen=True, slots=True)
class PromiseMade(Payload):
    """A publication promised the next update at a time: every later text says that time,
    until the next promise."""

    due: Moment = doc("When the next update is due.")
    message: str = doc("The message that made the promise.")
    promise: Literal["next-update"] = doc("What is promised.", default="next-update")


#: the messages whose publication answers a promised update
ANSWERS_PROMISE = frozenset(("update", "resolution"))
#: the messages that promise the next update when they go out
PROMISING = frozenset(("holding", "update"))
