"""The report's tables as plain data, written once and shown by both Markdown and HTML.

Cells hold raw text from the timeline; each output escapes it (Markdown's active characters,
HTML autoescape). A cell's ``tone`` (ok, late) only adds colour: its text already says it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crisisplay.report import fmt
from crisisplay.report.document import Report


@dataclass(frozen=True)
class Cell:
    text: str
    tone: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: shown instead of an empty table
    empty: str = "None."


class Times:
    """Clock times relative to activation (the day offset shows when a time is on a later day)."""

    def __init__(self, report: Report) -> None:
        self.start = report.kpis.incident.activated_at

    def at(self, moment: datetime | None) -> Cell:
        if moment is None:
            return Cell(fmt.DASH)
        return Cell(f"{fmt.clock(moment, self.start)} ({fmt.since(moment, self.start)})")


def rows_of(items: Sequence[Sequence[Cell | str]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(c if isinstance(c, Cell) else Cell(c) for c in row) for row in items)


def verdict(ok: bool, text: str) -> Cell:
    return Cell(text, "ok" if ok else "late")
