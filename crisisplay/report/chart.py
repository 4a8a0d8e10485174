"""The timeline chart of a report: phases as bands, then one row per gate, step, channel.

Rows, top to bottom: severity, drill injects, gates, steps (with their deadlines), promised
updates (kept or missed), channels (every publication, every channel left out). Vertical lines
mark the first alert, activation, the first-message target (30 minutes by default) and the
resolution.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from crisisplay.report import fmt
from crisisplay.report.chart_lanes import LaneBuilder
from crisisplay.report.chart_model import (
    PLOT_X0,
    PLOT_X1,
    Band,
    Chart,
    Label,
    LegendItem,
    Line,
    Mark,
    TimeScale,
    merge_marks,
)
from crisisplay.report.document import Report

HEADER = 44.0
#: a promise due this far past the record's end (as a share of its span) widens the chart;
#: one due later is drawn at the right edge instead
EXTEND_SHARE = 0.25


def build_chart(report: Report) -> Chart:
    scale = time_scale(report)
    chart = Chart(title=chart_title(report), desc=chart_desc(report))
    lanes = LaneBuilder(report, scale, chart, HEADER)
    lanes.build()
    chart.plot_top, chart.plot_bottom = HEADER, lanes.y
    _phase_bands(report, scale, chart)
    _moments(report, scale, chart)
    _axis(scale, chart, report.kpis.incident.activated_at)
    chart.marks = merge_marks(chart.marks)
    _legend(chart, lanes.legend)
    return chart


def time_scale(report: Report) -> TimeScale:
    i = report.kpis.incident
    start = min(filter(None, (i.alert_at, i.activated_at)))
    target = i.activated_at + timedelta(minutes=i.first_message_target_min)
    end = max(filter(None, (i.ended_at, i.resolved_at, target)))
    span = end - start
    dues = [p.due for p in report.kpis.promises if p.due <= end + span * EXTEND_SHARE]
    end = max([end, *dues])
    margin = max((end - start) * 0.02, timedelta(minutes=1))
    return TimeScale(start, end + margin)


def chart_title(report: Report) -> str:
    i = report.kpis.incident
    exercise = "EXERCISE: " if i.drill else ""
    return f"{exercise}Timeline of {i.title or i.scenario} ({i.incident})"


def chart_desc(report: Report) -> str:
    k = report.kpis
    word = k.first_public_message
    first = (
        f"first public message at T+{fmt.duration(word.after_min)} against a target of "
        f"{fmt.duration(word.target_min)} ({'met' if word.met else 'missed'})"
        if word.at
        else "no public message"
    )
    c = k.promise_counts
    return (
        f"From {k.incident.activated_at:%H:%M} UTC: {fmt.count(len(report.phases), 'phase')}, "
        f"{fmt.count(len(k.messages_per_channel), 'channel')}, "
        f"{fmt.count(sum(len(g.decisions) for g in k.gates), 'gate decision')}, "
        f"{fmt.count(c.made, 'promised update')} ({c.kept} kept); {first}. "
        "The tables below give every value shown here."
    )


def _phase_bands(report: Report, scale: TimeScale, chart: Chart) -> None:
    phases = report.phases
    for index, phase in enumerate(phases):
        end = phases[index + 1].entered_at if index + 1 < len(phases) else scale.end
        x0, x1 = scale.x(phase.entered_at), scale.x(end)
        name = phase.title or phase.phase
        chart.bands.append(
            Band(x0, x1, f"band-{index % 2}", f"phase {name} from {phase.entered_at:%H:%M}")
        )
        fits = int((x1 - x0) / 6.2)
        if fits >= 3:
            shown = name if len(name) <= fits else name[: fits - 1] + "…"
            chart.labels.append(Label(x0 + 3, 16, shown, "phase-label", title=name))


def _moments(report: Report, scale: TimeScale, chart: Chart) -> None:
    i = report.kpis.incident
    top, bottom = chart.plot_top - 10, chart.plot_bottom
    moments: list[tuple[datetime | None, str, str, str]] = [
        (i.alert_at, "first alert", "alert", "end"),
        (i.activated_at, "activation", "activation", "start"),
        (
            i.activated_at + timedelta(minutes=i.first_message_target_min),
            f"{fmt.duration(i.first_message_target_min)} target",
            "target",
            "start",
        ),
        (i.resolved_at, "resolved", "resolved", "end"),
    ]
    for moment, text, css, anchor in moments:
        if moment is None:
            continue
        x = scale.x(moment)
        title = f"{text} at {moment:%H:%M} UTC"
        chart.lines.append(Line(x, top, x, bottom, f"moment {css}", title))
        shift = 3 if anchor == "start" else -3
        chart.labels.append(Label(x + shift, 34, text, f"moment-label {css}", anchor, title))


def _axis(scale: TimeScale, chart: Chart, activated_at: datetime) -> None:
    y = chart.plot_bottom
    for moment in scale.ticks(activated_at):
        x = scale.x(moment)
        chart.grid.append(Line(x, chart.plot_top, x, y + 4, "grid"))
        chart.labels.append(Label(x, y + 16, fmt.since(moment, activated_at), "tick", "middle"))
        chart.labels.append(Label(x, y + 28, f"{moment:%H:%M}", "tick clock", "middle"))
    chart.lines.append(Line(PLOT_X0, y, PLOT_X1, y, "axis"))


def _legend(chart: Chart, items: Sequence[LegendItem]) -> None:
    x, y = PLOT_X0, chart.plot_bottom + 52
    for item in items:
        width = 26 + len(item.text) * 6.4
        if x + width > PLOT_X1:
            x, y = PLOT_X0, y + 18
        chart.legend.append(Mark(x + 4, y, item.shape, item.css, item.text))
        chart.labels.append(Label(x + 12, y + 4, item.text, "legend-text"))
        x += width
    chart.height = y + 20
