"""The after-action report: the KPIs plus the record a review reads beside them.

``build_report(events)`` folds the timeline once and keeps, beside the KPIs, the facts as they
ended, the notes and decisions, the drill injects, the phases and every publication: all that
the Markdown, HTML and JSON outputs show. The plan (step titles and deadlines from the scenario)
is optional.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crisisplay.playbook.graph import anchor_time
from crisisplay.report.alert import first_alert
from crisisplay.report.drill import drill_result
from crisisplay.report.jsonable import AsJson, jsonable
from crisisplay.report.kpis import Kpis, Mobilisation
from crisisplay.report.lazy import listed, mapped
from crisisplay.report.measure import kpis_of
from crisisplay.report.mobilisation import mobilisation_of
from crisisplay.report.plan import Plan, PlannedTask
from crisisplay.report.summary import key_figures
from crisisplay.report.timing import minutes
from crisisplay.report.words import Reading
from crisisplay.timeline.events import Event
from crisisplay.timeline.state import Entry, IncidentState, InjectState, Publication, fold

FORMAT = "crisisplay-report/1"


@dataclass(frozen=True)
class FactRecord(AsJson):
    fact: str
    value: Any
    set_by: str
    set_at: datetime
    source: str
    validated_by: str | None
    #: how many times it was set after the first
    changes: int


@dataclass(frozen=True)
class LogEntry(AsJson):
    kind: str  # note | decision
    at: datetime
    actor: str
    role: str | None
    text: str


@dataclass(frozen=True)
class InjectRecord(AsJson):
    inject: str
    kind: str | None
    at: datetime
    target: str | None
    text: str


@dataclass(frozen=True)
class PhaseRecord(AsJson):
    phase: str
    title: str | None
    entered_at: datetime


@dataclass(frozen=True)
class StepRecord(AsJson):
    step: str
    phase: str
    title: str | None
    status: str
    started_at: datetime | None
    ended_at: datetime | None
    by: str | None
    reason: str | None
    #: from the scenario when it could be read (the timeline does not record deadlines)
    due_at: datetime | None
    late_by_min: float | None


@dataclass(frozen=True)
class Report:
    kpis: Kpis
    facts: tuple[FactRecord, ...]
    log: Sequence[LogEntry]
    injects: tuple[InjectRecord, ...]
    phases: tuple[PhaseRecord, ...]
    steps: tuple[StepRecord, ...]
    publications: tuple[Publication, ...]
    #: the language, time zone and names the report is written in
    reading: Reading
    #: who raised the first alert, when the timeline says
    alert_source: str | None = None
    #: why deadlines are missing, when the scenario could not be read
    plan_note: str | None = None
    #: how the cell was paged and formed; None when the record holds no page
    mobilisation: Mobilisation | None = None

    def phase_title(self, phase: str) -> str:
        return next((p.title for p in self.phases if p.phase == phase and p.title), phase)

    def as_json(self) -> dict[str, Any]:
        """Every KPI by name at the top level, then the record they come from (the
        mobilisation only when someone was paged)."""
        paged = {"mobilisation": self.mobilisation.as_json()} if self.mobilisation else {}
        return {
            "format": FORMAT,
            **self.kpis.as_json(),
            **paged,
            "facts": jsonable(self.facts),
            "log": jsonable(self.log),
            "injects": jsonable(self.injects),
            "phases": jsonable(self.phases),
            "steps": jsonable(self.steps),
            "publications": listed(self.publications, _publication_json),
            "alert_source": self.alert_source,
            "plan_note": self.plan_note,
            "lang": self.reading.lang,
            "timezone": self.reading.times.zone.key,
            "labels": _labels(self),
        }


def build_report(
    events: Sequence[Event],
    plan: Plan | None = None,
    plan_note: str | None = None,
    lang: str | None = None,
) -> Report:
    return report_from_state(fold(events), plan, plan_note, lang)


def report_from_state(
    state: IncidentState,
    plan: Plan | None = None,
    plan_note: str | None = None,
    lang: str | None = None,
) -> Report:
    """The report of ``state`` in ``lang`` (else the incident's, else the organisation's)."""
    alert_at, source = first_alert(state, plan)
    kpis = kpis_of(state, drill_result(state), alert_at)
    return Report(
        kpis=kpis,
        facts=facts_of(state),
        log=mapped(state.entries, log_entry),
        injects=tuple(inject_record(e, state.lang) for e in state.injects),
        phases=tuple(
            PhaseRecord(p, plan.phase_titles.get(p) if plan else None, at)
            for p, at in state.phases_entered
        ),
        steps=steps_of(state, plan),
        publications=tuple(state.publications),
        reading=reading_of(state, plan, lang, alert_at),
        alert_source=source,
        plan_note=plan_note,
        mobilisation=mobilisation_of(state, plan.quorum if plan else None),
    )


def log_entry(e: Entry) -> LogEntry:
    return LogEntry(e.kind.split(".")[0], e.at, e.actor, e.role, e.text)


def reading_of(
    state: IncidentState, plan: Plan | None, lang: str | None, alert_at: datetime | None
) -> Reading:
    chosen = lang or state.lang or (plan.default_lang if plan else "en")
    moments = [alert_at, state.activated_at, state.last_at, *(p.due for p in state.promises)]
    if plan is None:
        return Reading.of(chosen, "UTC", moments)
    return Reading.of(
        chosen,
        plan.zone,
        moments,
        people=plan.people,
        roles=plan.roles,
        messages=plan.messages,
        severities=plan.severities,
        gates=plan.gates,
    )


def _labels(report: Report) -> dict[str, str]:
    """The name of every key figure in the report's language, for a dashboard to show."""

    return {f.name: f.label for f in key_figures(report)}


