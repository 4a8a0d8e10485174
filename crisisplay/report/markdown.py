"""The report as Markdown, for the team's wiki.

Every text from the timeline is escaped so that, once the wiki renders it, a fact or a note
stays text: no HTML, link, image, emphasis or extra table column can come out of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    w = report.reading
    lines = [*_header(report), "", f"## {w('figures.title')}", ""]
    figures = [(f.label, f.value, f.verdict or DASH) for f in key_figures(report)]
    headers = tuple(w("figures.headers").split(" | "))
    lines += _table(headers, [tuple(Cell(c) for c in f) for f in figures])
    for section in sections(report):
        lines += ["", *_section(section)]
    return "\n".join(lines) + "\n"


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


def _section(section: Section) -> list[str]:
    lines = [f"## {section.title}", ""]
    if section.intro:
        lines += [md(section.intro), ""]
    if not section.rows:
        return [*lines, md(section.empty)]
    return lines + _table(section.headers, section.rows)


def _table(headers: Iterable[str], rows: Iterable[tuple[Cell, ...]]) -> list[str]:
    head = [md(h) for h in headers]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(md(cell.text) for cell in row) + " |" for row in rows]
    return lines
