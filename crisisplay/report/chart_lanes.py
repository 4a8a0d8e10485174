"""The rows of the timeline chart, group by group, each mark with a shape and a title."""

from __future__ import annotations

from datetime import datetime

from crisisplay.report import fmt
from crisisplay.report.chart_model import (
    LABEL_X,
    MAX_ROWS,
    PLOT_X0,
    PLOT_X1,
    ROW_H,
    Bar,
    Chart,
    Label,
    LegendItem,
    Line,
    Mark,
    TimeScale,
)
from crisisplay.report.document import Report, StepRecord
from crisisplay.report.kpis import PromiseKpi

#: publication shape and colour by message kind; every other public kind is a diamond
PUBLICATION_STYLE = {
    "holding": ("circle", "pub-holding", "holding statement"),
    "update": ("square", "pub-update", "update"),
    "resolution": ("triangle", "pub-resolution", "resolution"),
}
OTHER_PUBLIC = ("diamond", "pub-other", "other public message")
INTERNAL = ("ring", "pub-internal", "internal message")
GATE_STYLE = {
    "passed": ("check", "ok", "gate passed"),
    "refused": ("cross", "late", "gate refused"),
    "overridden": ("triangle", "warn late", "gate overridden"),
    "reopened": ("ring", "warn", "gate re-opened"),
}
LABEL_CHARS = 28


