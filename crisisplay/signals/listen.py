"""Listening as a command sees it: a kind's readings from its file, and what an add changed."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from crisisplay.playbook.model import Organisation, SignalColumns
from crisisplay.signals import KINDS, per_kind
from crisisplay.signals.levels import Hours, Reading, crossings, readings
from crisisplay.signals.rows import TIME, Row, parse_stored
from crisisplay.signals.store import Added, add_rows, read_rows, signal_path


def columns_of(org: Organisation, kind: str) -> SignalColumns:
    return per_kind(org.listening.columns, kind) or SignalColumns()


def zone_of(org: Organisation) -> ZoneInfo:
    return ZoneInfo(org.timezone)


def kind_readings(folder: Path, kind: str, org: Organisation) -> list[Reading]:
    """Every hour of ``kind`` in the home's signal file, against its usual level."""
    return readings(kind, read_rows(signal_path(folder, kind)), org.listening, zone_of(org))


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """A million rows made at once: the cycle collector, which would walk them again and again
    while they are made (none of them is part of a cycle), waits until they are."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def add_and_read(
    folder: Path, kind: str, rows: list[Row], org: Organisation
) -> tuple[Added, list[Reading]]:
    """Add ``rows`` to the kind's file, and every hour of the file afterwards, read in the
    same pass."""
    hours = Hours(org.listening)
    added = add_rows(folder, kind, rows, hours.add)
    return added, readings(kind, hours, org.listening, zone_of(org))


def all_readings(folder: Path, org: Organisation, kinds: tuple[str, ...] = KINDS) -> list[Reading]:
    found: list[Reading] = []
    for kind in kinds:
        found += kind_readings(folder, kind, org)
    return sorted(found, key=lambda r: (r.time, KINDS.index(r.kind)))


@dataclass(frozen=True)
class Change:
    """What rows added to a signal did: the crossings in the hours they touched, the latest."""

    crossings: tuple[tuple[str, Reading], ...]
    latest: Reading | None


def change_of(found: list[Reading], rows: list[Row]) -> Change:
    if not found:
        return Change((), None)
    if not rows:
        return Change((), found[-1])
    first = parse_stored(min(row[TIME] for row in rows)).replace(minute=0, second=0)
    touched = [(before, r) for before, r in crossings(found) if r.time >= first]
    return Change(tuple(touched), found[-1])


def hour_label(moment: datetime, org: Organisation) -> str:
    return moment.astimezone(zone_of(org)).strftime("%Y-%m-%d %H:%M")
