"""The key figures at the top of the report: one line per KPI, with its verdict in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crisisplay.report import fmt
from crisisplay.report.kpis import Kpis


@dataclass(frozen=True)
class KeyFigure:
    #: the KPI's name in the JSON report
    name: str
    label: str
    value: str
    #: ok | late | info: drives the colour, and the word in ``verdict`` says it without colour
    tone: str
    verdict: str


def identity(k: Kpis) -> list[tuple[str, str]]:
    """What incident this is: the lines under the report's title."""
    i = k.incident
    return [
        ("Incident", i.incident),
        ("Scenario", i.scenario + (f" (drill {i.drill_id})" if i.drill_id else "")),
        ("Activated", f"{i.activated_at:%Y-%m-%d %H:%M} UTC by {i.activated_by or fmt.DASH}"),
        ("First alert", f"{i.alert_at:%Y-%m-%d %H:%M} UTC" if i.alert_at else "not recorded"),
        ("Resolved", fmt.clock(i.resolved_at, i.activated_at) if i.resolved_at else "no"),
        ("Final severity", i.severity or fmt.DASH),
        ("Record", f"{i.events} events, until {fmt.clock(i.ended_at, i.activated_at)}"),
        ("Chain head", i.head or fmt.DASH),
    ]


def key_figures(k: Kpis) -> list[KeyFigure]:
    figures = [build(k) for build in _FIGURES]
    return [f for f in figures if f.name != "drill" or k.incident.drill]


def _alert(k: Kpis) -> KeyFigure:
    minutes = k.alert_to_activation_min
    shown = fmt.duration(minutes) if minutes is not None else "alert time not recorded"
    return KeyFigure("alert_to_activation_min", "First alert to activation", shown, "info", "")


def _first_word(k: Kpis) -> KeyFigure:
    word = k.first_public_message
    target = f"target {fmt.duration(word.target_min)}"
    if word.at is None:
        return KeyFigure(
            "first_public_message", "First public message", "none", "late", f"✘ {target}"
        )
    late = f", {fmt.duration(word.late_by_min)} late" if not word.met else ""
    return KeyFigure(
        "first_public_message",
        "First public message",
        f"T+{fmt.duration(word.after_min)} ({word.message})",
        "ok" if word.met else "late",
        f"{fmt.met(word.met)} ({target}{late})",
    )


def _promises(k: Kpis) -> KeyFigure:
    c = k.promise_counts
    value = f"{c.kept} of {c.made} kept" + (f", {c.open} not yet due" if c.open else "")
    broken = c.missed + c.unanswered
    if broken:
        worst = fmt.duration(max(p.late_by_min for p in k.promises))
        return KeyFigure(
            "promises",
            "Promised updates",
            value,
            "late",
            f"✘ {broken} not kept (worst {worst} late)",
        )
    if c.kept and c.kept == c.made:
        return KeyFigure("promises", "Promised updates", value, "ok", "✔ all kept")
    return KeyFigure("promises", "Promised updates", value, "info", "")


def _cadence(k: Kpis) -> KeyFigure:
    c = k.update_cadence
    if c.mean_interval_min is None:
        return KeyFigure("update_cadence", "Update cadence", "fewer than two updates", "info", "")
    value = (
        f"every {fmt.duration(c.mean_interval_min)} on average, "
        f"longest {fmt.duration(c.longest_interval_min)}"
    )
    target = f"target {fmt.duration(c.target_min)}"
    verdict = f"✔ {target}" if not c.over_target else f"✘ {c.over_target} over {target}"
    return KeyFigure(
        "update_cadence", "Update cadence", value, "late" if c.over_target else "ok", verdict
    )


def _gates(k: Kpis) -> KeyFigure:
    g = k.gate_decisions
    value = (
        f"{g.passed} passed, {g.refused} refused, {g.overridden} overridden, {g.reopened} re-opened"
    )
    verdict = f"⚠ {fmt.count(g.overridden, 'override')}" if g.overridden else ""
    return KeyFigure(
        "gate_decisions", "Gate decisions", value, "late" if verdict else "info", verdict
    )


def _steps(k: Kpis) -> KeyFigure:
    s = k.step_counts
    value = f"{s.done} done, {s.skipped} skipped, {s.open} open"
    return KeyFigure("step_counts", "Steps", value, "info", "")


def _gaps(k: Kpis) -> KeyFigure:
    gaps = k.roster_gaps
    if not gaps:
        return KeyFigure("roster_gaps", "Roster gaps", "none", "ok", "✔ every role covered")
    longest = max(g.lasted_min for g in gaps)
    value = f"{fmt.count(len(gaps), 'gap')}, longest {fmt.duration(longest)}"
    still = sum(1 for g in gaps if g.still_open)
    if still:
        return KeyFigure("roster_gaps", "Roster gaps", value, "late", f"✘ {still} still open")
    return KeyFigure("roster_gaps", "Roster gaps", value, "info", "all covered since")


def _escalations(k: Kpis) -> KeyFigure:
    found = k.escalations
    delays = [e.delay_min for e in found if e.delay_min is not None]
    value = fmt.count(len(found), "escalation")
    if delays:
        value += f", longest delay {fmt.duration(max(delays))}"
    pending = sum(1 for e in found if e.outcome == "pending")
    verdict = f"✘ {pending} unanswered" if pending else ""
    return KeyFigure("escalations", "Escalations", value, "late" if pending else "info", verdict)


def _severity(k: Kpis) -> KeyFigure:
    levels = [c.level or "?" for c in k.severity_changes]
    value = " → ".join(levels) if levels else "not assessed"
    return KeyFigure("severity_changes", "Severity", value, "info", "")


def _resolution(k: Kpis) -> KeyFigure:
    minutes = k.time_to_resolution_min
    value = fmt.duration(minutes) if minutes is not None else "not resolved"
    return KeyFigure("time_to_resolution_min", "Time to resolution", value, "info", "")


def _published(k: Kpis) -> KeyFigure:
    total = sum(c.published for c in k.messages_per_channel)
    value = f"{total} on {fmt.count(len(k.messages_per_channel), 'channel')}"
    return KeyFigure("messages_per_channel", "Messages published", value, "info", "")


def _post(k: Kpis) -> KeyFigure:
    p = k.post_crisis
    items = {
        "compensation": p.compensation,
        "recontact": p.recontact,
        "H+6 report": p.report_h6,
        "D+2 report": p.report_d2,
        "review": p.review,
    }
    done = [name for name, status in items.items() if status == "done"]
    missing = [name for name, status in items.items() if status != "done"]
    verdict = "✔ all done" if not missing else "✘ not done: " + ", ".join(missing)
    return KeyFigure(
        "post_crisis",
        "Post-crisis actions",
        f"{len(done)} of {len(items)} done",
        "ok" if not missing else "late",
        verdict,
    )


def _drill(k: Kpis) -> KeyFigure:
    d = k.drill
    if d is None:
        return KeyFigure("drill", "Drill score", "not a drill", "info", "")
    if d.score is None:
        return KeyFigure("drill", "Drill score", "not scored", "info", d.note or "")
    met = sum(1 for e in d.expectations if e.met)
    value = f"{d.score:g} / {d.max:g}" if d.max is not None else f"{d.score:g}"
    verdict = f"{met} of {len(d.expectations)} expectations met"
    return KeyFigure("drill", "Drill score", value, "info", verdict)


_FIGURES: tuple[Callable[[Kpis], KeyFigure], ...] = (
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
