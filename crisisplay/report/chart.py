"""The timeline chart of a report: phases as bands, then one row per gate, step, channel.

Rows, top to bottom: severity, drill injects, the cell's pages (when someone was paged), gates,
steps (with their deadlines), promised updates (kept or missed), channels (every publication,
every channel left out). Vertical lines mark the first alert, activation, the cell formed, the
first-message target (30 minutes by default) and the resolution.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

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
from crisisplay.report.chart_text import declutter, fit, text_width
from crisisplay.report.document import Report

HEADER = 58.0
#: baselines of the phase names and of the moments' names (a second line when they crowd)
PHASE_Y, MOMENT_Y = 16.0, (31.0, 44.0)
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
    _axis(report, scale, chart)
    chart.marks = [mark.said() for mark in merge_marks(chart.marks)]
    _legend(chart, [*lanes.legend, *_phase_legend(report)])
    chart.labels = declutter(chart.labels, _other_places(chart))
    return chart


def _other_places(chart: Chart) -> dict[int, tuple[float, ...]]:
    """Where a crowded label may go instead: a moment's name to the second line, an inject's
    number below its mark."""
    moves: dict[int, tuple[float, ...]] = {}
    for index, label in enumerate(chart.labels):
        if label.css.startswith("moment-label"):
            moves[index] = MOMENT_Y[1:]
        elif label.css == "inject-number":
            moves[index] = (label.y + 23,)
    return moves


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
    i, w = report.kpis.incident, report.reading
    exercise = w("chart.exercise") if i.drill else ""
    return exercise + w("chart.title", title=i.title or i.scenario, incident=i.incident)


def chart_desc(report: Report) -> str:
    k, w = report.kpis, report.reading
    word = k.first_public_message
    first = (
        w(
            "chart.first",
            after=w.duration(word.after_min),
            target=w.duration(word.target_min),
            verdict=w.met(word.met),
        )
        if word.at
        else w("chart.no_public")
    )
    c = k.promise_counts
    return cell_desc(report) + w(
        "chart.desc",
        start=w.times.stamp(k.incident.activated_at),
        zone=w.times.zone_label,
        phases=w.count(len(report.phases), "phase"),
        channels=w.count(len(k.messages_per_channel), "channel"),
        decisions=w.count(sum(len(g.decisions) for g in k.gates), "gate_decision"),
        promises=w.count(c.made, "promise"),
        kept=c.kept,
        first=first,
    )


def cell_desc(report: Report) -> str:
    """When someone was paged: when the cell was formed, or that it never was."""
    m, w = report.mobilisation, report.reading
    if m is None:
        return ""
    if m.formed_at is None:
        return w("chart.desc_not_formed", pages=w.count(len(m.pages), "page"))
    after = w.duration(m.activation_to_formed_min)
    return w("chart.desc_formed", pages=w.count(len(m.pages), "page"), after=after)


def phase_name(report: Report, index: int) -> str:
    phase = report.phases[index]
    return f"{index + 1}. {phase.title or phase.phase}"


def _phase_legend(report: Report) -> list[LegendItem]:
    """Every phase by its full name, in the legend: the bands show them abbreviated."""
    return [
        LegendItem("bar", f"band-{i % 2} phase-key", phase_name(report, i))
        for i in range(len(report.phases))
    ]


def _phase_bands(report: Report, scale: TimeScale, chart: Chart) -> None:
    phases, w = report.phases, report.reading
    for index, phase in enumerate(phases):
        end = phases[index + 1].entered_at if index + 1 < len(phases) else scale.end
        x0, x1 = scale.x(phase.entered_at), scale.x(end)
        name = phase_name(report, index)
        title = w("chart.phase", name=name, at=w.clock(phase.entered_at))
        chart.bands.append(Band(x0, x1, f"band-{index % 2}", title))
        shown = fit(name, "phase-label", 11.0, x1 - x0 - 6) or fit(
            str(index + 1), "phase-label", 11.0, x1 - x0 - 4
        )
        if shown:
            chart.labels.append(Label(x0 + 3, PHASE_Y, shown, "phase-label", title=title))


def _moments(report: Report, scale: TimeScale, chart: Chart) -> None:
    i, w = report.kpis.incident, report.reading
    top, bottom = chart.plot_top - 10, chart.plot_bottom
    moments: list[tuple[datetime | None, str, str, str]] = [
        (i.alert_at, w("chart.alert"), "alert", "end"),
        (i.activated_at, w("chart.activation"), "activation", "start"),
        (
            i.activated_at + timedelta(minutes=i.first_message_target_min),
            w("target", target=w.duration(i.first_message_target_min)),
            "target",
            "start",
        ),
        (i.resolved_at, w("chart.resolved"), "resolved", "end"),
    ]
    if report.mobilisation is not None:
        moments.append((report.mobilisation.formed_at, w("chart.formed"), "formed", "start"))
    for moment, text, css, anchor in moments:
        if moment is None:
            continue
        x = scale.x(moment)
        title = w("chart.moment", what=text, at=w.clock(moment), zone=w.times.zone_label)
        chart.lines.append(Line(x, top, x, bottom, f"moment {css}", title))
        shift = 3 if anchor == "start" else -3
        chart.labels.append(
            Label(x + shift, MOMENT_Y[0], text, f"moment-label {css}", anchor, title)
        )


def _axis(report: Report, scale: TimeScale, chart: Chart) -> None:
    y, w = chart.plot_bottom, report.reading
    activated_at = report.kpis.incident.activated_at
    for moment in scale.ticks(activated_at):
        x = scale.x(moment)
        chart.grid.append(Line(x, chart.plot_top, x, y + 4, "grid"))
        chart.labels.append(Label(x, y + 16, w.since(moment, activated_at), "tick", "middle"))
        local = w.times.local(moment)
        chart.labels.append(Label(x, y + 28, f"{local:%H:%M}", "tick clock", "middle"))
    chart.labels.append(Label(PLOT_X0 - 8, y + 28, w.times.zone_label, "tick", "end"))
    chart.lines.append(Line(PLOT_X0, y, PLOT_X1, y, "axis"))


def _legend(chart: Chart, items: Sequence[LegendItem]) -> None:
    x, y = PLOT_X0, chart.plot_bottom + 52
    for item in items:
        width = 26 + text_width(item.text, "legend-text", 11.0)
        if x + width > PLOT_X1:
            x, y = PLOT_X0, y + 18
        chart.legend.append(Mark(x + 4, y, item.shape, item.css, item.text))
        chart.labels.append(Label(x + 12, y + 4, item.text, "legend-text"))
        x += width
    chart.height = y + 20
