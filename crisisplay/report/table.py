"""The report's tables as plain data, written once and shown by both Markdown and HTML.

Cells hold raw text from the timeline; each output escapes it (Markdown's active characters,
HTML autoescape). A cell's ``tone`` (ok, late) only adds colour: its text already says it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from crisisplay.report.document import Report
from crisisplay.report.lazy import Lazy, mapped
from crisisplay.report.words import DASH, Reading


class Cell(NamedTuple):
    """One cell's text and tone (a tuple: a long table makes them by the hundred thousand)."""

    text: str
    tone: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    headers: tuple[str, ...]
    #: made as they are written when there are many (see ``crisisplay.report.lazy``)
    rows: Sequence[tuple[Cell, ...]]
    #: shown instead of an empty table
    empty: str = DASH


class Times:
    """Local clock times with the time since activation (the day shows when the report spans
    several days)."""

    def __init__(self, report: Report) -> None:
        self.reading = report.reading
        self.start = report.kpis.incident.activated_at

    def at(self, moment: datetime | None) -> Cell:
        if moment is None:
            return Cell(DASH)
        w = self.reading
        return Cell(f"{w.clock(moment)} ({w.since(moment, self.start)})")


def rows_of(items: Sequence[Sequence[Cell | str]]) -> Sequence[tuple[Cell, ...]]:
    if isinstance(items, Lazy):
        return items.then(_cells)
    return mapped(items, _cells)


def _cells(row: Sequence[Cell | str]) -> tuple[Cell, ...]:
    return tuple([c if isinstance(c, Cell) else Cell(c) for c in row])


def verdict(ok: bool, text: str) -> Cell:
    return Cell(text, "ok" if ok else "late")


def catalogued(
    w: Reading,
    section_id: str,
    key: str,
    rows: Sequence[tuple[Cell | str, ...]],
    intro: str | None = None,
) -> Section:
    """A section whose title, intro, headers and empty text are the catalogue's ``key``."""
    headers = tuple(w(f"{key}.headers").split(" | "))
    return Section(
        section_id,
        w(f"{key}.title"),
        w(f"{key}.intro") if intro is None else intro,
        headers,
        rows_of(rows),
        w(f"{key}.empty"),
    )
