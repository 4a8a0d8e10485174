"""Selecting events (filters shared by `timeline show` and `timeline export`) and exporting them
as Markdown, CSV or JSON, each safe to open: no terminal escapes, no spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

from crisisplay.errors import UsageError
from crisisplay.texts import t
from crisisplay.textsafe import json_text, neutralise_csv_cell, sanitize
from crisisplay.timeline.events import Event, format_time

if TYPE_CHECKING:
    from crisisplay.localtime import LocalTimes

FORMATS = ("md", "csv", "json")
COLUMNS = ("#", "time (UTC)", "kind", "actor", "role", "details")
CSV_HEADER = ("seq", "time", "incident", "kind", "actor", "role", "details", "hash")

_CLOCK_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)\Z", re.ASCII)
# Escaped so a note cannot become a link, an image, HTML or an extra table column once rendered.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>|&~])")


@dataclass(frozen=True)
class EventFilter:
    """Events whose kind starts with one of ``kinds`` (all when empty), by ``actor``, between
    ``since`` and ``until`` (both inclusive, as event time strings, which sort like times)."""

    kinds: tuple[str, ...] = ()
    actor: str | None = None
    since: str | None = None
    until: str | None = None

    def matches(self, event: Event) -> bool:
        return (
            (not self.kinds or event.kind.startswith(self.kinds))
            and (self.actor is None or event.actor.casefold() == self.actor.casefold())
            and (self.since is None or event.time >= self.since)
            and (self.until is None or event.time <= self.until)
        )


def make_filter(
    kinds: Sequence[str],
    actor: str | None,
    since: str | None,
    until: str | None,
    events: Sequence[Event],
    zone: tzinfo = timezone.utc,
) -> EventFilter:
    """The filter the options ask for; HH:MM is local time in ``zone``, read against the
    timeline's last event."""
    reference = events[-1].at if events else datetime(1970, 1, 1, tzinfo=timezone.utc)
    return EventFilter(
        tuple(kinds),
        actor,
        format_time(parse_bound(since, reference, "--since", zone)) if since else None,
        format_time(parse_bound(until, reference, "--until", zone)) if until else None,
    )


def parse_bound(
    text: str, reference: datetime, option: str, zone: tzinfo = timezone.utc
) -> datetime:
    """An ISO time (local time in ``zone`` when no offset is given), or HH:MM in ``zone``
    meaning the latest such moment at or before ``reference`` (an incident may run past
    midnight, and a clock time keeps its meaning across a change of summer time)."""
    clock = _CLOCK_TIME.match(text.strip())
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        local = reference.astimezone(zone)
        moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if moment > local:
            day = moment.date() - timedelta(days=1)
            moment = datetime.combine(day, moment.timetz().replace(tzinfo=None), zone)
        return moment.astimezone(timezone.utc)
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
        if not 1970 <= moment.year <= 2999:
            raise ValueError(moment.year)
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is neither an ISO time nor HH:MM",
            hint="for example 2026-11-23T15:10Z or 15:10 (local time), from 1970 to 2999",
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def select(events: Iterable[Event], chosen: EventFilter) -> list[Event]:
    return [event for event in events if chosen.matches(event)]


def details(event: Event) -> str:
    """What a person reads of the payload: the text of a note or decision, else its JSON."""
    payload = event.payload
    if list(payload) == ["text"] and isinstance(payload["text"], str):
        return payload["text"]
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def table_rows(
    events: Iterable[Event], *, compact_time: bool = False, times: LocalTimes | None = None
) -> list[list[str]]:
    """Rows under COLUMNS, raw (each output sanitises or escapes them its own way).
    ``compact_time`` drops the year and milliseconds, for a table on an 80-column terminal;
    ``times`` writes each time in the organisation's zone instead of UTC."""
    rows = []
    for e in events:
        if times is not None:
            shown = times.clock_seconds(e.at)
        else:
            shown = _compact(e.time) if compact_time else e.time
        rows.append([str(e.seq), shown, e.kind, actor(e), e.role or "", details(e)])
    return rows


def columns(times: LocalTimes | None) -> tuple[str, ...]:
    """The table's headers in the reader's language, the time's zone named."""
    if times is None:
        return COLUMNS

    return tuple(t("timeline.columns", times.lang, zone=times.zone_label).split(" | "))


def actor(event: Event) -> str:
    """The person named, and whose key recorded it when that is someone else."""
    if event.by is None or event.by == event.actor:
        return event.actor
    return f"{event.actor} (recorded by {event.by})"


def _compact(time: str) -> str:
    return f"{time[5:10]} {time[11:19]}"  # 2026-11-23T15:13:04.120Z -> 11-23 15:13:04


def export(events: Sequence[Event], fmt: str, times: LocalTimes | None = None) -> str:
    if fmt == "md":
        return to_markdown(events, times)
    if fmt == "csv":
        return to_csv(events)
    if fmt == "json":
        return to_json(events)
    raise UsageError(f"unknown export format {fmt!r} (choose one of {', '.join(FORMATS)})")


def to_markdown(events: Sequence[Event], times: LocalTimes | None = None) -> str:
    headers = columns(times)
    lines = [_md_row(headers), _md_row(["---"] * len(headers), escape=False)]
    lines += [_md_row(row) for row in table_rows(events, times=times)]
    return "\n".join(lines) + "\n"


def _md_row(cells: Sequence[str], *, escape: bool = True) -> str:
    return "| " + " | ".join(_md_cell(c) if escape else c for c in cells) + " |"


def _md_cell(text: str) -> str:
    text = _MARKDOWN_ACTIVE.sub(r"\\\1", sanitize(text))
    return text.replace("\n", "<br>")


def to_csv(events: Sequence[Event]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for e in events:
        row = (e.seq, e.time, e.incident, e.kind, actor(e), e.role or "", details(e), e.hash)
        writer.writerow([_csv_cell(str(cell)) for cell in row])
    return out.getvalue()


def _csv_cell(text: str) -> str:
    # Neutralise first, so a leading tab or CR still earns its apostrophe before sanitising.
    return sanitize(neutralise_csv_cell(text))


def to_json(events: Sequence[Event]) -> str:
    return json_text([e.as_json() for e in events])