def facts_of(state: IncidentState) -> tuple[FactRecord, ...]:
    return tuple(
        FactRecord(
            fact_id, f.value, f.set_by, f.set_at, f.source, f.validated_by, len(f.history) - 1
        )
        for fact_id, f in state.facts.items()
    )


def inject_record(inject: InjectState, lang: str | None) -> InjectRecord:
    return InjectRecord(
        inject=inject.inject,
        kind=inject.kind,
        at=inject.at,
        target=inject.target,
        text=_local_text(inject.text, lang),
    )


def _local_text(value: object, lang: str | None) -> str:
    """An inject's text in the incident's language, else the first one it has."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value:
        chosen = value.get(lang) if lang in value else next(iter(value.values()))
        return chosen if isinstance(chosen, str) else str(chosen)
    return ""


def planned_due(task: PlannedTask, state: IncidentState) -> datetime | None:
    """When a step was due: its deadline after activation, or after the anchor it names (the
    moment the company learnt of an attack)."""

    if task.deadline is None:
        return None
    default = "resolution" if task.is_post else "activation"
    start = anchor_time(getattr(task.deadline, "anchor", None) or default, state)
    return start + task.deadline if start is not None else None


def steps_of(state: IncidentState, plan: Plan | None) -> tuple[StepRecord, ...]:
    records = []
    for step_id, step in state.steps.items():
        task = plan.tasks.get(step_id) if plan else None
        due = planned_due(task, state) if task else None
        late = None
        if due is not None and step.ended_at is not None and step.status == "done":
            late = max(0.0, minutes(step.ended_at - due))
        records.append(
            StepRecord(
                step_id,
                step.phase,
                task.title if task else None,
                step.status,
                step.started_at,
                step.ended_at,
                step.by,
                step.reason,
                due,
                late,
            )
        )
    return tuple(records)


def _publication_json(p: Publication) -> dict[str, Any]:
    return {
        "message": p.message,
        "kind": p.kind,
        "at": jsonable(p.at),
        "channels": list(p.channels),
        "public": p.public,
        "by": p.by,
        "gates_overridden": list(p.gates_overridden),
        "next_update": jsonable(p.next_update),
        "texts": [
            {"channel": t.channel, "lang": t.lang, "text": t.text, "title": t.title}
            for t in p.texts
        ],
    }
