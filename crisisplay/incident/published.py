"""What went out: the exact texts of every publication, read from the folded state.

``crisisplay published`` prints them verbatim (copy-ready, or as JSON); the report quotes them.
Nothing is rendered again: a text is what the validator saw and what was recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.errors import UsageError
from crisisplay.messages.rendered import TITLE_KEYS
from crisisplay.suggest import did_you_mean
from crisisplay.timeline.state import IncidentState


@dataclass(frozen=True)
class PublishedText:
    message: str
    kind: str
    channel: str
    lang: str
    text: str
    title: str | None
    published_at: datetime
    #: the next update in force when it went out (the one its text says), or None
    next_update: datetime | None
    #: where it was delivered: ``(account, state, remote id, url)`` for each account
    receipts: tuple[tuple[str, str, str | None, str | None], ...] = ()

    def as_json(self, zone: ZoneInfo) -> dict[str, Any]:
        out: dict[str, Any] = {
            "message": self.message,
            "kind": self.kind,
            "channel": self.channel,
            "lang": self.lang,
            "text": self.text,
            "published_at": self.published_at.astimezone(zone).isoformat(timespec="seconds"),
            "next_update": (
                self.next_update.astimezone(zone).isoformat(timespec="seconds")
                if self.next_update
                else None
            ),
        }
        if self.title is not None:
            out[TITLE_KEYS.get(self.channel, "title")] = self.title
        out["deliveries"] = [
            {"account": account, "state": state, "remote_id": remote, "url": url}
            for account, state, remote, url in self.receipts
        ]
        return out

    @property
    def header(self) -> str:
        return f"{self.message} {self.channel} ({self.lang})"


def published_texts(
    state: IncidentState,
    *,
    message: str | None = None,
    channels: Sequence[str] = (),
    lang: str | None = None,
) -> list[PublishedText]:
    """Every text that went out, oldest first, narrowed to a message, channels and language.
    An unknown message or channel is a UsageError naming what there is."""
    found = [
        PublishedText(
            p.message,
            p.kind,
            text.channel,
            text.lang,
            text.text,
            text.title,
            p.at,
            p.next_update,
            tuple(
                (d.account, d.state, d.remote_id, d.url)
                for d in state.deliveries.values()
                if d.publication == p.seq and d.channel == text.channel
            ),
        )
        for p in state.publications
        for text in p.texts
    ]
    if message is not None:
        _known("message", message, {t.message for t in found})
        found = [t for t in found if t.message == message]
    for channel in channels:
        _known("channel", channel, {t.channel for t in found})
    if channels:
        found = [t for t in found if t.channel in channels]
    if lang is not None:
        found = [t for t in found if t.lang == lang]
    return found


def _known(what: str, given: str, known: set[str]) -> None:
    if given in known:
        return

    listed = ", ".join(sorted(known)) or "none"
    raise UsageError(
        f"no text of the {what} {given!r} went out on this incident{did_you_mean(given, known)}",
        hint=f"published so far: {listed}",
    )
