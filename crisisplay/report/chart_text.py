"""The chart's words never overlap: each label's box is estimated and a label that would cover
one already placed moves to its next place, else keeps only its hover title.

Widths are estimated on the generous side (the widest glyphs of the page's sans-serif at the
label's size), so that the boxes a browser draws are inside the boxes checked here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from crisisplay.report.chart_model import Label

#: font size (px) and width of an average glyph per size, by label class (see report.css)
_SIZES = {"tick": 10.0, "inject-number": 10.0, "skipped": 10.0, "late-label": 10.0, "count": 9.0}
_BOLD = ("phase-label", "group-label", "moment-label", "severity", "inject-number", "late-label")
GLYPH = 0.6
BOLD_GLYPH = 0.66


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, other: Box) -> bool:
        return not (
            self.x1 <= other.x0 or other.x1 <= self.x0 or self.y1 <= other.y0 or other.y1 <= self.y0
        )


def size_of(label: Label) -> float:
    first = label.css.split()[0] if label.css else ""
    return _SIZES.get(first, 11.0)


def text_width(text: str, css: str, size: float) -> float:
    first = css.split(maxsplit=1)[0] if css else ""
    glyph = BOLD_GLYPH if first in _BOLD else GLYPH
    if first == "group-label":
        glyph += 0.1  # upper case, letter-spaced
    return len(text) * size * glyph


def box_of(label: Label) -> Box:
    size = size_of(label)
    width = text_width(label.text, label.css, size)
    if label.anchor == "middle":
        x0 = label.x - width / 2
    elif label.anchor == "end":
        x0 = label.x - width
    else:
        x0 = label.x
    return Box(x0 - 1, label.y - size * 0.9, x0 + width + 1, label.y + size * 0.25)


def fit(text: str, css: str, size: float, room: float) -> str:
    """``text``, or its start and an ellipsis, in ``room`` units wide ("" when nothing fits)."""
    if text_width(text, css, size) <= room:
        return text
    chars = int(room / text_width("m", css, size)) - 1
    return text[:chars].rstrip() + "…" if chars >= 2 else ""


def declutter(labels: Sequence[Label], moves: Mapping[int, Sequence[float]]) -> list[Label]:
    """``labels`` with none covering another: the i-th may move down to ``moves[i]`` (other
    baselines), else it is left out of the drawing (its mark's title still says it)."""
    placed: list[Box] = []
    kept: list[Label] = []
    for index, label in enumerate(labels):
        for y in (label.y, *moves.get(index, ())):
            candidate = replace(label, y=y)
            box = box_of(candidate)
            if not any(box.meets(other) for other in placed):
                placed.append(box)
                kept.append(candidate)
                break
    return kept
