"""Typed fact values: parsing an operator's answer and checking a value against its fact.

One function serves every way a fact arrives: a typed answer at a prompt, ``--set key=value``,
a facts file, an answers file and a playbook's ``sample_facts``. Values are kept in one
canonical JSON-friendly form (it is what the timeline records):

=============  =============================================
text           str
number         int when whole, else float
choice         the choice id (str)
multi-choice   list of choice ids, in the playbook's order
time           "HH:MM" (24-hour)
date           "YYYY-MM-DD" (a day of the calendar), or "" for "not fixed yet"
datetime       ISO 8601 with the organisation's offset: "2026-12-01T03:17:00+01:00"
duration       whole minutes (int)
boolean        bool
=============  =============================================
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.playbook import fact_patterns
from crisisplay.playbook.model import Fact
from crisisplay.playbook.types import CLOCK_PATTERN, Duration
from crisisplay.suggest import did_you_mean
from crisisplay.textsafe import describe_char, first_hidden

FactValue = str | int | float | bool | list[str]

_TRUE = {"true", "yes", "y", "oui", "o", "1"}
_FALSE = {"false", "no", "n", "non", "0"}
#: numbers of a crisis (customers, sites, percentages) stay far below this; floats stay exact
MAX_NUMBER = 10**15
_LOOSE_TIME = re.compile(r"^(?P<h>[01]?[0-9]|2[0-3])\s*[:hH]\s*(?P<m>[0-5][0-9])?$")


@dataclass(frozen=True)
class LocalTime:
    """Where and when a person types a date-time: ``03:17`` means the last 03:17 before now,
    in the organisation's time zone; ``T+3h`` means three hours after ``anchor`` (the
    incident's activation), so an answers file replayed any day says that day's times."""

    zone: ZoneInfo
    now: datetime
    anchor: datetime | None = None


_RELATIVE = re.compile(r"^\s*[Tt]\s*(?P<sign>[+-])\s*(?P<span>\S.*)$")
RELATIVE_TYPES = frozenset(("time", "date", "datetime"))


def relative_moment(value: Any, local: LocalTime | None) -> datetime | None:
    """``T+3h``, ``T-10m``, ``T+2d``: that long after (or before) the anchor; None for any
    other value. Raises ValueError for a relative time without an anchor to count from."""
    if not isinstance(value, str):
        return None
    match = _RELATIVE.match(value)
    if match is None:
        return None
    if local is None or local.anchor is None:
        raise ValueError(f"{value!r} counts from the activation: give it once the incident is on")
    span = Duration.parse(match["span"])
    moment = local.anchor + span if match["sign"] == "+" else local.anchor - span
    return moment.astimezone(local.zone)


def coerce(fact: Fact, value: Any, local: LocalTime | None = None) -> FactValue:
    """``value`` (typed, or text as a person typed it) in the canonical form of ``fact``.

    A date-time without its offset needs ``local`` (the organisation's zone and the time now).
    Raises ``ValueError`` with a short reason a person can act on.
    """
    if fact.type in RELATIVE_TYPES:
        moment = relative_moment(value, local)
        if moment is not None:
            value = _at_type(fact.type, moment)
    if fact.type == "datetime":
        return parse_datetime(value, local)
    parse = _PARSERS[fact.type]
    result = parse(fact, value)
    _check_bounds(fact, result)
    return result


def parse_assignment(text: str) -> tuple[str, str]:
    """``region=Bretagne`` -> ``("region", "Bretagne")``."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise ValueError(f"{text!r} is not KEY=VALUE")
    return key.strip(), value.strip()


def _text(_fact: Fact, value: Any) -> FactValue:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("expected a text")
    text = str(value).strip()
    hidden = first_hidden(text)
    if hidden is not None:
        raise ValueError(
            f"the text holds {describe_char(hidden[1])} at character {hidden[0] + 1}: control, "
            "bidi, zero-width and tag characters are refused, as they hide or disguise what "
            "the published message says"
        )
    return text


def _number(_fact: Fact, value: Any) -> FactValue:
    if isinstance(value, bool):
        raise ValueError("expected a number")
    if isinstance(value, str):
        cleaned = value.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        cleaned = cleaned.rstrip("%").replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError:
            raise ValueError(f"{value!r} is not a number") from None
    if not isinstance(value, int | float):
        raise ValueError("expected a number")
    if isinstance(value, float) and math.isnan(value):
        raise ValueError("expected a number")
    if abs(value) > MAX_NUMBER:  # infinity too
        raise ValueError(f"not a finite number up to {MAX_NUMBER:.0e} (the most a fact holds)")
    return int(value) if float(value).is_integer() else float(value)


def _choice(fact: Fact, value: Any) -> FactValue:
    ids = fact.choice_ids()
    text = str(value).strip() if not isinstance(value, bool) else ""
    if text in ids:
        return text
    by_label = _choice_by_label(fact, text)
    if by_label:
        return by_label
    raise ValueError(f"{value!r} is not one of {', '.join(ids)}")


def _choice_by_label(fact: Fact, text: str) -> str | None:
    lowered = text.casefold()
    for choice in fact.choices:
        if any(label.casefold() == lowered for label in choice.label.values()):
            return choice.id
    return None


def _multi_choice(fact: Fact, value: Any) -> FactValue:
    if isinstance(value, str):
        items: list[Any] = [v for v in re.split(r"[,;]", value) if v.strip()]
    elif isinstance(value, list):
        items = value
    else:
        raise ValueError("expected a list of choices")
    chosen = {str(_choice(fact, item)) for item in items}
    return [c for c in fact.choice_ids() if c in chosen]


def _at_type(fact_type: str, moment: datetime) -> Any:
    """A local moment as a person would type it for a fact of ``fact_type``."""
    if fact_type == "time":
        return moment.strftime("%H:%M")
    if fact_type == "date":
        return moment.date().isoformat()
    return moment


def _time(_fact: Fact, value: Any) -> FactValue:
    return parse_clock(value)


_FRENCH_DAY = re.compile(r"^(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})$")


def _date(_fact: Fact, value: Any) -> FactValue:
    """A day of the calendar: ``2026-03-16`` or ``16/03/2026`` (a real day: no 31 April);
    empty for a day not fixed yet (the refund date before billing schedules it)."""
    if isinstance(value, datetime):
        raise ValueError("expected a day (YYYY-MM-DD), not a date and time")
    if isinstance(value, date):  # YAML reads an unquoted 2026-03-16 as a date
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError("expected a day (YYYY-MM-DD)")
    text = value.strip()
    if not text:
        return ""
    french = _FRENCH_DAY.match(text)
    if french:
        text = f"{french['y']}-{int(french['m']):02d}-{int(french['d']):02d}"
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a day of the calendar (YYYY-MM-DD)") from None


def parse_clock(value: Any) -> str:
    """``14:30``, ``14h30``, ``9h`` -> ``"14:30"``, ``"09:00"``."""
    if not isinstance(value, str):
        raise ValueError("expected a time of day like 14:30")
    match = _LOOSE_TIME.match(value.strip())
    if not match:
        raise ValueError(f"{value!r} is not a time of day (write 14:30)")
    text = f"{int(match['h']):02d}:{match['m'] or '00'}"
    if not re.fullmatch(CLOCK_PATTERN, text):
        raise ValueError(f"{value!r} is not a time of day (write 14:30)")
    return text


_DAY_FIRST = re.compile(r"^(?P<d>\d{1,2})/(?P<mo>\d{1,2})(?:/(?P<y>\d{4}))?$")
_YESTERDAY = frozenset({"hier", "yesterday"})
_TODAY = frozenset({"aujourd'hui", "aujourd\u2019hui", "today"})
DATETIME_HINT = "write 2026-12-01 03:17, 01/12 03:17, hier 03:17 or 03:17"


def parse_datetime(value: Any, local: LocalTime | None) -> str:
    """A day and a time, canonical: ISO 8601 with the offset of the organisation's zone."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value.strip():
        moment = _moment(value.strip(), local)
    else:
        raise ValueError(f"expected a day and a time ({DATETIME_HINT})")
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone ({DATETIME_HINT})")
    if local is not None:
        moment = moment.astimezone(local.zone)
    return moment.isoformat(timespec="seconds")


def _moment(text: str, local: LocalTime | None) -> datetime:
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        found = None
    if found is not None and (found.tzinfo is not None or local is not None):
        return found if found.tzinfo else found.replace(tzinfo=local.zone if local else None)
    if local is None:
        raise ValueError(f"{text!r} needs its offset here, as in 2026-12-01T03:17:00+01:00")
    day_part, _, clock_part = text.rpartition(" ")
    try:
        clock = parse_clock(clock_part)
    except ValueError:
        raise ValueError(f"{text!r} is not a day and a time ({DATETIME_HINT})") from None
    hour, minute = (int(x) for x in clock.split(":"))
    now = local.now.astimezone(local.zone)
    day = _day(day_part.strip().casefold(), now)
    if day is None:
        raise ValueError(f"{text!r} is not a day and a time ({DATETIME_HINT})")
    moment = datetime(day.year, day.month, day.day, hour % 24, minute, tzinfo=local.zone)
    if not day_part.strip() and moment > now:
        moment -= timedelta(days=1)  # a bare time is the last one before now
    return moment


def _day(text: str, now: datetime) -> datetime | None:
    if not text or text in _TODAY:
        return now
    if text in _YESTERDAY:
        return now - timedelta(days=1)
    match = _DAY_FIRST.fullmatch(text)
    try:
        if match is not None:
            year = int(match["y"]) if match["y"] else now.year
            return now.replace(year=year, month=int(match["mo"]), day=int(match["d"]))
        return datetime.fromisoformat(text).replace(tzinfo=now.tzinfo)
    except ValueError:
        return None


def fact_moment(value: Any) -> datetime | None:
    """A date-time fact's value as an aware datetime (None when unset or not one)."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _duration(_fact: Fact, value: Any) -> FactValue:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return Duration.from_yaml(value.strip() if isinstance(value, str) else value).minutes


def _boolean(_fact: Fact, value: Any) -> FactValue:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{value!r} is not yes or no")


_PARSERS = {
    "text": _text,
    "number": _number,
    "choice": _choice,
    "multi-choice": _multi_choice,
    "time": _time,
    "date": _date,
    "duration": _duration,
    "boolean": _boolean,
}


def _check_bounds(fact: Fact, value: FactValue) -> None:
    if fact.type == "number" and isinstance(value, int | float):
        if fact.min is not None and value < fact.min:
            raise ValueError(f"{value} is below the minimum {fact.min:g}")
        if fact.max is not None and value > fact.max:
            raise ValueError(f"{value} is above the maximum {fact.max:g}")
    if fact.type == "text" and isinstance(value, str):
        if fact.max_length is not None and len(value) > fact.max_length:
            raise ValueError(f"longer than {fact.max_length} characters")
        if fact.pattern is not None and not fact_patterns.matches(fact.pattern, value):
            raise ValueError(f"{value!r} does not match the expected form {fact.pattern}")
        if fact.required and not value:
            raise ValueError("an answer is required")


def coerce_all(
    facts: Mapping[str, Fact], values: Mapping[str, Any], local: LocalTime | None = None
) -> dict[str, FactValue]:
    """Coerce several values at once; raises ``ValueError`` naming the first bad fact."""
    out: dict[str, FactValue] = {}
    for key, raw in values.items():
        fact = facts.get(key)
        if fact is None:
            raise ValueError(f"unknown fact {key!r}{did_you_mean(key, facts)}")
        try:
            out[key] = coerce(fact, raw, local)
        except ValueError as exc:
            raise ValueError(f"fact {key!r}: {exc}") from None
    return out
