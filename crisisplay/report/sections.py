"""The report's sections in reading order: the response first, then the record."""

from __future__ import annotations

from collections.abc import Callable

from crisisplay.report import sections_cell as cell
from crisisplay.report import sections_record as record
from crisisplay.report import sections_response as response
from crisisplay.report import sections_signed as signed
from crisisplay.report.document import Report
from crisisplay.report.table import Cell, Section

SECTIONS: tuple[Callable[[Report], Section], ...] = (
    signed.record,
    response.first_words,
    response.promises,
    response.cadence,
    response.gates,
    response.steps,
    cell.pages,
    cell.roles,
    response.gaps,
    response.escalations,
    response.severity,
    record.per_channel,
    record.publications,
    record.texts,
    record.skipped,
    record.post,
    record.drill,
    record.injects,
    record.facts,
    record.log,
)
#: shown for a drill, or when the timeline holds injects
DRILL_ONLY = (record.drill, record.injects)
#: shown when someone was paged
PAGED_ONLY = (cell.pages, cell.roles)


def sections(report: Report) -> list[Section]:
    return [build(report) for build in SECTIONS if _applies(build, report)]


def _applies(build: Callable[[Report], Section], report: Report) -> bool:
    if build in DRILL_ONLY:
        return report.kpis.incident.drill or bool(report.injects)
    if build in PAGED_ONLY:
        return cell.applies(report)
    return True


__all__ = ["Cell", "Section", "sections"]
