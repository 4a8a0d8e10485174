"""The tables of the record: publications, post-crisis work, the drill, facts and notes."""

from __future__ import annotations

from crisisplay.report import fmt
from crisisplay.report.document import Report
from crisisplay.report.table import Cell, Section, Times, rows_of, verdict


def per_channel(r: Report) -> Section:
    rows = [
        (c.channel, str(c.published), ", ".join(c.messages)) for c in r.kpis.messages_per_channel
    ]
    return Section(
        "per-channel",
        "Messages published per channel",
        "",
        ("channel", "publications", "messages"),
        rows_of(rows),
        "Nothing was published.",
    )


def publications(r: Report) -> Section:
    t = Times(r)
    rows = [
        (
            t.at(p.at),
            p.message,
            p.kind,
            "public" if p.public else "internal",
            ", ".join(p.channels) or fmt.DASH,
            p.by,
            Cell(", ".join(p.gates_overridden), "late") if p.gates_overridden else fmt.DASH,
        )
        for p in r.publications
    ]
    return Section(
        "publications",
        "Publications",
        "",
        ("at", "message", "kind", "audience", "channels", "by", "gates overridden"),
        rows_of(rows),
        "Nothing was published.",
    )


def texts(r: Report) -> Section:
    """What went out, quoted from the record: never rendered again for the report."""
    t = Times(r)
    rows = [
        (t.at(p.at), p.message, f"{text.channel} ({text.lang})", Cell(text.text, "verbatim"))
        for p in r.publications
        for text in p.texts
    ]
    empty = "Nothing was published."
    if r.publications:
        empty = "The texts were not recorded: this timeline kept only their fingerprints."
    return Section(
        "texts",
        "What went out, verbatim",
        "Each text exactly as its validator saw it and as it was published.",
        ("at", "message", "channel", "text"),
        rows_of(rows),
        empty,
    )


def skipped(r: Report) -> Section:
    rows = [(s.message, f"channel {s.channel}", s.reason) for s in r.kpis.channels_skipped]
    rows += [(s.message, "whole message", s.reason) for s in r.kpis.messages_skipped]
    return Section(
        "skipped",
        "Channels and messages left out",
        "A channel left out by its condition (a service that is down), or a message the cell "
        "chose not to publish.",
        ("message", "what", "reason"),
        rows_of(rows),
        "Nothing was left out.",
    )


def post(r: Report) -> Section:
    t = Times(r)
    p = r.kpis.post_crisis
    checklist = {
        "compensation": p.compensation,
        "recontact": p.recontact,
        "H+6 report": p.report_h6,
        "D+2 report": p.report_d2,
        "review": p.review,
    }
    rows: list[tuple[Cell | str, ...]] = [
        (name, verdict(status == "done", status), "", "", "") for name, status in checklist.items()
    ]
    rows += [
        (a.action, Cell(a.status), a.kind or fmt.DASH, t.at(a.at), a.reason or a.by or fmt.DASH)
        for a in p.actions
    ]
    return Section(
        "post-crisis",
        "After the crisis",
        "The standard items first (DOMAIN: compensation, recontact, H+6 and D+2 reports, "
        "review), then each action recorded.",
        ("item or action", "status", "kind", "at", "by or reason"),
        rows_of(rows),
    )


def drill(r: Report) -> Section:
    d = r.kpis.drill
    t = Times(r)
    rows = [
        (
            e.title or e.id,
            verdict(e.met, "✔ met" if e.met else "✘ not met"),
            t.at(e.at),
            t.at(e.due),
            fmt.duration(e.late_min) if e.late_min else fmt.DASH,
            f"{e.points:g} / {e.max_points:g}",
            e.note or fmt.DASH,
        )
        for e in (d.expectations if d else ())
    ]
    return Section(
        "drill",
        "Drill expectations and score",
        _drill_intro(r),
        ("expectation", "met", "at", "due", "late by", "points", "note"),
        rows_of(rows),
        "No expectation recorded.",
    )


def _drill_intro(r: Report) -> str:
    d = r.kpis.drill
    if d is None:
        return "Not a drill: nothing to score."
    if d.score is None:
        return d.note or "Not scored."
    best = f" out of {d.max:g}" if d.max is not None else ""
    name = f"{d.title} ({d.drill})" if d.title else d.drill
    return f"Drill {name}: score {d.score:g}{best} (as crisisplay drill score computes it)."


def injects(r: Report) -> Section:
    t = Times(r)
    rows = [
        (str(i + 1), t.at(j.at), j.inject, j.kind or fmt.DASH, j.target or fmt.DASH, j.text)
        for i, j in enumerate(r.injects)
    ]
    return Section(
        "injects",
        "Drill injects",
        "The events the trainers played into the exercise, numbered as on the chart.",
        ("#", "at", "inject", "kind", "for", "text"),
        rows_of(rows),
        "No inject.",
    )


def facts(r: Report) -> Section:
    t = Times(r)
    rows = [
        (
            f.fact,
            fmt.value(f.value),
            f.set_by,
            t.at(f.set_at),
            f.source,
            f.validated_by or fmt.DASH,
            str(f.changes),
        )
        for f in r.facts
    ]
    return Section(
        "facts",
        "Facts",
        "The facts as they stood at the end, who set them and who confirmed them.",
        ("fact", "value", "set by", "at", "source", "validated by", "changes"),
        rows_of(rows),
        "No fact recorded.",
    )


def log(r: Report) -> Section:
    t = Times(r)
    rows = [(t.at(e.at), e.kind, e.actor, e.role or fmt.DASH, e.text) for e in r.log]
    return Section(
        "log",
        "Notes and decisions",
        "",
        ("at", "kind", "who", "role", "text"),
        rows_of(rows),
        "No note or decision logged.",
    )
