"""The report as Markdown, for the team's wiki.

Every text from the timeline is escaped so that, once the wiki renders it, a fact or a note
stays text: no HTML, link, image, emphasis or extra table column can come out of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from crisisplay.report.document import Report
from crisisplay.report.sections import Cell, Section, sections
from crisisplay.report.summary import identity, key_figures
from crisisplay.report.words import DASH
from crisisplay.textsafe import sanitize

_ACTIVE = re.compile(r"([\\`*_\[\]<>|&~#!])")
# Most cells (times, ids, counts) hold nothing to escape: they are returned as they are.
_PLAIN = re.compile(r"[A-Za-z0-9 ,.:;'()+/=@%—–→✔✘⚠-]*")


def md(text: str) -> str:
    """Inline Markdown showing ``text`` literally (controls removed, newlines as breaks)."""
    if _PLAIN.fullmatch(text):
        return text
    escaped = _ACTIVE.sub(r"\\\1", sanitize(text))
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def to_markdown(report: Report) -> str:
    return "".join(markdown_pieces(report))


def markdown_pieces(report: Report) -> Iterator[str]:
    """The Markdown report a line at a time (each with its newline): its long tables are
    made row by row as they are written."""
    w = report.reading
    lines = [*_header(report), "", f"## {w('figures.title')}", ""]
    figures = [(f.label, f.value, f.verdict or DASH) for f in key_figures(report)]
    headers = tuple(w("figures.headers").split(" | "))
    lines += _table(headers, [tuple(Cell(c) for c in f) for f in figures])
    yield from (line + "\n" for line in lines)
    for section in sections(report):
        yield "\n"
        yield from (line + "\n" for line in _section(section))


def _header(report: Report) -> list[str]:
    i, w = report.kpis.incident, report.reading
    title = i.title or i.scenario
    lines = [f"# {md(w('title', title=title))}", ""]
    if i.drill:
        lines += [f"**{md(w('exercise'))}**", ""]
    lines += [
        f"- {md(name)} : {md(text)}" if w.lang == "fr" else f"- {md(name)}: {md(text)}"
        for name, text in identity(report)
    ]
    lines += ["", md(w("times_note", zone=w.times.zone_label))]
    return lines


def _section(section: Section) -> Iterator[str]:
    yield f"## {section.title}"
    yield ""
    if section.intro:
        yield md(section.intro)
        yield ""
    if not section.rows:
        yield md(section.empty)
        return
    yield from _table(section.headers, section.rows)


def _table(headers: Iterable[str], rows: Iterable[tuple[Cell, ...]]) -> Iterator[str]:
    head = [md(h) for h in headers]
    yield "| " + " | ".join(head) + " |"
    yield "|" + "|".join("---" for _ in head) + "|"
    plain = _PLAIN.fullmatch
    for row in rows:  # md() inlined: a long table runs this for every cell
        yield "| " + " | ".join([text if plain(text) else md(text) for text, _ in row]) + " |"
