"""The rows of the timeline chart, group by group, each mark with a shape and a title."""

from __future__ import annotations

import functools
from datetime import datetime

from crisisplay.report.chart_cell import cell_rows
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
    Title,
    merge_marks,
)
from crisisplay.report.document import Report, StepRecord
from crisisplay.report.kpis import GateDecisionKpi, PromiseKpi
from crisisplay.timeline.state import Publication

#: publication shape and colour by message kind; every other public kind is a diamond (the
#: third item names the legend's text in the catalogue, under ``report.legend.``)
PUBLICATION_STYLE = {
    "holding": ("circle", "pub-holding", "holding"),
    "update": ("square", "pub-update", "update"),
    "resolution": ("triangle", "pub-resolution", "resolution"),
}
OTHER_PUBLIC = ("diamond", "pub-other", "other_public")
INTERNAL = ("ring", "pub-internal", "internal")
GATE_STYLE = {
    "passed": ("check", "ok", "gate_passed"),
    "refused": ("cross", "late", "gate_refused"),
    "overridden": ("triangle", "warn late", "gate_overridden"),
    "reopened": ("ring", "warn", "gate_reopened"),
}
LABEL_CHARS = 28
#: marks held before those that overlap are merged (the chart shows a few hundred at most)
COMPACT = 20_000