class LaneBuilder:
    """Adds rows to ``chart`` from ``top`` down; ``y`` is where the next row goes."""

    def __init__(self, report: Report, scale: TimeScale, chart: Chart, top: float) -> None:
        self.report = report
        self.scale = scale
        self.chart = chart
        self.y = top + 6
        self.legend: list[LegendItem] = []
        self.start = report.kpis.incident.activated_at

    def build(self) -> None:
        self.severity()
        self.injects()
        self.gates()
        self.steps()
        self.promises()
        self.channels()

    # ----------------------------------------------------------------- rows

    def group(self, name: str) -> None:
        self.y += 4
        self.chart.labels.append(Label(LABEL_X, self.y + 12, name, "group-label"))
        self.y += ROW_H

    def row(self, name: str) -> float:
        middle = self.y + ROW_H / 2
        shown = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
        self.chart.labels.append(Label(LABEL_X + 10, middle + 4, shown, "row-label", title=name))
        self.chart.lines.append(Line(PLOT_X0, middle, PLOT_X1, middle, "row-rule"))
        self.y += ROW_H
        return middle

    def capped(self, names: list[str], group: str) -> list[str]:
        """At most MAX_ROWS rows; a line says how many more the tables below list."""
        if len(names) <= MAX_ROWS:
            return names
        more = len(names) - MAX_ROWS
        self.chart.labels.append(
            Label(LABEL_X + 10, self.y + ROW_H * (MAX_ROWS + 1), f"… {more} more {group}", "more")
        )
        return names[:MAX_ROWS]

    def mark(self, at: datetime, y: float, style: tuple[str, str, str], title: str) -> None:
        shape, css, _ = style
        self.chart.marks.append(Mark(self.scale.x(at), y, shape, css, title))

    def keyed(self, *styles: tuple[str, str, str]) -> None:
        for shape, css, text in styles:
            item = LegendItem(shape, css, text)
            if item not in self.legend:
                self.legend.append(item)

    def when(self, at: datetime | None) -> str:
        return f"{fmt.clock(at, self.start)} UTC ({fmt.since(at, self.start)})"

    # --------------------------------------------------------------- groups

    def severity(self) -> None:
        changes = self.report.kpis.severity_changes
        if not changes:
            return
        y = self.row("severity")
        for change in changes:
            if change.at is None:
                continue
            x = self.scale.x(change.at)
            title = f"severity {change.level or '?'} at {self.when(change.at)} by {change.by}"
            self.chart.lines.append(Line(x, y - 6, x, y + 6, "severity-tick", title))
            self.chart.labels.append(
                Label(x + 3, y + 4, change.level or "?", "severity", title=title)
            )

    def injects(self) -> None:
        if not self.report.injects:
            return
        y = self.row("drill injects")
        style = ("diamond", "inject", "drill inject (numbered)")
        self.keyed(style)
        for number, inject in enumerate(self.report.injects, start=1):
            title = f"inject {number} ({inject.inject}) at {self.when(inject.at)}: {inject.text}"
            self.mark(inject.at, y, style, title)
            x = self.scale.x(inject.at)
            self.chart.labels.append(Label(x, y - 7, str(number), "inject-number", "middle", title))

    def gates(self) -> None:
        gates = self.report.kpis.gates
        if not gates:
            return
        self.group("Gates")
        by_id = {g.gate: g for g in gates}
        for gate_id in self.capped(list(by_id), "gates"):
            y = self.row(gate_id)
            for d in by_id[gate_id].decisions:
                style = GATE_STYLE.get(d.outcome, ("ring", "", d.outcome))
                self.keyed(style)
                why = f": {d.comment}" if d.comment else ""
                title = f"gate {gate_id} {d.outcome} by {d.by} at {self.when(d.at)}{why}"
                self.mark(d.at, y, style, title)

    def steps(self) -> None:
        steps = self.report.steps
        if not steps:
            return
        self.group("Steps")
        by_id = {s.step: s for s in steps}
        for step_id in self.capped(list(by_id), "steps"):
            step = by_id[step_id]
            self.step_row(step, self.row(step.title or step.step))

    def step_row(self, step: StepRecord, y: float) -> None:
        start = step.started_at or step.ended_at
        if start is not None:
            end = step.ended_at or self.report.kpis.incident.ended_at
            x0, x1 = self.scale.x(start), self.scale.x(end)
            css = {"done": "step-done", "skipped": "step-skipped"}.get(step.status, "step-open")
            why = f" ({step.reason})" if step.reason else ""
            title = f"step {step.step} {step.status}{why}: {self.when(start)} to {self.when(end)}"
            self.chart.bars.append(Bar(x0, max(x1, x0 + 3), y, css, title))
            if step.status == "skipped":
                self.chart.labels.append(Label(max(x1, x0 + 3) + 3, y + 4, "skipped", "skipped"))
        self.keyed(("bar", "step-done", "step, start to end"))
        if step.due_at is not None:
            self.deadline(step, y)

    def deadline(self, step: StepRecord, y: float) -> None:
        assert step.due_at is not None
        x = self.scale.x(step.due_at)
        title = f"step {step.step} due at {self.when(step.due_at)}"
        self.chart.lines.append(Line(x, y - 7, x, y + 7, "deadline", title))
        self.keyed(("deadline", "deadline", "step deadline"))
        if step.late_by_min and step.ended_at is not None:
            late = f"step {step.step} done {fmt.duration(step.late_by_min)} after its deadline"
            self.chart.bars.append(Bar(x, self.scale.x(step.ended_at), y, "step-late", late))
            self.keyed(("bar", "step-late", "done after its deadline"))

    def promises(self) -> None:
        promises = self.report.kpis.promises
        if not promises:
            return
        self.group("Promised updates")
        y = self.row("next update")
        for promise in promises:
            self.promise(promise, y)

    def promise(self, p: PromiseKpi, y: float) -> None:
        made, due = self.scale.x(p.made_at), self.scale.x(p.due)
        beyond = "" if self.scale.inside(p.due) else " (beyond the chart's right edge)"
        promised = f"update promised at {self.when(p.made_at)}, due {self.when(p.due)}{beyond}"
        self.chart.lines.append(Line(made, y, due, y, "promise-wait", promised))
        self.mark(p.due, y, ("flag", "due", ""), promised)
        self.keyed(("flag", "due", "update due"))
        if p.outcome == "kept" and p.answered_at is not None:
            style = ("check", "ok", "promise kept")
            early = fmt.duration(p.early_by_min)
            title = f"promise kept at {self.when(p.answered_at)}, {early} early"
            self.mark(p.answered_at, y, style, title)
            self.keyed(style)
        elif p.outcome in ("missed", "unanswered"):
            self.missed(p, y, due)

    def missed(self, p: PromiseKpi, y: float, due: float) -> None:
        at = p.answered_at or self.report.kpis.incident.ended_at
        style = ("cross", "late", "promise missed")
        late = fmt.duration(p.late_by_min)
        title = f"promise {p.outcome}: due {self.when(p.due)}, {late} late"
        x = self.scale.x(at)
        self.chart.lines.append(Line(due, y, x, y, "promise-late", title))
        self.mark(at, y, style, title)
        # near the right edge the delay is written to the left of its cross
        right = x < PLOT_X1 - 60
        label = Label(
            x + 6 if right else x - 8,
            y - 5,
            f"+{late}",
            "late-label",
            "start" if right else "end",
            title,
        )
        self.chart.labels.append(label)
        self.keyed(style)

    def channels(self) -> None:
        names = self.channel_names()
        if not names:
            return
        self.group("Channels")
        rows = {name: self.row(name) for name in self.capped(names, "channels")}
        for p in self.report.publications:
            style = self.publication_style(p.kind, p.public)
            self.keyed(style)
            for channel in p.channels:
                if channel in rows:
                    title = f"{p.message} ({p.kind}) on {channel} at {self.when(p.at)} by {p.by}"
                    self.mark(p.at, rows[channel], style, title)
        self.skipped_channels(rows)

    def channel_names(self) -> list[str]:
        names: list[str] = []
        for p in self.report.publications:
            names += [c for c in p.channels if c not in names]
        skipped = [s.channel for s in self.report.kpis.channels_skipped]
        return names + [c for c in dict.fromkeys(skipped) if c not in names]

    def skipped_channels(self, rows: dict[str, float]) -> None:
        rendered = {p.message: p.at for p in self.report.publications}
        for skip in self.report.kpis.channels_skipped:
            at = rendered.get(skip.message)
            if at is None or skip.channel not in rows:
                continue
            style = ("cross", "skip", "channel left out")
            self.keyed(style)
            title = f"{skip.message} not sent on {skip.channel}: {skip.reason}"
            self.mark(at, rows[skip.channel], style, title)

    @staticmethod
    def publication_style(kind: str, public: bool) -> tuple[str, str, str]:
        if not public:
            return INTERNAL
        return PUBLICATION_STYLE.get(kind, OTHER_PUBLIC)
