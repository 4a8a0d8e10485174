"""The key figures at the top of the report: one line per KPI, with its verdict in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crisisplay.report.kpis import NOT_NEEDED
from crisisplay.report.words import DASH, Reading

if TYPE_CHECKING:
    from crisisplay.report.document import Report


@dataclass(frozen=True)
class KeyFigure:
    #: the KPI's name in the JSON report
    name: str
    label: str
    value: str
    #: ok | late | info: drives the colour, and the word in ``verdict`` says it without colour
    tone: str
    verdict: str


def identity(report: Report) -> list[tuple[str, str]]:
    """What incident this is: the lines under the report's title."""
    w, i = report.reading, report.kpis.incident
    drill = w("id.drill", drill=i.drill_id) if i.drill_id else ""
    alert = w("id.not_recorded")
    if i.alert_at is not None:
        alert = w.times.stamp(i.alert_at)
        if report.alert_source:
            alert = w("id.alert_from", at=alert, source=report.alert_source)
    resolved = w.times.stamp(i.resolved_at) if i.resolved_at else w("no")
    return [
        (w("id.incident"), i.incident),
        (w("id.scenario"), i.scenario + drill),
        (
            w("id.activated"),
            w("id.at_by", at=w.times.stamp(i.activated_at), by=w.person(i.activated_by)),
        ),
        (w("id.first_alert"), alert),
        (w("id.resolved"), resolved),
        (w("id.severity"), w.severity(i.severity)),
        (w("id.record"), w("id.record_value", events=i.events, until=w.times.stamp(i.ended_at))),
        (w("id.head"), i.head or DASH),
    ]


def key_figures(report: Report) -> list[KeyFigure]:
    figures = [build(report.reading, report) for build in _FIGURES]
    figures = [f for f in figures if f.name != "drill" or report.kpis.incident.drill]
    if report.mobilisation is not None:
        figures.insert(1, _mobilisation(report.reading, report))
    return figures


def _figure(w: Reading, name: str, value: str, tone: str = "info", verdict: str = "") -> KeyFigure:
    return KeyFigure(name, w(f"kpi.{name}"), value, tone, verdict)


def _alert(w: Reading, r: Report) -> KeyFigure:
    minutes = r.kpis.alert_to_activation_min
    shown = w.duration(minutes) if minutes is not None else w("kpi.alert_unknown")
    return _figure(w, "alert_to_activation_min", shown)


def _mobilisation(w: Reading, r: Report) -> KeyFigure:
    """From activation to the cell formed (shown only when someone was paged)."""
    m = r.mobilisation
    assert m is not None
    never = len(m.never_answered)
    unanswered = w("kpi.cell_unanswered", pages=w.count(never, "page")) if never else ""
    if m.activation_to_formed_min is None:
        roles = ", ".join(w.role(role) for role in m.not_answered)
        verdict = w("kpi.cell_waiting", roles=roles) + unanswered
        return _figure(w, "mobilisation", w("kpi.cell_not_formed"), "late", verdict)
    value = f"T+{w.duration(m.activation_to_formed_min)}"
    verdict = w("kpi.cell_quorum", n=len(m.quorum)) + unanswered
    return _figure(w, "mobilisation", value, "late" if unanswered else "ok", verdict)


def _first_word(w: Reading, r: Report) -> KeyFigure:
    word = r.kpis.first_public_message
    target = w("target", target=w.duration(word.target_min))
    if word.at is None:
        return _figure(w, "first_public_message", w("none"), "late", f"✘ {target}")
    late = w("late_suffix", late=w.duration(word.late_by_min)) if not word.met else ""
    return _figure(
        w,
        "first_public_message",
        f"T+{w.duration(word.after_min)} ({w.message(word.message)})",
        "ok" if word.met else "late",
        f"{w.met(word.met)} ({target}{late})",
    )


def _promises(w: Reading, r: Report) -> KeyFigure:
    c = r.kpis.promise_counts
    value = w("kpi.promises_value", kept=c.kept, made=c.made)
    if c.open:
        value += w("kpi.promises_open", open=c.open)
    broken = c.missed + c.unanswered
    if broken:
        worst = w.duration(max(p.late_by_min for p in r.kpis.promises))
        return _figure(
            w, "promises", value, "late", w("kpi.promises_broken", n=broken, worst=worst)
        )
    if c.kept and c.kept == c.made:
        return _figure(w, "promises", value, "ok", w("kpi.promises_all"))
    return _figure(w, "promises", value)


def _cadence(w: Reading, r: Report) -> KeyFigure:
    c = r.kpis.update_cadence
    if c.mean_interval_min is None:
        return _figure(w, "update_cadence", w("kpi.cadence_few"))
    value = w(
        "kpi.cadence_value",
        mean=w.duration(c.mean_interval_min),
        longest=w.duration(c.longest_interval_min),
    )
    target = w("target", target=w.duration(c.target_min))
    verdict = (
        f"✔ {target}" if not c.over_target else w("kpi.cadence_over", n=c.over_target) + target
    )
    return _figure(w, "update_cadence", value, "late" if c.over_target else "ok", verdict)


