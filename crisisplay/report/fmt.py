"""How the report writes times, durations and values, the same in Markdown and HTML.

Times are UTC clock times (``14:26``), with the day offset from activation when it differs
(``+1d 08:30``); durations are minutes, or hours and minutes past an hour. None of these
functions escape: each output escapes in its own way.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from crisisplay.report.timing import minutes

DASH = "—"


def clock(at: datetime | None, start: datetime) -> str:
    """``14:26``, or ``+1d 08:30`` on a later day than ``start``."""
    if at is None:
        return DASH
    days = (at.date() - start.date()).days
    prefix = f"{days:+d}d " if days else ""
    return f"{prefix}{at:%H:%M}"


def since(at: datetime | None, start: datetime) -> str:
    """``T+24 min``: how long after activation."""
    if at is None:
        return DASH
    return f"T{'+' if at >= start else '-'}{duration(abs(minutes(at - start)))}"


def duration(value: float | None) -> str:
    """``24 min``, ``1 h 35 min``, ``2 d 3 h``: minutes as a person reads them."""
    if value is None:
        return DASH
    sign = "-" if value < 0 else ""
    total = abs(value)
    if total < 60:
        shown = f"{total:g}" if total != int(total) else f"{int(total)}"
        return f"{sign}{shown} min"
    whole = round(total)
    days, rest = divmod(whole, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{sign}{days} d {hours} h" if hours else f"{sign}{days} d"
    return f"{sign}{hours} h {mins:02d} min" if mins else f"{sign}{hours} h"


def value(item: Any) -> str:
    """A fact's value as text: lists joined, booleans as yes/no, nothing as a dash."""
    if item is None or item == "":
        return DASH
    if isinstance(item, bool):
        return "yes" if item else "no"
    if isinstance(item, list):
        return ", ".join(value(i) for i in item) or DASH
    if isinstance(item, dict):
        return json.dumps(item, ensure_ascii=False, sort_keys=True)
    return str(item)


def met(flag: bool | None) -> str:
    """A verdict that reads without colour: a word, not only a mark."""
    if flag is None:
        return DASH
    return "✔ met" if flag else "✘ missed"


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
