"""How the report speaks to its reader: in one language, in local time, people by name.

A ``Reading`` is chosen once per report (the language asked for, else the incident's, else
the organisation's first; the organisation's time zone) and every output writes through it,
so the Markdown, the HTML page, its chart and the JSON labels always agree.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crisisplay.localtime import LocalTimes
from crisisplay.texts import catalogue, t

DASH = "—"


@dataclass(frozen=True)
class Reading:
    lang: str
    times: LocalTimes
    #: person id -> full name (the roster's people)
    people: Mapping[str, str] = field(default_factory=dict)
    #: role id -> its title in ``lang``
    roles: Mapping[str, str] = field(default_factory=dict)
    #: message id -> its title in ``lang``
    messages: Mapping[str, str] = field(default_factory=dict)
    severities: Mapping[str, str] = field(default_factory=dict)
    gates: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        lang: str,
        zone: str,
        moments: Iterable[datetime | None],
        **names: Mapping[str, str],
    ) -> Reading:
        return cls(lang, LocalTimes.spanning(zone, lang, moments), **names)

    def __call__(self, key: str, **values: Any) -> str:
        return t(f"report.{key}", self.lang, **values)

    def person(self, who: str | None) -> str:
        if not who:
            return DASH
        return self.people.get(who, who)

    def role(self, role: str | None) -> str:
        if not role:
            return DASH
        return self.roles.get(role, role)

    def message(self, message: str | None) -> str:
        if not message:
            return DASH
        return self.messages.get(message, message)

    def severity(self, level: str | None) -> str:
        return self.severities.get(level, level) if level else DASH

    def gate(self, gate: str) -> str:
        return self.gates.get(gate, gate)

    def word(self, group: str, value: str | None) -> str:
        """``value`` of a closed set (a status, an outcome) in the reader's words."""
        if not value:
            return DASH
        key = f"report.{group}.{value}"
        return catalogue(self.lang).get(key, value)

    def clock(self, at: datetime | None) -> str:
        return DASH if at is None else self.times.clock(at)

    def duration(self, value: float | None) -> str:
        """``24 min``, ``1 h 35 min``, ``2 j 3 h``: minutes as a person reads them."""
        if value is None:
            return DASH
        return _duration(value, _day_word(self.lang))

    def since(self, at: datetime | None, start: datetime) -> str:
        """``T+24 min``: how long after activation."""
        if at is None:
            return DASH
        return f"T{'+' if at >= start else '-'}{self.duration(abs(_minutes(at - start)))}"

    def count(self, n: int, noun: str) -> str:
        """``3 canaux`` / ``1 channel``: ``noun`` names a key with a ``one`` and a ``many``."""
        return self(f"n.{noun}.{'one' if n == 1 else 'many'}", n=n)

    def met(self, flag: bool | None) -> str:
        if flag is None:
            return DASH
        return self("met") if flag else self("missed")

    def value(self, item: Any) -> str:
        """A fact's value as text: lists joined, booleans as yes/no, nothing as a dash."""
        import json  # noqa: PLC0415

        if item is None or item == "":
            return DASH
        if isinstance(item, bool):
            return self("yes") if item else self("no")
        if isinstance(item, list):
            return ", ".join(self.value(i) for i in item) or DASH
        if isinstance(item, dict):
            return json.dumps(item, ensure_ascii=False, sort_keys=True)
        return str(item)


@functools.cache
def _day_word(lang: str) -> str:
    return t("report.unit.day", lang)


@functools.lru_cache(maxsize=4096)
def _duration(value: float, day: str) -> str:
    """Minutes as a person reads them (``day``: the unit's word); a report writes the same
    few durations by the thousand."""
    sign = "-" if value < 0 else ""
    total = abs(value)
    if total < 60:
        shown = f"{total:g}" if total != int(total) else f"{int(total)}"
        return f"{sign}{shown} min"
    whole = round(total)
    days, rest = divmod(whole, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{sign}{days} {day} {hours} h" if hours else f"{sign}{days} {day}"
    return f"{sign}{hours} h {mins:02d} min" if mins else f"{sign}{hours} h"


def _minutes(delta: Any) -> float:
    return round(float(delta.total_seconds()) / 60, 1)
