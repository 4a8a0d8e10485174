"""``compute_kpis``: every key figure of a response, from its timeline's events alone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from crisisplay.errors import TimelineError
from crisisplay.report import cell, timing
from crisisplay.report.drill import drill_result
from crisisplay.report.kpis import (
    ChannelMessages,
    ChannelSkip,
    DrillResult,
    IncidentInfo,
    Kpis,
    MessageSkip,
)
from crisisplay.timeline.events import Event
from crisisplay.timeline.state import IncidentState, Publication, fold

DEFAULT_TARGET_MIN = 30.0
DEFAULT_INTERVAL_MIN = 60.0


def compute_kpis(events: Sequence[Event]) -> Kpis:
    """The KPIs of the incident recorded by ``events`` (a pure function of them); for a drill,
    its expectations and score too (scored by the drills' own scoring, from the same fold)."""
    state = fold(events)
    return kpis_of(state, drill_result(state))


def kpis_of(
    state: IncidentState, drill: DrillResult | None = None, alert_at: datetime | None = None
) -> Kpis:
    """The KPIs of ``state``; ``alert_at`` when the first alert is known from the facts."""
    info = incident_info(state, alert_at)
    start, end, target = info.activated_at, info.ended_at, info.first_message_target_min
    publications = state.publications
    receipts = timing.readable(state)
    promises = tuple(timing.promise_kpi(p, end) for p in state.promises)
    gates = cell.gate_kpis(state.gates)
    alert = info.alert_at
    resolved = state.resolved_at
    return Kpis(
        incident=info,
        alert_to_activation_min=timing.minutes(start - alert) if alert else None,
        first_public_message=timing.first_word(publications, start, target, None, receipts),
        first_public_message_per_channel=timing.first_words(
            publications,
            start,
            target,
            {m_id: m.skipped_channels for m_id, m in state.messages.items()},
            receipts,
        ),
        promises=promises,
        promise_counts=timing.promise_counts(promises),
        update_cadence=timing.cadence(publications, info.update_interval_min),
        gates=gates,
        gate_decisions=cell.gate_counts(gates),
        step_counts=cell.step_counts(state.steps),
        steps_skipped=cell.skipped_steps(state.steps),
        roster_gaps=tuple(cell.roster_gap(r, g, end) for r, g in state.gaps.items()),
        escalations=tuple(cell.escalation(r, e) for r, e in state.escalations.items()),
        severity_changes=cell.severity_changes(state.severity_history),
        time_to_resolution_min=timing.minutes(resolved - start) if resolved else None,
        alert_to_resolution_min=timing.minutes(resolved - alert) if resolved and alert else None,
        messages_per_channel=messages_per_channel(publications),
        channels_skipped=channels_skipped(state),
        messages_skipped=tuple(
            MessageSkip(m_id, m.kind, m.skipped)
            for m_id, m in state.messages.items()
            if m.skipped is not None
        ),
        post_crisis=cell.post_crisis(state, publications),
        drill=drill,
    )


def incident_info(state: IncidentState, alert_at: datetime | None = None) -> IncidentInfo:
    if state.activated_at is None or state.incident is None or state.scenario is None:
        raise TimelineError("the timeline has no activation event: it is not an incident timeline")
    return IncidentInfo(
        incident=state.incident,
        scenario=state.scenario,
        title=state.title,
        lang=state.lang,
        drill=state.drill,
        drill_id=state.drill_id,
        activated_at=state.activated_at,
        activated_by=state.activated_by,
        alert_at=state.alert_at or alert_at,
        resolved_at=state.resolved_at,
        completed=state.completed_at is not None,
        ended_at=state.last_at or state.activated_at,
        events=state.last_seq,
        head=state.head,
        severity=state.severity,
        first_message_target_min=_target(state.first_message_target_min, DEFAULT_TARGET_MIN),
        update_interval_min=_target(state.update_interval_min, DEFAULT_INTERVAL_MIN),
    )


def messages_per_channel(
    publications: Sequence[Publication],
) -> tuple[ChannelMessages, ...]:
    counts: dict[str, int] = {}
    messages: dict[str, list[str]] = {}
    for publication in publications:
        for channel in publication.channels:
            counts[channel] = counts.get(channel, 0) + 1
            seen = messages.setdefault(channel, [])
            if publication.message not in seen:
                seen.append(publication.message)
    return tuple(
        ChannelMessages(channel, counts[channel], tuple(messages[channel]))
        for channel in sorted(counts)
    )


def channels_skipped(state: IncidentState) -> tuple[ChannelSkip, ...]:
    return tuple(
        ChannelSkip(message_id, channel, reason)
        for message_id, message in state.messages.items()
        for channel, reason in message.skipped_channels.items()
    )


def _target(recorded: float | None, default: float) -> float:
    return default if recorded is None or recorded < 0 else float(recorded)
