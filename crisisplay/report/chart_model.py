"""The SVG timeline chart as positioned primitives; the template only draws them.

Geometry lives here (testable, no markup); ``templates/chart.svg.j2`` turns each primitive into
SVG with autoescaped text. Every mark has a shape as well as a colour, and a ``title`` that says
in words what it is, so the chart reads in black and white and with a screen reader.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

WIDTH = 960
LABEL_X = 8
PLOT_X0 = 190.0
PLOT_X1 = 940.0
ROW_H = 18
#: marks closer than this (in chart units) on one row are drawn as one, with a count
MERGE_WITHIN = 2.5
#: rows per group beyond which the rest are summarised in one line
MAX_ROWS = 40

SHAPES = (
    "circle",
    "square",
    "triangle",
    "diamond",
    "cross",
    "ring",
    "check",
    "flag",
    "bar",
    "deadline",
)


#: what a mark says, or how to say it: made only for the marks left once merged
Title = str | Callable[[], str]


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    shape: str
    css: str
    title: Title
    count: int = 1

    def said(self) -> Mark:
        """The mark with its title made."""
        title = self.title
        return self if isinstance(title, str) else dataclasses.replace(self, title=title())


@dataclass(frozen=True)
class Bar:
    x0: float
    x1: float
    y: float
    css: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    css: str = ""
    anchor: str = "start"
    title: str = ""


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    css: str
    title: str = ""


@dataclass(frozen=True)
class Band:
    x0: float
    x1: float
    css: str
    title: str


@dataclass(frozen=True)
class LegendItem:
    shape: str
    css: str
    text: str


@dataclass
class Chart:
    title: str
    desc: str
    height: float = 0.0
    plot_top: float = 0.0
    plot_bottom: float = 0.0
    bands: list[Band] = field(default_factory=list)
    #: drawn under everything else
    grid: list[Line] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    #: one mark per legend entry, placed below the axis (its title is the entry's text)
    legend: list[Mark] = field(default_factory=list)
    width: int = WIDTH
    plot_x0: float = PLOT_X0
    plot_x1: float = PLOT_X1


@dataclass(frozen=True)
class TimeScale:
    """Maps times between ``start`` and ``end`` onto the plot's width."""

    start: datetime
    end: datetime

    def x(self, moment: datetime) -> float:
        span = (self.end - self.start).total_seconds() or 1.0
        share = (moment - self.start).total_seconds() / span
        return round(PLOT_X0 + min(max(share, 0.0), 1.0) * (PLOT_X1 - PLOT_X0), 1)

    def inside(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end

    def ticks(self, origin: datetime) -> list[datetime]:
        """Tick times at a round step from ``origin`` (activation), about ten of them (some
        before ``origin`` when the chart starts earlier: the first alert)."""
        span_min = (self.end - self.start).total_seconds() / 60
        step = next((s for s in _TICK_STEPS if span_min / s <= 10), _TICK_STEPS[-1])
        before = int((origin - self.start).total_seconds() // 60 // step)
        after = int((self.end - origin).total_seconds() // 60 // step)
        return [origin + timedelta(minutes=step * i) for i in range(-before, after + 1)]


_TICK_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080)


def merge_marks(marks: Sequence[Mark]) -> list[Mark]:
    """Marks of one row that would overlap become one mark saying how many it stands for.

    A timeline of thousands of updates still gives a chart of a few hundred marks. The mark
    kept shows the worst of its cluster: a late one is never hidden behind an on-time one.
    """
    merged: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.y, m.x)):
        last = merged[-1] if merged else None
        if last is not None and last.y == mark.y and mark.x - last.x < MERGE_WITHIN:
            keep = mark if _worse(mark, last) else last
            total = last.count + mark.count
            merged[-1] = Mark(last.x, last.y, keep.shape, keep.css, keep.title, total)
        else:
            merged.append(mark)
    return merged


def _worse(a: Mark, b: Mark) -> bool:
    return "late" in a.css and "late" not in b.css
