"""The tables of the response: the public word, promises, gates, steps, roster, severity."""

from __future__ import annotations

from crisisplay.report import fmt
from crisisplay.report.document import Report
from crisisplay.report.table import Cell, Section, Times, rows_of, verdict


def first_words(r: Report) -> Section:
    t = Times(r)
    rows = [
        (
            w.channel or fmt.DASH,
            w.message or fmt.DASH,
            t.at(w.at),
            verdict(w.met, _first_wordverdict(w.met, w.late_by_min)),
        )
        for w in r.kpis.first_public_message_per_channel
    ]
    target = fmt.duration(r.kpis.first_public_message.target_min)
    return Section(
        "first-messages",
        "First public message per channel",
        f"Target: a first public word within {target} of activation on every channel.",
        ("channel", "message", "published (UTC)", "verdict"),
        rows_of(rows),
        "No public message was published.",
    )


def _first_wordverdict(met: bool, late_by_min: float | None) -> str:
    return fmt.met(met) + ("" if met else f" by {fmt.duration(late_by_min)}")


def promises(r: Report) -> Section:
    t = Times(r)
    rows = []
    for p in r.kpis.promises:
        if p.outcome == "kept":
            how = verdict(True, f"✔ kept, {fmt.duration(p.early_by_min)} to spare")
        elif p.outcome == "open":
            how = Cell("open: not yet due")
        else:
            how = verdict(False, f"✘ {p.outcome}, {fmt.duration(p.late_by_min)} late")
        rows.append((t.at(p.made_at), p.message, t.at(p.due), t.at(p.answered_at), how))
    return Section(
        "promises",
        "Promised updates",
        "Each holding statement or update promises the next one; the next update or the "
        "resolution answers it.",
        ("promised", "by message", "due", "answered", "outcome"),
        rows_of(rows),
        "No update was promised.",
    )


def cadence(r: Report) -> Section:
    c = r.kpis.update_cadence
    rows = [
        (str(i + 1), verdict(v <= c.target_min, fmt.duration(v)))
        for i, v in enumerate(c.intervals_min)
    ]
    return Section(
        "cadence",
        "Update cadence",
        f"Intervals between {fmt.count(c.publications, 'public publication')} of "
        f"{', '.join(c.kinds)}; the organisation's update interval is "
        f"{fmt.duration(c.target_min)}.",
        ("interval", "length"),
        rows_of(rows),
        "Fewer than two updates: no interval to measure.",
    )


def gates(r: Report) -> Section:
    t = Times(r)
    tones = {"passed": "ok", "refused": "late", "overridden": "late", "reopened": "late"}
    rows = [
        (
            g.gate,
            Cell(d.outcome, tones.get(d.outcome, "")),
            t.at(d.at),
            d.by,
            d.role or fmt.DASH,
            d.comment or fmt.DASH,
        )
        for g in r.kpis.gates
        for d in g.decisions
    ]
    return Section(
        "gates",
        "Gates",
        "Every decision of every validation step: who decided, and why.",
        ("gate", "decision", "at (UTC)", "by", "role", "comment"),
        rows_of(rows),
        "No gate was asked.",
    )


def steps(r: Report) -> Section:
    t = Times(r)
    rows = []
    for s in r.steps:
        late = s.late_by_min
        if late is None:
            lateness = Cell(fmt.DASH)
        else:
            lateness = verdict(late == 0, "on time" if late == 0 else f"{fmt.duration(late)} late")
        status = Cell(s.status, "late" if s.status == "skipped" else "")
        rows.append(
            (
                s.step,
                s.title or fmt.DASH,
                s.phase,
                status,
                t.at(s.started_at),
                t.at(s.ended_at),
                t.at(s.due_at),
                lateness,
                s.by or fmt.DASH,
                s.reason or fmt.DASH,
            )
        )
    intro = "Deadlines come from the scenario in the playbook home."
    if r.plan_note:
        intro = r.plan_note
    return Section(
        "steps",
        "Steps",
        intro,
        ("step", "title", "phase", "status", "started", "ended", "due", "deadline", "by", "reason"),
        rows_of(rows),
        "No step was taken.",
    )


def gaps(r: Report) -> Section:
    t = Times(r)
    rows = [
        (
            g.role,
            g.reason or fmt.DASH,
            t.at(g.opened_at),
            t.at(g.closed_at),
            fmt.duration(g.lasted_min),
            verdict(not g.still_open, "still open" if g.still_open else "covered"),
        )
        for g in r.kpis.roster_gaps
    ]
    return Section(
        "roster-gaps",
        "Roster gaps",
        "Required roles nobody covered, and for how long.",
        ("role", "reason", "opened", "closed", "lasted", "status"),
        rows_of(rows),
        "Every required role was covered.",
    )


def escalations(r: Report) -> Section:
    t = Times(r)
    rows = [
        (
            e.rule,
            e.role,
            e.because or fmt.DASH,
            t.at(e.fired_at),
            t.at(e.done_at),
            fmt.duration(e.delay_min),
            verdict(e.outcome == "answered", _escalation_outcome(e.outcome, e.person, e.declined)),
        )
        for e in r.kpis.escalations
    ]
    return Section(
        "escalations",
        "Escalations",
        "Roles brought in by a rule, and how long the answer took.",
        ("rule", "role", "because", "fired", "answered", "delay", "outcome"),
        rows_of(rows),
        "No escalation fired.",
    )


def _escalation_outcome(outcome: str, person: str | None, declined: str | None) -> str:
    if outcome == "answered":
        return f"answered: {person or fmt.DASH}"
    if outcome == "declined":
        return f"declined: {declined}"
    return "pending"


def severity(r: Report) -> Section:
    t = Times(r)
    rows = [
        (
            t.at(c.at),
            c.by,
            c.level or fmt.DASH,
            c.previous or fmt.DASH,
            c.suggested or fmt.DASH,
            "yes" if c.overridden else "no",
            c.reason or fmt.DASH,
        )
        for c in r.kpis.severity_changes
    ]
    return Section(
        "severity",
        "Severity",
        "Every assessment, with the level the rules suggested.",
        ("at", "by", "level", "previous", "suggested", "overridden", "why"),
        rows_of(rows),
        "Severity was never assessed.",
    )
