"""The tables of the response: the public word, promises, gates, steps, roster, severity."""

from __future__ import annotations

from collections.abc import Sequence

from crisisplay.report.document import Report
from crisisplay.report.kpis import FirstWord, GateDecisionKpi, GateKpi, PromiseKpi
from crisisplay.report.lazy import flattened, mapped
from crisisplay.report.table import Cell, Section, Times, catalogued, verdict
from crisisplay.report.words import DASH, Reading
from crisisplay.texts import reworded


def first_words(r: Report) -> Section:
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (word.channel or DASH, w.message(word.message), t.at(word.at), _first_word_verdict(w, word))
        for word in r.kpis.first_public_message_per_channel
    ]
    target = w.duration(r.kpis.first_public_message.target_min)
    return catalogued(w, "first-messages", "first", rows, w("first.intro", target=target))


def _first_word_verdict(w: Reading, word: FirstWord) -> Cell:
    if word.left_out:
        return Cell(w("first.left_out", reason=word.left_out))
    if word.met:
        return verdict(True, w.met(True))
    return verdict(False, w("first.missed_by", late=w.duration(word.late_by_min)))


def promises(r: Report) -> Section:
    t, w = Times(r), r.reading

    def row(p: PromiseKpi) -> tuple[Cell | str, ...]:
        if p.outcome == "kept":
            how = verdict(True, w("promise.kept", spare=w.duration(p.early_by_min)))
        elif p.outcome == "open":
            how = Cell(w("promise.open"))
        else:
            outcome = w.word("promise", p.outcome)
            how = verdict(False, w("promise.late", outcome=outcome, late=w.duration(p.late_by_min)))
        return (t.at(p.made_at), w.message(p.message), t.at(p.due), t.at(p.answered_at), how)

    return catalogued(w, "promises", "promises", mapped(r.kpis.promises, row))


def cadence(r: Report) -> Section:
    c, w = r.kpis.update_cadence, r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (str(i + 1), verdict(v <= c.target_min, w.duration(v)))
        for i, v in enumerate(c.intervals_min)
    ]
    intro = w(
        "cadence.intro",
        publications=w.count(c.publications, "public_publication"),
        kinds=", ".join(w.word("kind", k) for k in c.kinds),
        target=w.duration(c.target_min),
    )
    return catalogued(w, "cadence", "cadence", rows, intro)


def gates(r: Report) -> Section:
    t, w = Times(r), r.reading
    tones = {"passed": "ok", "refused": "late", "overridden": "late", "reopened": "late"}

    def row(g: GateKpi, d: GateDecisionKpi) -> tuple[Cell | str, ...]:
        return (
            w.gate(g.gate),
            Cell(w.word("gate", d.outcome), tones.get(d.outcome, "")),
            t.at(d.at),
            w.person(d.by),
            w.role(d.role),
            d.comment or DASH,
        )

    return catalogued(w, "gates", "gates", flattened(r.kpis.gates, _decisions, row))


def _decisions(g: GateKpi) -> Sequence[GateDecisionKpi]:
    return g.decisions


def steps(r: Report) -> Section:
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = []
    for s in r.steps:
        late = s.late_by_min
        if late is None:
            lateness = Cell(DASH)
        else:
            text = w("steps.on_time") if late == 0 else w("late", late=w.duration(late))
            lateness = verdict(late == 0, text)
        status = Cell(w.word("status", s.status), "late" if s.status == "skipped" else "")
        rows.append(
            (
                s.title or s.step,
                r.phase_title(s.phase),
                status,
                t.at(s.started_at),
                t.at(s.ended_at),
                t.at(s.due_at),
                lateness,
                w.person(s.by),
                s.reason or DASH,
            )
        )
    return catalogued(w, "steps", "steps", rows, r.plan_note or None)


def gaps(r: Report) -> Section:
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (
            w.role(g.role),
            reworded(g.reason, "roster.nobody", w.lang) if g.reason else DASH,
            t.at(g.opened_at),
            t.at(g.closed_at),
            w.duration(g.lasted_min),
            verdict(not g.still_open, w("gaps.open") if g.still_open else w("gaps.covered")),
        )
        for g in r.kpis.roster_gaps
    ]
    return catalogued(w, "roster-gaps", "gaps", rows)


def escalations(r: Report) -> Section:
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (
            e.rule,
            w.role(e.role),
            e.because or DASH,
            t.at(e.fired_at),
            t.at(e.done_at),
            w.duration(e.delay_min),
            verdict(
                e.outcome == "answered", _escalation_outcome(w, e.outcome, e.person, e.declined)
            ),
        )
        for e in r.kpis.escalations
    ]
    return catalogued(w, "escalations", "escalations", rows)


def _escalation_outcome(w: Reading, outcome: str, person: str | None, declined: str | None) -> str:
    if outcome == "answered":
        return w("escalations.answered", person=w.person(person))
    if outcome == "declined":
        return w("escalations.declined", reason=declined or DASH)
    return w("escalations.pending")


def severity(r: Report) -> Section:
    t, w = Times(r), r.reading
    rows: list[tuple[Cell | str, ...]] = [
        (
            t.at(c.at),
            w.person(c.by),
            w.severity(c.level),
            w.severity(c.previous),
            w.severity(c.suggested),
            w("yes") if c.overridden else w("no"),
            c.reason or DASH,
        )
        for c in r.kpis.severity_changes
    ]
    return catalogued(w, "severity", "severity", rows)
