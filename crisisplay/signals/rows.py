"""One stored row of a signal, as the signal files keep it.

A row is a tuple of strings, in the file's column order: ``time`` (UTC, ISO 8601 to the second),
``count`` (how many in the interval; empty for one mention), ``author``, ``audience``, ``text``,
``sentiment``. Tuples keep a million mentions cheap to read, compare and write.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone, tzinfo

COLUMNS = ("time", "count", "author", "audience", "text", "sentiment")
Row = tuple[str, str, str, str, str, str]

TIME, COUNT, AUTHOR, AUDIENCE, TEXT, SENTIMENT = range(6)


def utc_text(moment: datetime) -> str:
    """The stored form of a time: UTC, to the second, ending in ``Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class TimeReader:
    """Reads the times of an export into their stored form; a time without an offset is in the
    organisation's zone. A million mentions have a million distinct times but few distinct
    hours: the hour (with its offset) is converted once, and each time after it only checks
    its minutes and seconds."""

    __slots__ = ("_hours", "zone")

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        #: (date and hour, offset as written) -> the UTC date and hour, for whole-hour offsets
        self._hours: dict[tuple[str, str], str] = {}

    def __call__(self, text: str) -> str:
        if len(text) >= 19:
            hour = self._hours.get((text[:13], text[19:]))
            if hour is not None and _CLOCK.fullmatch(text, 13, 19):
                return hour + text[13:19] + "Z"
        moment = read_iso(text.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.zone)
        stored = utc_text(moment)
        if len(text) >= 19 and stored[13:19] == text[13:19] and len(self._hours) < 100_000:
            self._hours[(text[:13], text[19:])] = stored[:13]
        return stored


_CLOCK = re.compile(r":[0-5]\d:[0-5]\d")


def read_iso(text: str) -> datetime:
    """An ISO 8601 time, ``Z`` included (Python 3.10 reads only ``+00:00``); ValueError names
    the bad text."""
    if text.endswith(("Z", "z")):
        return datetime.fromisoformat(text[:-1] + "+00:00")
    return datetime.fromisoformat(text)


def parse_stored(text: str) -> datetime:
    return read_iso(text)


def one_line(text: str) -> str:
    """A text kept on one line of the file (a row is one line: a torn write is one torn line)."""
    if "\n" in text or "\r" in text:
        return " ".join(text.split())
    return text
