"""The report as one self-contained HTML file: inline CSS, inline SVG chart, nothing to fetch.

Rendered by Jinja2 from the package's own template with autoescape on: every text that comes
from the timeline (facts, notes, actor names, reasons, comments) is escaped wherever it lands,
in the page or inside the SVG. A Content-Security-Policy forbids every load and every script,
so even a browser bug in escaping would leave nothing to run and nowhere to send it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import jinja2
from markupsafe import Markup, escape

from crisisplay import version
from crisisplay.report.chart import build_chart
from crisisplay.report.document import Report
from crisisplay.report.sections import Cell, sections
from crisisplay.report.summary import identity, key_figures


@functools.cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("crisisplay.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def to_html(report: Report) -> str:
    return "".join(html_pieces(report))


def html_pieces(report: Report) -> Iterator[str]:
    """The page a piece at a time, as the template is rendered: its long tables are made row
    by row as they are written."""
    template = environment().get_template("report.html.j2")
    w = report.reading
    return _gathered(
        template.generate(
            w=w,
            info=report.kpis.incident,
            header=identity(report),
            figures=key_figures(report),
            figure_headers=w("figures.headers").split(" | "),
            chart=build_chart(report),
            sections=sections(report),
            rows_html=rows_html,
            version=version(),
        )
    )


def _gathered(pieces: Iterable[str], count: int = 2048) -> Iterator[str]:
    """A template's output, which comes word by word, ``count`` pieces at a time."""
    held: list[str] = []
    for piece in pieces:
        held.append(piece)
        if len(held) >= count:
            yield "".join(held)
            held.clear()
    if held:
        yield "".join(held)


def rows_html(rows: Iterable[tuple[Cell, ...]]) -> Iterator[Markup]:
    """Each row of a table as its ``<tr>`` line, every text escaped: a long table is written
    row by row, not word by word."""
    for row in rows:
        cells = "".join(
            f'<td class="{_escaped(cell.tone)}">{_escaped(cell.text)}</td>'
            if cell.tone
            else f"<td>{_escaped(cell.text)}</td>"
            for cell in row
        )
        yield Markup(f"<tr>{cells}</tr>\n")  # noqa: S704 -- every text in it is escaped above


_SPECIAL = re.compile("[&<>\"']")


def _escaped(text: str) -> str:
    """``text`` as autoescape writes it (most cells hold nothing to escape)."""
    return str(escape(text)) if _SPECIAL.search(text) else text
