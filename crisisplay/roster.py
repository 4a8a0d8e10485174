"""Who is on duty now: the on-call roster read against availability windows.

Windows are in the organisation's time zone; a window whose end is before its start runs past
midnight (``20:00``-``08:00`` on a Friday covers Friday night into Saturday morning).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from crisisplay.playbook.model import Organisation, Person, Window

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Candidate:
    person: Person
    via: str  # primary | backup
    on_duty: bool


def _clock(text: str) -> time:
    if text == "24:00":
        return time.max
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_window(window: Window, local: datetime) -> bool:
    """Whether ``local`` (in the organisation's zone) falls inside ``window``."""
    start, end = _clock(window.start), _clock(window.end)
    day = WEEKDAYS[local.weekday()]
    yesterday = WEEKDAYS[(local.weekday() - 1) % 7]
    now = local.time()
    if start <= end:
        return day in window.days and start <= now < end
    # Past midnight: the evening part belongs to the listed day, the morning to the next.
    return (day in window.days and now >= start) or (yesterday in window.days and now < end)


def available(person: Person, moment: datetime, zone: ZoneInfo) -> bool:
    local = moment.astimezone(zone)
    return any(in_window(window, local) for window in person.availability)


def candidates(org: Organisation, role: str, moment: datetime) -> list[Candidate]:
    """The role's holders in call order (primary, then backups), each marked on duty or not."""
    duty = org.roster.get(role)
    if duty is None:
        return []
    zone = ZoneInfo(org.timezone)
    ordered = [(duty.primary, "primary")] + [(b, "backup") for b in duty.backups]
    out = []
    for person_id, via in ordered:
        person = org.person(person_id)
        if person is not None:
            out.append(Candidate(person, via, available(person, moment, zone)))
    return out


def on_duty(org: Organisation, role: str, moment: datetime) -> Candidate | None:
    """The first holder of ``role`` available at ``moment``, or ``None``: a roster gap."""
    return next((c for c in candidates(org, role, moment) if c.on_duty), None)