class LaneBuilder:
    """Adds rows to ``chart`` from ``top`` down; ``y`` is where the next row goes."""

    def __init__(self, report: Report, scale: TimeScale, chart: Chart, top: float) -> None:
        self.report = report
        self.scale = scale
        self.chart = chart
        self.y = top + 6
        self.legend: list[LegendItem] = []
        self.start = report.kpis.incident.activated_at
        self.w = report.reading
        self.compact_at = COMPACT
        self.styles_keyed: set[tuple[str, str, str]] = set()

    def build(self) -> None:
        self.severity()
        self.injects()
        cell_rows(self)
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
            Label(
                LABEL_X + 10,
                self.y + ROW_H * (MAX_ROWS + 1),
                self.w(f"chart.more_{group}", n=more),
                "more",
            )
        )
        return names[:MAX_ROWS]

    def mark(self, at: datetime, y: float, style: tuple[str, str, str], title: Title) -> None:
        shape, css, _ = style
        marks = self.chart.marks
        marks.append(Mark(self.scale.x(at), y, shape, css, title))
        if len(marks) >= self.compact_at:  # a long incident: merged as they come, not at the end
            self.chart.marks = merge_marks(marks)
            self.compact_at = max(COMPACT, 2 * len(self.chart.marks))

    def keyed(self, *styles: tuple[str, str, str]) -> None:
        for style in styles:
            if style in self.styles_keyed:
                continue
            self.styles_keyed.add(style)
            shape, css, key = style
            item = LegendItem(shape, css, self.w(f"legend.{key}"))
            if item not in self.legend:
                self.legend.append(item)

    def when(self, at: datetime | None) -> str:
        return f"{self.w.clock(at)} ({self.w.since(at, self.start)})"

    # --------------------------------------------------------------- groups

    def severity(self) -> None:
        changes = self.report.kpis.severity_changes
        if not changes:
            return
        y = self.row(self.w("chart.severity"))
        for change in changes:
            if change.at is None:
                continue
            x = self.scale.x(change.at)
            level = self.w.severity(change.level)
            title = self.w(
                "chart.severity_at",
                level=level,
                at=self.when(change.at),
                by=self.w.person(change.by),
            )
            self.chart.lines.append(Line(x, y - 6, x, y + 6, "severity-tick", title))
            self.chart.labels.append(Label(x + 3, y + 4, level, "severity", title=title))

    def injects(self) -> None:
        if not self.report.injects:
            return
        y = self.row(self.w("chart.injects"))
        style = ("diamond", "inject", "inject")
        self.keyed(style)
        for number, inject in enumerate(self.report.injects, start=1):
            title = self.w(
                "chart.inject_at",
                n=number,
                inject=inject.inject,
                at=self.when(inject.at),
                text=inject.text,
            )
            self.mark(inject.at, y, style, title)
            x = self.scale.x(inject.at)
            self.chart.labels.append(Label(x, y - 7, str(number), "inject-number", "middle", title))

    def gates(self) -> None:
        gates = self.report.kpis.gates
        if not gates:
            return
        self.group(self.w("chart.gates"))
        by_id = {g.gate: g for g in gates}
        for gate_id in self.capped(list(by_id), "gates"):
            y = self.row(self.w.gate(gate_id))
            for d in by_id[gate_id].decisions:
                style = GATE_STYLE.get(d.outcome, GATE_STYLE["reopened"])
                self.keyed(style)
                self.mark(d.at, y, style, functools.partial(self.gate_title, gate_id, d))

    def gate_title(self, gate_id: str, d: GateDecisionKpi) -> str:
        why = f" : {d.comment}" if d.comment else ""
        return (
            self.w(
                "chart.gate_at",
                gate=self.w.gate(gate_id),
                outcome=self.w.word("gate", d.outcome),
                by=self.w.person(d.by),
                at=self.when(d.at),
            )
            + why
        )

    def steps(self) -> None:
        steps = self.report.steps
        if not steps:
            return
        self.group(self.w("chart.steps"))
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
            title = self.w(
                "chart.step_at",
                step=step.title or step.step,
                status=self.w.word("status", step.status) + why,
                start=self.when(start),
                end=self.when(end),
            )
            self.chart.bars.append(Bar(x0, max(x1, x0 + 3), y, css, title))
            if step.status == "skipped":
                skipped = self.w.word("status", "skipped")
                self.chart.labels.append(
                    Label(max(x1, x0 + 3) + 3, y + 4, skipped, "skipped", title=title)
                )
        self.keyed(("bar", "step-done", "step"))
        if step.due_at is not None:
            self.deadline(step, y)

    def deadline(self, step: StepRecord, y: float) -> None:
        assert step.due_at is not None
        x = self.scale.x(step.due_at)
        name = step.title or step.step
        title = self.w("chart.step_due", step=name, at=self.when(step.due_at))
        self.chart.lines.append(Line(x, y - 7, x, y + 7, "deadline", title))
        self.keyed(("deadline", "deadline", "deadline"))
        if step.late_by_min and step.ended_at is not None:
            late = self.w("chart.step_late", step=name, late=self.w.duration(step.late_by_min))
            self.chart.bars.append(Bar(x, self.scale.x(step.ended_at), y, "step-late", late))
            self.keyed(("bar", "step-late", "step_late"))

    def promises(self) -> None:
        promises = self.report.kpis.promises
        if not promises:
            return
        self.group(self.w("chart.promises"))
        y = self.row(self.w("chart.next_update"))
        for promise in promises:
            self.promise(promise, y)

    def promise(self, p: PromiseKpi, y: float) -> None:
        made, due = self.scale.x(p.made_at), self.scale.x(p.due)
        beyond = "" if self.scale.inside(p.due) else self.w("chart.beyond")
        promised = self.w("chart.promised", made=self.when(p.made_at), due=self.when(p.due))
        promised += beyond
        self.chart.lines.append(Line(made, y, due, y, "promise-wait", promised))
        self.mark(p.due, y, ("flag", "due", ""), promised)
        self.keyed(("flag", "due", "due"))
        if p.outcome == "kept" and p.answered_at is not None:
            style = ("check", "ok", "kept")
            early = self.w.duration(p.early_by_min)
            title = self.w("chart.kept", at=self.when(p.answered_at), early=early)
            self.mark(p.answered_at, y, style, title)
            self.keyed(style)
        elif p.outcome in ("missed", "unanswered"):
            self.missed(p, y, due)

    def missed(self, p: PromiseKpi, y: float, due: float) -> None:
        at = p.answered_at or self.report.kpis.incident.ended_at
        style = ("cross", "late", "missed")
        late = self.w.duration(p.late_by_min)
        title = self.w(
            "chart.missed",
            outcome=self.w.word("promise", p.outcome),
            due=self.when(p.due),
            late=late,
        )
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
        self.group(self.w("chart.channels"))
        rows = {name: self.row(name) for name in self.capped(names, "channels")}
        for p in self.report.publications:
            style = self.publication_style(p.kind, p.public)
            self.keyed(style)
            for channel in p.channels:
                if channel in rows:
                    title = functools.partial(self.published_title, p, channel)
                    self.mark(p.at, rows[channel], style, title)
        self.skipped_channels(rows)

    def published_title(self, p: Publication, channel: str) -> str:
        return self.w(
            "chart.published",
            message=self.w.message(p.message),
            channel=channel,
            at=self.when(p.at),
            by=self.w.person(p.by),
        )

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
            style = ("cross", "skip", "left_out")
            self.keyed(style)
            title = self.w(
                "chart.left_out",
                message=self.w.message(skip.message),
                channel=skip.channel,
                reason=skip.reason,
            )
            self.mark(at, rows[skip.channel], style, title)

    @staticmethod
    def publication_style(kind: str, public: bool) -> tuple[str, str, str]:
        if not public:
            return INTERNAL
        return PUBLICATION_STYLE.get(kind, OTHER_PUBLIC)
