"""The tables of the cell's mobilisation: each page and its answer, each role's time to answer.

Shown only when the record holds pages: an incident from before paging keeps its report as it
was.
"""

from __future__ import annotations

from crisisplay.report.document import Report
from crisisplay.report.kpis import Mobilisation, PageKpi
from crisisplay.report.table import Cell, Section, Times, catalogued, verdict
from crisisplay.report.words import DASH, Reading


def applies(report: Report) -> bool:
    return report.mobilisation is not None


def _of(report: Report) -> Mobilisation:
    assert report.mobilisation is not None
    return report.mobilisation


def formed_text(w: Reading, m: Mobilisation, start_at: Times) -> str:
    """``Cell formed at 07:58 (T+8 min), 8 min after activation.`` or who it waits for."""
    if m.formed_at is None:
        return w("cell.not_formed", roles=", ".join(w.role(r) for r in m.not_answered))
    return w(
        "cell.formed",
        at=start_at.at(m.formed_at).text,
        after=w.duration(m.activation_to_formed_min),
    )


def pages(r: Report) -> Section:
    m, t, w = _of(r), Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (
            w.role(p.role),
            w.person(p.person),
            t.at(p.paged_at),
            w.word("because", p.because),
            t.at(p.acked_at or p.declined_at),
            w.duration(p.ack_min),
            w.word("via", p.via),
            _outcome(w, t, p),
        )
        for p in m.pages
    ]
    quorum = ", ".join(w.role(role) for role in m.quorum)
    intro = [formed_text(w, m, t), w("cell.quorum", roles=quorum)]
    if m.quorum_from == "record":
        intro.append(w("cell.quorum_from_record"))
    if m.never_answered:
        intro.append(w("cell.never_answered", n=len(m.never_answered)))
    return catalogued(w, "mobilisation", "cell", rows, " ".join(intro))


def _outcome(w: Reading, t: Times, p: PageKpi) -> Cell:
    to = w.person(p.escalated_to)
    if p.outcome == "acknowledged":
        text = w("cell.outcome.acknowledged")
        if p.escalated_to:
            text += w("cell.outcome.after_passed", to=to)
        return verdict(True, text)
    if p.outcome == "declined":
        reason = p.declined or DASH
        if p.escalated_to:
            return verdict(False, w("cell.outcome.declined_to", reason=reason, to=to))
        return verdict(False, w("cell.outcome.declined", reason=reason))
    if p.outcome == "escalated":
        at = t.at(p.escalated_at).text
        return verdict(False, w("cell.outcome.escalated", to=to, at=at))
    return verdict(False, w("cell.outcome.unanswered"))


def roles(r: Report) -> Section:
    m, t, w = _of(r), Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (
            w.role(role.role),
            w("yes") if role.in_quorum else w("no"),
            t.at(role.paged_at),
            t.at(role.acked_at),
            w.person(role.acked_by),
            verdict(True, w.duration(role.ack_min))
            if role.ack_min is not None
            else verdict(False, w("cell.outcome.unanswered")),
            str(role.pages),
        )
        for role in m.roles
    ]
    return catalogued(w, "mobilisation-roles", "cell_roles", rows)
