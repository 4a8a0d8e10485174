"""The fast way through a well-formed CSV export: column by column.

A million mentions read row by row spend most of their time in the interpreter. Here the rows are
turned into columns once, each column is checked as a whole (every count made of digits, no text
over two lines, every time of the form the row-by-row reader would read the same way), and the
times are converted hour by hour. Anything this path is not sure of gives None, and the row-by-row
reader reads the file instead (and names the line of a bad row).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import tzinfo
from itertools import repeat
from operator import itemgetter

from crisisplay.signals.rows import Row, TimeReader

_HEAD = itemgetter(slice(0, 13))  # date and hour: 2026-11-23T07
_CLOCK_PART = itemgetter(slice(13, 19))  # :05:10
_TAIL = itemgetter(slice(19, None))  # the offset as written: +01:00, Z, or nothing
_CLOCK = re.compile(r":[0-5]\d:[0-5]\d")
#: more distinct offsets than this (fractions of seconds, say): row by row
_FEW_TAILS = 64


def table(
    lines: Iterable[str],
    time_at: int,
    count_at: int | None,
    mention_at: tuple[int, ...],
    zone: tzinfo,
) -> list[Row] | None:
    """The rows of a CSV export whose header was read, or None when the row-by-row reader must
    read it. ``mention_at``: the author, audience, text and sentiment columns (-1: absent)."""
    body = list(filter(None, csv.reader(lines)))
    if not body:
        return []
    widths = set(map(len, body))
    if len(widths) != 1:
        return None
    columns = list(zip(*body, strict=True))
    times = time_column(columns[time_at], zone)
    if times is None:
        return None
    blank = repeat("")
    if count_at is not None:
        counts = columns[count_at]
        if not all(map(str.isdigit, counts)) or any(c[0] == "0" and len(c) > 1 for c in counts):
            return None
        return list(zip(times, counts, blank, blank, blank, blank, strict=False))
    author, audience, text, sentiment = (columns[i] if i >= 0 else None for i in mention_at)
    if author is None or not _one_line(author, text, sentiment):
        return None
    if audience is not None and not all(map(str.isdigit, filter(None, audience))):
        return None
    return list(
        zip(
            times,
            blank,
            author,
            audience if audience is not None else blank,
            text if text is not None else blank,
            sentiment if sentiment is not None else blank,
            strict=False,  # the blank columns repeat without end
        )
    )


def time_column(texts: tuple[str, ...], zone: tzinfo) -> list[str] | None:
    """The stored form of every time, or None when one is not of the plain form
    (``YYYY-MM-DDTHH:MM:SS`` and an offset, ``Z`` or nothing) or its offset is not whole hours."""
    if min(map(len, texts)) < 19:
        return None
    heads = list(map(_HEAD, texts))
    tails = list(map(_TAIL, texts))
    clocks = list(map(_CLOCK_PART, texts))
    if len(set(tails)) > _FEW_TAILS or not all(map(_CLOCK.fullmatch, set(clocks))):
        return None
    read = TimeReader(zone)
    hours: dict[tuple[str, str], str] = {}
    for head, tail in set(zip(heads, tails, strict=True)):
        try:
            stored = read(head + ":00:00" + tail)
        except ValueError:
            return None
        if stored[13:19] != ":00:00":
            return None
        hours[(head, tail)] = stored[:13]
    utc_hours = map(hours.__getitem__, zip(heads, tails, strict=True))
    return list(map(str.__add__, utc_hours, map(str.__add__, clocks, repeat("Z"))))


def _one_line(*columns: tuple[str, ...] | None) -> bool:
    for column in columns:
        if column is not None:
            joined = "\x1f".join(column)
            if "\n" in joined or "\r" in joined:
                return False
    return True
