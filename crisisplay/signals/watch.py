"""A live source's posts as mentions: the statuses a Mastodon search returns, kept when they
name the brand (a search also matches names inside longer words)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from crisisplay.signals.rows import Row, one_line, read_iso, utc_text

_TAG = re.compile(r"<[^>]+>")


def plain_text(content: str) -> str:
    """A status's HTML as plain text on one line."""
    return one_line(html.unescape(_TAG.sub(" ", content))).strip()


class MastodonSearch:
    """Turns search results into mention rows, each status once."""

    def __init__(self, names: Sequence[str]) -> None:
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self.names = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
        self.seen: set[str] = set()

    def rows(self, statuses: Iterable[Mapping[str, Any]]) -> list[Row]:
        out: list[Row] = []
        for status in statuses:
            key = str(status.get("uri") or status.get("id"))
            if key in self.seen:
                continue
            self.seen.add(key)
            text = plain_text(str(status.get("content") or ""))
            if not self.names.search(text):
                continue
            account = status.get("account") or {}
            created = status["created_at"]
            moment = created if isinstance(created, datetime) else read_iso(str(created))
            out.append(
                (
                    utc_text(moment),
                    "",
                    "@" + str(account.get("acct") or account.get("username") or "?"),
                    str(int(account.get("followers_count") or 0)),
                    text,
                    "",
                )
            )
        return out
