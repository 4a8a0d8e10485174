"""Times as the cell reads them: in the organisation's time zone, the zone named once.

Events stay in UTC on disk; every time a person reads or types is local. A time shows its day
when the moments shown together fall on more than one local day (an incident across midnight,
a promise due tomorrow), so "00:15" is never ambiguous. Day and month names come from Babel
(imported only when a day is shown); the zone comes from zoneinfo, with the tzdata package
where the system has no zone database.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from crisisplay.texts import interface_lang, t

_VOWELS = frozenset("AEIOUYÉÈÊÀÂÎÔ")


@functools.cache
def zone_of(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@dataclass(frozen=True)
class LocalTimes:
    """How one screen or document writes times: its zone, its language, with days or not."""

    zone: ZoneInfo
    lang: str
    with_day: bool = False

    @classmethod
    def spanning(
        cls, zone: str, lang: str | None, moments: Iterable[datetime | None]
    ) -> LocalTimes:
        """Times of ``moments`` read together: with their day if they cover several days."""
        plain = cls(zone_of(zone), interface_lang(lang))
        days = {plain.local(m).date() for m in moments if m is not None}
        return cls(plain.zone, plain.lang, len(days) > 1)

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.zone)

    def clock(self, at: datetime) -> str:
        """``07:40``, or ``lun. 23 nov. 07:40`` when the day is shown."""
        local = at.astimezone(self.zone)
        hours = f"{local.hour:02d}:{local.minute:02d}"
        return f"{_short_day(local.date(), self.lang)} {hours}" if self.with_day else hours

    def clock_seconds(self, at: datetime) -> str:
        local = self.local(at)
        return f"{self.day(local)} {local:%H:%M:%S}" if self.with_day else f"{local:%H:%M:%S}"

    def day(self, at: datetime) -> str:
        """``lun. 23 nov.`` / ``Mon 23 Nov``."""
        return _short_day(self.local(at).date(), self.lang)

    def long_day(self, at: datetime) -> str:
        """``lundi 23 novembre 2026`` / ``Monday 23 November 2026``."""
        from babel.dates import format_date  # noqa: PLC0415

        return format_date(self.local(at), "EEEE d MMMM y", locale=self.lang)

    def stamp(self, at: datetime) -> str:
        """The day and the time, whatever ``with_day`` says: ``lundi 23 novembre 2026, 07:40``."""
        return t("time.stamp", self.lang, day=self.long_day(at), time=f"{self.local(at):%H:%M}")

    @property
    def zone_label(self) -> str:
        """``heure de Paris`` / ``Paris time``: said once per screen or document."""
        return zone_label(self.zone, self.lang)


@functools.lru_cache(maxsize=1024)
def _short_day(day: date, lang: str) -> str:
    """A day's short name: a report writes the same few days by the hundred thousand."""
    from babel.dates import format_date  # noqa: PLC0415

    return format_date(day, "EEE d MMM", locale=lang)


def zone_label(zone: ZoneInfo, lang: str) -> str:
    if zone.key in ("UTC", "Etc/UTC", "Etc/Universal", "Universal", "Zulu"):
        return t("time.utc", lang)
    city = zone.key.rsplit("/", 1)[-1].replace("_", " ")
    if "/" in zone.key:
        from babel.dates import get_timezone_location  # noqa: PLC0415

        city = get_timezone_location(zone, locale=lang, return_city=True)
    key = "time.zone_elided" if city[:1].upper() in _VOWELS else "time.zone"
    return t(key, lang, city=city)
