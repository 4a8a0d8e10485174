"""The chart's rows for the cell's mobilisation: one row per role paged, with each page sent,
acknowledged, declined or passed on (the moment the cell was formed is a vertical line, drawn
with the other moments)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisisplay.report.kpis import PageKpi

if TYPE_CHECKING:
    from crisisplay.report.chart_lanes import LaneBuilder

PAGED = ("ring", "page-sent", "paged")
ACKED = ("check", "ok", "acked")
DECLINED = ("cross", "late", "declined")
PASSED_ON = ("triangle", "warn late", "passed_on")


def cell_rows(lanes: LaneBuilder) -> None:
    m = lanes.report.mobilisation
    if m is None:
        return
    w = lanes.w
    lanes.group(w("chart.cell"))
    roles = list(dict.fromkeys(p.role for p in m.pages))
    rows = {role: lanes.row(w.role(role)) for role in lanes.capped(roles, "roles")}
    for page in m.pages:
        if page.role in rows:
            _page_marks(lanes, page, rows[page.role])


def _page_marks(lanes: LaneBuilder, p: PageKpi, y: float) -> None:
    w, who = lanes.w, lanes.w.person(p.person)
    role = w.role(p.role)
    paged = w("chart.paged", person=who, role=role, at=lanes.when(p.paged_at))
    lanes.mark(p.paged_at, y, PAGED, paged)
    lanes.keyed(PAGED)
    if p.acked_at is not None:
        how = w.word("via", p.via)
        after = w.duration(p.ack_min)
        title = w("chart.acked", person=who, how=how, at=lanes.when(p.acked_at), after=after)
        lanes.mark(p.acked_at, y, ACKED, title)
        lanes.keyed(ACKED)
    if p.declined_at is not None:
        reason = p.declined or ""
        title = w("chart.declined", person=who, at=lanes.when(p.declined_at), reason=reason)
        lanes.mark(p.declined_at, y, DECLINED, title)
        lanes.keyed(DECLINED)
    elif p.escalated_at is not None:
        to = w.person(p.escalated_to)
        title = w("chart.passed_on", person=who, to=to, at=lanes.when(p.escalated_at))
        lanes.mark(p.escalated_at, y, PASSED_ON, title)
        lanes.keyed(PASSED_ON)
