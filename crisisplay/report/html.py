"""The report as one self-contained HTML file: inline CSS, inline SVG chart, nothing to fetch.

Rendered by Jinja2 from the package's own template with autoescape on: every text that comes
from the timeline (facts, notes, actor names, reasons, comments) is escaped wherever it lands,
in the page or inside the SVG. A Content-Security-Policy forbids every load and every script,
so even a browser bug in escaping would leave nothing to run and nowhere to send it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import jinja2

from crisisplay import version
from crisisplay.report.chart import build_chart
from crisisplay.report.document import Report
from crisisplay.report.sections import sections
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
    return template.generate(
        w=w,
        info=report.kpis.incident,
        header=identity(report),
        figures=key_figures(report),
        figure_headers=w("figures.headers").split(" | "),
        chart=build_chart(report),
        sections=sections(report),
        version=version(),
    )
