"""Each hour of a signal against its usual level, and the level it reaches.

The usual level of an hour is the mean of the same hour of the same weekday (local time) in the
signal's own past weeks; before the signal has any, the organisation's usual volume. The level
comes from the ratio to it, counted only above a floor (three mentions at night are not a
crisis), and is raised by an author with a large audience taking up the subject and by words
such as "boycott".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from itertools import compress
from operator import itemgetter

from crisisplay.playbook.model import Listening
from crisisplay.signals import LEVELS, per_kind
from crisisplay.signals.rows import AUDIENCE, AUTHOR, COUNT, TEXT, TIME, Row

HOUR = timedelta(hours=1)
_TIME_OF = itemgetter(TIME)
_TEXT_OF = itemgetter(TEXT)
_HOUR_KEY = itemgetter(slice(0, 13))
WEEK = timedelta(weeks=1)


@dataclass
class Hour:
    """What one hour of one signal holds."""

    start: datetime
    count: int = 0
    #: authors over the influencer audience, with their audience
    influencers: dict[str, int] = field(default_factory=dict)
    #: the watched words used, and how often
    words: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Reading:
    """One hour of one signal against its usual level: a row of `signals show`."""

    time: datetime
    kind: str
    count: int
    baseline: float | None
    ratio: float | None
    level: str
    #: why, as (trigger, detail): ("ratio", "4.1"), ("influencer", "@x 250000"), ("words", ...)
    reasons: tuple[tuple[str, str], ...] = ()
    #: fewer than the floor: the ratio does not count
    below_floor: bool = False


def level_rank(level: str) -> int:
    return LEVELS.index(level)


class Hours:
    """Rows summed per hour as they are read (keyed by the stored time's first 13 characters,
    the UTC hour). A count given again for the same time replaces the earlier one (a corrected
    export)."""

    def __init__(self, settings: Listening) -> None:
        self.words = _words_pattern(settings.words)
        self.threshold = settings.influencer_audience
        self.digits = len(str(self.threshold))
        self.counts: dict[str, int] = {}
        self.mentions: Counter[str] = Counter()
        self.influencers: dict[str, dict[str, int]] = {}
        self.used: dict[str, Counter[str]] = {}

    def add(self, rows: list[Row]) -> None:
        """Sum ``rows`` in, column by column (a million mentions stay cheap)."""
        counted = [row for row in rows if row[COUNT]]
        for row in counted:
            self.counts[row[TIME]] = int(row[COUNT])
        mentions = [row for row in rows if not row[COUNT]] if counted else rows
        self.mentions.update(map(_HOUR_KEY, map(_TIME_OF, mentions)))
        digits, threshold = self.digits, self.threshold
        for row in (row for row in mentions if len(row[AUDIENCE]) >= digits):
            if int(row[AUDIENCE]) >= threshold:
                found = self.influencers.setdefault(row[TIME][:13], {})
                found[row[AUTHOR]] = int(row[AUDIENCE])
        words = self.words
        if words is None:
            return
        for row in compress(mentions, map(words.search, map(_TEXT_OF, mentions))):
            used = self.used.setdefault(row[TIME][:13], Counter())
            used.update(found.lower() for found in words.findall(row[TEXT]))

    def by_hour(self) -> dict[str, Hour]:
        hours = {key: Hour(_hour_start(key), count) for key, count in self.mentions.items()}
        for time, count in self.counts.items():
            key = time[:13]
            hour = hours.get(key)
            if hour is None:
                hour = hours[key] = Hour(_hour_start(key))
            hour.count += count
        for key, found in self.influencers.items():
            hours[key].influencers = found
        for key, used in self.used.items():
            hours[key].words = used
        return hours


def hours_of(rows: Iterable[Row], settings: Listening) -> dict[str, Hour]:
    """The rows summed per hour (see :class:`Hours`)."""
    hours = Hours(settings)
    hours.add(list(rows))
    return hours.by_hour()


def readings(
    kind: str, rows: Iterable[Row] | Hours, settings: Listening, zone: tzinfo
) -> list[Reading]:
    """Every hour from the signal's first to its last, against its usual level."""
    hours = rows.by_hour() if isinstance(rows, Hours) else hours_of(rows, settings)
    if not hours:
        return []
    first = min(hour.start for hour in hours.values())
    last = max(hour.start for hour in hours.values())
    out = []
    moment = first
    while moment <= last:
        hour = hours.get(_key(moment)) or Hour(moment)
        base = baseline(moment, hours, first, settings.weeks, zone)
        if base is None:
            base = per_kind(settings.usual, kind)
        out.append(assess(kind, hour, base, settings))
        moment += HOUR
    return out


def baseline(
    moment: datetime, hours: dict[str, Hour], first: datetime, weeks: int, zone: tzinfo
) -> float | None:
    """The mean of the same local hour of the same weekday over the past ``weeks`` weeks the
    signal covers; None when it covers none."""
    wall = moment.astimezone(zone).replace(tzinfo=None)
    seen = []
    for back in range(1, weeks + 1):
        earlier = (wall - back * WEEK).replace(tzinfo=zone).astimezone(timezone.utc)
        if earlier < first:
            break
        found = hours.get(_key(earlier))
        seen.append(found.count if found else 0)
    return sum(seen) / len(seen) if seen else None


def assess(kind: str, hour: Hour, base: float | None, settings: Listening) -> Reading:
    """The level one hour reaches, with its reasons."""
    floor = per_kind(settings.floors, kind) or 0
    ratio = hour.count / base if base else None
    level = "veille"
    reasons: list[tuple[str, str]] = []
    below = hour.count < floor
    if ratio is not None and not below:
        for name in ("crise", "alerte", "vigilance"):
            if ratio >= getattr(settings.levels, name):
                level = name
                reasons.append(("ratio", f"{ratio:.2f}"))
                break
    if hour.influencers:
        level = _higher(level, settings.influencer_level)
        top = sorted(hour.influencers.items(), key=lambda item: -item[1])[:3]
        reasons += [("influencer", f"{author} ({audience})") for author, audience in top]
    if hour.words:
        level = _higher(level, settings.words_level)
        reasons.append(("words", ", ".join(sorted(hour.words))))
    return Reading(
        hour.start,
        kind,
        hour.count,
        round(base, 1) if base is not None else None,
        round(ratio, 2) if ratio is not None else None,
        level,
        tuple(reasons),
        below,
    )


def crossings(found: Sequence[Reading], start: str = "veille") -> list[tuple[str, Reading]]:
    """Each reading whose level differs from the one before it, with that one's level."""
    out = []
    previous = start
    for reading in found:
        if reading.level != previous:
            out.append((previous, reading))
            previous = reading.level
    return out


def _higher(level: str, other: str) -> str:
    return other if level_rank(other) > level_rank(level) else level


def _words_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _key(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H")


def _hour_start(key: str) -> datetime:
    return datetime.fromisoformat(key + ":00:00+00:00")