def _gates(w: Reading, r: Report) -> KeyFigure:
    g = r.kpis.gate_decisions
    value = w(
        "kpi.gates_value",
        passed=g.passed,
        refused=g.refused,
        overridden=g.overridden,
        reopened=g.reopened,
    )
    verdict = f"⚠ {w.count(g.overridden, 'override')}" if g.overridden else ""
    return _figure(w, "gate_decisions", value, "late" if verdict else "info", verdict)


def _steps(w: Reading, r: Report) -> KeyFigure:
    s = r.kpis.step_counts
    return _figure(
        w, "step_counts", w("kpi.steps_value", done=s.done, skipped=s.skipped, open=s.open)
    )


def _gaps(w: Reading, r: Report) -> KeyFigure:
    gaps = r.kpis.roster_gaps
    if not gaps:
        return _figure(w, "roster_gaps", w("none"), "ok", w("kpi.gaps_none"))
    longest = max(g.lasted_min for g in gaps)
    value = w("kpi.gaps_value", gaps=w.count(len(gaps), "gap"), longest=w.duration(longest))
    still = sum(1 for g in gaps if g.still_open)
    if still:
        return _figure(w, "roster_gaps", value, "late", w("kpi.gaps_open", n=still))
    return _figure(w, "roster_gaps", value, "info", w("kpi.gaps_closed"))


def _escalations(w: Reading, r: Report) -> KeyFigure:
    found = r.kpis.escalations
    delays = [e.delay_min for e in found if e.delay_min is not None]
    value = w.count(len(found), "escalation")
    if delays:
        value += w("kpi.escalations_delay", delay=w.duration(max(delays)))
    pending = sum(1 for e in found if e.outcome == "pending")
    verdict = w("kpi.escalations_pending", n=pending) if pending else ""
    return _figure(w, "escalations", value, "late" if pending else "info", verdict)


def _severity(w: Reading, r: Report) -> KeyFigure:
    levels = [w.severity(c.level) for c in r.kpis.severity_changes]
    value = " → ".join(levels) if levels else w("kpi.severity_none")
    return _figure(w, "severity_changes", value)


def _resolution(w: Reading, r: Report) -> KeyFigure:
    minutes = r.kpis.time_to_resolution_min
    value = w.duration(minutes) if minutes is not None else w("kpi.not_resolved")
    return _figure(w, "time_to_resolution_min", value)


def _published(w: Reading, r: Report) -> KeyFigure:
    total = sum(c.published for c in r.kpis.messages_per_channel)
    channels = w.count(len(r.kpis.messages_per_channel), "channel")
    return _figure(w, "messages_per_channel", w("kpi.published_value", n=total, channels=channels))


def post_items(w: Reading, r: Report) -> dict[str, str]:
    """The standard post-crisis items by their name in the reader's language."""
    p = r.kpis.post_crisis
    return {
        w("post.compensation"): p.compensation,
        w("post.recontact"): p.recontact,
        w("post.report_h6"): p.report_h6,
        w("post.report_d2"): p.report_d2,
        w("post.review"): p.review,
    }


def _post(w: Reading, r: Report) -> KeyFigure:
    items = {name: s for name, s in post_items(w, r).items() if s != NOT_NEEDED}
    done = [name for name, status in items.items() if status == "done"]
    missing = [name for name, status in items.items() if status != "done"]
    verdict = w("kpi.post_all") if not missing else w("kpi.post_missing", items=", ".join(missing))
    return _figure(
        w,
        "post_crisis",
        w("kpi.post_value", done=len(done), total=len(items)),
        "ok" if not missing else "late",
        verdict,
    )


def _drill(w: Reading, r: Report) -> KeyFigure:
    d = r.kpis.drill
    if d is None:
        return _figure(w, "drill", w("kpi.not_drill"))
    if d.score is None:
        return _figure(w, "drill", w("kpi.not_scored"), "info", d.note or "")
    met = sum(1 for e in d.expectations if e.met)
    value = f"{d.score:g} / {d.max:g}" if d.max is not None else f"{d.score:g}"
    verdict = w("kpi.drill_met", met=met, total=len(d.expectations))
    return _figure(w, "drill", value, "info", verdict)


_FIGURES: tuple[Callable[[Reading, Report], KeyFigure], ...] = (
    _alert,
    _first_word,
    _promises,
    _cadence,
    _gates,
    _steps,
    _gaps,
    _escalations,
    _severity,
    _resolution,
    _published,
    _post,
    _drill,
)
