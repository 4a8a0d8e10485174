"""The tables of the record: publications, post-crisis work, the drill, facts and notes."""

from __future__ import annotations

from crisisplay.report.document import LogEntry, Report
from crisisplay.report.lazy import flattened, mapped
from crisisplay.report.summary import post_items
from crisisplay.report.table import Cell, Section, Times, catalogued, verdict
from crisisplay.report.words import DASH
from crisisplay.timeline.state import Publication
from crisisplay.timeline.vocabulary import ChannelText


def per_channel(r: Report) -> Section:
    w = r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (c.channel, str(c.published), ", ".join(w.message(m) for m in c.messages))
        for c in r.kpis.messages_per_channel
    ]
    return catalogued(w, "per-channel", "per_channel", rows, "")


def publications(r: Report) -> Section:
    t, w = Times(r), r.reading

    def row(p: Publication) -> tuple[Cell | str, ...]:
        return (
            t.at(p.at),
            w.message(p.message),
            w.word("kind", p.kind),
            w("publications.public") if p.public else w("publications.internal"),
            ", ".join(p.channels) or DASH,
            w.person(p.by),
            Cell(", ".join(p.gates_overridden), "late") if p.gates_overridden else DASH,
        )

    return catalogued(w, "publications", "publications", mapped(r.publications, row), "")


def texts(r: Report) -> Section:
    """What went out, quoted from the record: never rendered again for the report."""
    t, w = Times(r), r.reading

    def row(p: Publication, text: ChannelText) -> tuple[Cell | str, ...]:
        return (
            t.at(p.at),
            w.message(p.message),
            f"{text.channel} ({text.lang})",
            Cell(text.text, "verbatim"),
        )

    rows = flattened(r.publications, _texts, row)
    section = catalogued(w, "texts", "texts", rows)
    if r.publications and not rows:
        return Section(
            section.id, section.title, section.intro, section.headers, (), w("texts.unrecorded")
        )
    return section


def _texts(p: Publication) -> tuple[ChannelText, ...]:
    return p.texts


def skipped(r: Report) -> Section:
    w = r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (w.message(s.message), w("skipped.channel", channel=s.channel), s.reason)
        for s in r.kpis.channels_skipped
    ]
    rows += [
        (w.message(s.message), w("skipped.message"), s.reason) for s in r.kpis.messages_skipped
    ]
    return catalogued(w, "skipped", "skipped", rows)


def post(r: Report) -> Section:
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (name, verdict(status == "done", w.word("status", status)), "", "", "")
        for name, status in post_items(w, r).items()
    ]
    rows += [
        (
            a.action,
            Cell(w.word("status", a.status)),
            w.word("post_kind", a.kind),
            t.at(a.at),
            a.reason or w.person(a.by),
        )
        for a in r.kpis.post_crisis.actions
    ]
    return catalogued(w, "post-crisis", "post", rows)


def drill(r: Report) -> Section:
    d = r.kpis.drill
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (
            e.title or e.id,
            verdict(e.met, w.met(e.met)),
            t.at(e.at),
            t.at(e.due),
            w.duration(e.late_min) if e.late_min else DASH,
            f"{e.points:g} / {e.max_points:g}",
            e.note or DASH,
        )
        for e in (d.expectations if d else ())
    ]
    return catalogued(w, "drill", "drill", rows, _drill_intro(r))


def _drill_intro(r: Report) -> str:
    d, w = r.kpis.drill, r.reading
    if d is None:
        return w("drill.none")
    if d.score is None:
        return d.note or w("kpi.not_scored")
    best = w("drill.out_of", max=f"{d.max:g}") if d.max is not None else ""
    name = f"{d.title} ({d.drill})" if d.title else d.drill
    return w("drill.intro", name=name, score=f"{d.score:g}", best=best)


def injects(r: Report) -> Section:
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (str(i + 1), t.at(j.at), j.inject, j.kind or DASH, w.role(j.target), j.text)
        for i, j in enumerate(r.injects)
    ]
    return catalogued(w, "injects", "injects", rows)


def facts(r: Report) -> Section:
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (
            f.fact,
            w.value(f.value),
            w.person(f.set_by),
            t.at(f.set_at),
            w.word("source", f.source),
            w.person(f.validated_by) if f.validated_by else DASH,
            str(f.changes),
        )
        for f in r.facts
    ]
    return catalogued(w, "facts", "facts", rows)


def log(r: Report) -> Section:
    t, w = Times(r), r.reading

    def row(e: LogEntry) -> tuple[Cell | str, ...]:
        return (t.at(e.at), w.word("log", e.kind), w.person(e.actor), w.role(e.role), e.text)

    return catalogued(w, "log", "log", mapped(r.log, row), "")
