"""Roster coverage: the hours of the week when nobody can validate a gate of a public message.

A public message waits on its gates; a gate waits on the person holding its validating role.
When neither that role's primary nor any backup is on duty, a message cannot go out at all
(the known failure: a storm on the one Sunday the only community manager is off). These are
warnings, not errors: an organisation may accept a gap, but it should know it is there.
"""

from __future__ import annotations

from collections.abc import Iterator

from crisisplay.errors import Problem
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Organisation, Window
from crisisplay.roster import WEEKDAYS

DAY = 24 * 60
WEEK = 7 * DAY
_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def roster_gaps(playbook: Playbook) -> list[Problem]:
    """One warning per uncovered window of each role that validates a public message's gate."""
    org, doc = playbook.organisation, playbook.organisation_doc
    warnings: list[Problem] = []
    for role, gates in sorted(_validating_roles(playbook).items()):
        if role not in org.roster:
            continue
        for start, end in uncovered(org, role):
            message = f"{role}: nobody on duty {describe(start, end)}"
            validates = f" (validates {', '.join(sorted(gates))})"
            warnings.append(
                doc.problem(("roster", role), message + validates, key=True, level="warning")
            )
    return warnings


def _validating_roles(playbook: Playbook) -> dict[str, set[str]]:
    """Role -> the ids of the gates it validates that hold a public message back."""
    roles: dict[str, set[str]] = {}
    for scenario in playbook.scenarios.values():
        validators = {gate.id: gate.validator for gate in scenario.gates}
        for message in scenario.messages:
            if not message.is_public:
                continue
            for gate in message.gates:
                if gate in validators:
                    roles.setdefault(validators[gate], set()).add(gate)
    return roles


def uncovered(org: Organisation, role: str) -> list[tuple[int, int]]:
    """The windows ``[start, end)`` of the week (minutes from Monday 00:00, ``end`` may pass
    the end of the week) when no holder of ``role`` is on duty."""
    duty = org.roster[role]
    on_duty = bytearray(WEEK)
    for person_id in (duty.primary, *duty.backups):
        person = org.person(person_id)
        for window in person.availability if person is not None else ():
            for start, end in _minutes(window):
                on_duty[start:end] = b"\x01" * (end - start)
    return _runs_of_zeros(on_duty)


def _minutes(window: Window) -> Iterator[tuple[int, int]]:
    start, end = _clock(window.start), _clock(window.end)
    for day in window.days:
        base = WEEKDAYS.index(day) * DAY
        if start <= end:
            yield base + start, base + end
        else:  # past midnight: into the next day, Sunday night into Monday morning
            yield base + start, base + DAY
            morning = (base + DAY) % WEEK
            yield morning, morning + end


def _clock(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _runs_of_zeros(on_duty: bytearray) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    minute = 0
    while minute < WEEK:
        if on_duty[minute]:
            minute += 1
            continue
        start = minute
        while minute < WEEK and not on_duty[minute]:
            minute += 1
        runs.append((start, minute))
    # A gap over Sunday midnight is one gap, from Sunday evening to Monday morning.
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][1] == WEEK:
        first = runs.pop(0)
        runs[-1] = (runs[-1][0], WEEK + first[1])
    return runs


def describe(start: int, end: int) -> str:
    """``Sat 00:00-Mon 08:00``; ``Tue 19:00-20:00`` within one day; ``all week``."""
    if end - start >= WEEK:
        return "all week"
    last = end - 1  # the window's last minute says which day it ends on
    same_day = start // DAY == last // DAY
    ending = _at(end) if not same_day else _at(end).split(" ")[1]
    if same_day and end % DAY == 0:
        ending = "24:00"
    return f"{_at(start)}-{ending}"


def _at(minute: int) -> str:
    minute %= WEEK
    day, rest = divmod(minute, DAY)
    return f"{_NAMES[day]} {rest // 60:02d}:{rest % 60:02d}"
