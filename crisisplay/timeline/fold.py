"""The fold: each event's typed payload applied to the incident's state.

One handler per payload class; :func:`apply` reads the payload with its kind's declaration and
dispatches on its type. Unknown kinds (a newer crisisplay wrote them) are kept in ``others``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from crisisplay.errors import Location, TimelineError
from crisisplay.timeline import vocabulary as v
from crisisplay.timeline.bulk import no_cycle_collection
from crisisplay.timeline.events import Event
from crisisplay.timeline.payloads import REGISTRY, PayloadError
from crisisplay.timeline.state import (
    DeliveryState,
    Entry,
    EscalationState,
    FactState,
    GapState,
    GateDecision,
    GateState,
    IncidentState,
    InjectState,
    MessageState,
    PageState,
    Promise,
    Publication,
    Rendered,
    RoleState,
    SignalCrossing,
    SignalHour,
    StepState,
)

Handler = Callable[[IncidentState, Any, Event, datetime], None]


def fold_into(state: IncidentState, events: Iterable[Event], source: str) -> IncidentState:
    size = len(events) if isinstance(events, list) else 0
    try:
        with no_cycle_collection(size):
            for event in events:
                apply(state, event)
    except TimelineError as exc:
        raise TimelineError(
            exc.message, location=Location(source, state.last_seq + 1), hint=exc.hint
        ) from None
    return state


def apply(state: IncidentState, event: Event) -> None:
    """Add one event to the state (the fold's step)."""
    found = _STEPS.get(event.kind)
    # An event's time was checked when its line was read: the C parser alone is enough.
    at = datetime.fromisoformat(event.time[:-1] + "+00:00")
    if found is None:
        state.others.append(event)
    else:
        decode, handler = found
        try:
            payload = decode(event.payload)
        except PayloadError as exc:
            raise TimelineError(
                f"seq {event.seq}: the {event.kind} payload is malformed: {exc}"
            ) from None
        handler(state, payload, event, at)
    state.last_seq = event.seq
    state.last_at = at
    state.head = event.hash


# ---------------------------------------------------------------- handlers


def _activated(s: IncidentState, p: v.IncidentActivated, e: Event, at: datetime) -> None:
    s.incident = e.incident
    s.scenario, s.title, s.lang = p.scenario, p.title, p.lang
    s.drill, s.drill_id, s.drill_plan = p.drill, p.drill_id, p.drill_plan
    s.drill_speed, s.drill_paced = p.drill_speed, p.drill_paced
    s.lead_role = p.lead_role
    s.activated_at, s.activated_by, s.activation_seq = at, e.actor, e.seq
    s.alert_at = p.alert_at
    s.first_message_target_min = p.first_message_target_min
    s.update_interval_min = p.update_interval_min


def _fact_set(s: IncidentState, p: v.FactSet, e: Event, at: datetime) -> None:
    previous = s.facts.get(p.fact)
    history = [*previous.history] if previous else []
    history.append((at, p.value, e.actor, e.seq))
    s.facts[p.fact] = FactState(
        p.value, e.actor, at, p.source, None, history, e.seq, unknown=p.unknown, origin=p.origin
    )
    s.facts_changed_seq = e.seq
    # A figure the validator confirmed has changed: the gate must be passed again.
    for gate in s.gates.values():
        if p.fact in gate.validated_facts and gate.status == "passed":
            reason = f"{p.fact} changed"
            gate.decisions.append(GateDecision("reopened", at, e.actor, e.role, reason, e.seq))
            gate.validated_facts.discard(p.fact)
    if p.source == "correction" and p.message is not None:
        s.messages.setdefault(p.message, MessageState("")).corrections += 1


def _facts_validated(s: IncidentState, p: v.FactsValidated, e: Event, at: datetime) -> None:
    gate = s.gates.setdefault(p.gate, GateState())
    for fact_id in p.facts:
        fact = s.facts.get(fact_id)
        if fact is not None:
            fact.validated_by = e.actor
            gate.validated_facts.add(fact_id)


def _severity(s: IncidentState, p: v.SeverityAssessed, e: Event, at: datetime) -> None:
    s.severity = p.level
    s.facts_changed_seq = e.seq
    s.severity_history.append({"at": at, "by": e.actor, "seq": e.seq, **p.to_json()})


def _role_assigned(s: IncidentState, p: v.RoleAssigned, e: Event, at: datetime) -> None:
    s.roles[p.role] = RoleState(p.person, p.name, p.via, p.on_duty, at)
    gap = s.gaps.get(p.role)
    if gap is not None and gap.closed_at is None:
        gap.closed_at = at


def _role_gap(s: IncidentState, p: v.RoleGap, e: Event, at: datetime) -> None:
    s.roles.pop(p.role, None)  # recorded after an assignment, the role is now vacant
    gap = s.gaps.get(p.role)
    if gap is not None and gap.closed_at is None:  # the same gap, now explained by the lead
        gap.reason = p.reason
        gap.acknowledged = gap.acknowledged or not p.detected
    else:
        s.gaps[p.role] = GapState(p.reason, at, acknowledged=not p.detected)


def _phase(s: IncidentState, p: v.PhaseEntered, e: Event, at: datetime) -> None:
    s.phase = p.phase
    s.phases_entered.append((p.phase, at))


def _task(table: dict[str, StepState], task_id: str, phase: str | None, e: Event) -> StepState:
    task = table.get(task_id) or StepState(phase or "after", "started")
    task.by = e.actor
    task.seq = e.seq
    table[task_id] = task
    return task


def _step_started(s: IncidentState, p: v.StepStarted, e: Event, at: datetime) -> None:
    step = _task(s.steps, p.step, p.phase, e)
    step.status, step.started_at = "started", at


def _step_done(s: IncidentState, p: v.StepDone, e: Event, at: datetime) -> None:
    step = _task(s.steps, p.step, p.phase, e)
    step.status, step.ended_at, step.checklist = "done", at, list(p.checklist)


def _step_skipped(s: IncidentState, p: v.StepSkipped, e: Event, at: datetime) -> None:
    step = _task(s.steps, p.step, p.phase, e)
    step.status, step.ended_at, step.reason, step.auto = "skipped", at, p.reason, p.auto


def _checked(s: IncidentState, p: v.TaskChecked, e: Event, at: datetime) -> None:
    table = s.post_actions if p.post else s.steps
    task = table.get(p.task)
    if task is None:
        task = table[p.task] = StepState("after" if p.post else "", "started", started_at=at)
    task.checklist += [item for item in p.items if item not in task.checklist]


def _post_started(s: IncidentState, p: v.PostStarted, e: Event, at: datetime) -> None:
    action = _task(s.post_actions, p.action, p.phase, e)
    action.status, action.started_at, action.kind = "started", at, p.kind


def _post_done(s: IncidentState, p: v.PostDone, e: Event, at: datetime) -> None:
    action = _task(s.post_actions, p.action, p.phase, e)
    action.status, action.ended_at, action.kind = "done", at, p.kind
    action.checklist = list(p.checklist)


def _post_skipped(s: IncidentState, p: v.PostSkipped, e: Event, at: datetime) -> None:
    action = _task(s.post_actions, p.action, p.phase, e)
    action.status, action.ended_at, action.reason = "skipped", at, p.reason
    action.kind, action.auto = p.kind, p.auto


def _gate_decision(outcome: str) -> Handler:
    def handler(s: IncidentState, p: Any, e: Event, at: datetime) -> None:
        gate = s.gates.setdefault(p.gate, GateState())
        if outcome == "overridden":
            by, comment = e.actor, p.reason
        else:
            by, comment = p.validator or e.actor, p.comment or None
        gate.decisions.append(GateDecision(outcome, at, by, e.role, comment, e.seq))

    return handler


def _message(s: IncidentState, message_id: str, kind: str) -> MessageState:
    found = s.messages.get(message_id)
    if found is None:
        found = s.messages[message_id] = MessageState(kind)
    elif not found.kind:
        found.kind = kind
    return found


def _rendered(s: IncidentState, p: v.MessageRendered, e: Event, at: datetime) -> None:
    message = _message(s, p.message, p.kind)
    if p.preview:
        return
    message.rendered[p.channel] = Rendered(
        p.channel, p.lang, p.sha256, at, p.ok, p.text, p.title, e.seq
    )
    message.rendered_seq = e.seq
    message.next_update = p.next_update


def _channel_skipped(s: IncidentState, p: v.ChannelSkipped, e: Event, at: datetime) -> None:
    message = _message(s, p.message, p.kind)
    message.skipped_channels[p.channel] = p.reason
    message.rendered_seq = e.seq


def _published(s: IncidentState, p: v.MessagePublished, e: Event, at: datetime) -> None:
    message = _message(s, p.message, p.kind)
    gates = tuple((gate_id, gate.status) for gate_id, gate in s.gates.items())
    publication = Publication(
        e.seq,
        at,
        p.message,
        p.kind,
        p.channels,
        p.public,
        e.actor,
        p.gates_overridden,
        p.texts,
        p.next_update,
        gates,
        p.corrects,
    )
    message.publications.append(publication)
    s.publications.append(publication)
    # A promised update is answered by the next update or by the resolution, whatever its time;
    # whether it was kept is that time against the promise's due time.
    if p.kind in v.ANSWERS_PROMISE and p.corrects is None:
        for promise in s.pending_promises:
            promise.kept_at = at
        s.pending_promises.clear()


def _message_skipped(s: IncidentState, p: v.MessageSkipped, e: Event, at: datetime) -> None:
    _message(s, p.message, p.kind).skipped = p.reason


def _promise(s: IncidentState, p: v.PromiseMade, e: Event, at: datetime) -> None:
    promise = Promise(p.due, at, p.message, seq=e.seq)
    s.promises.append(promise)
    s.pending_promises.append(promise)


def _escalation_fired(s: IncidentState, p: v.EscalationFired, e: Event, at: datetime) -> None:
    s.escalations[p.rule] = EscalationState(p.role, p.because, at)


def _escalation_done(s: IncidentState, p: v.EscalationDone, e: Event, at: datetime) -> None:
    escalation = s.escalations.get(p.rule)
    if escalation is not None:
        escalation.done_at = at
        escalation.person = p.person
        escalation.declined = p.declined


def _resolved(s: IncidentState, p: v.IncidentResolved, e: Event, at: datetime) -> None:
    s.resolved_at = at


def _entry(s: IncidentState, p: v.NoteAdded | v.DecisionLogged, e: Event, at: datetime) -> None:
    s.entries.append(Entry(e.kind, at, e.actor, e.role, p.text, e.seq))


def _late(s: IncidentState, p: v.LateAct, e: Event, at: datetime) -> None:
    items = p.events if isinstance(p.events, list) else []
    kinds = [str(item.get("kind")) for item in items if isinstance(item, dict)]
    text = f"{p.reason} ({', '.join(kinds)})" if kinds else p.reason
    s.entries.append(Entry(e.kind, at, e.actor, e.role, text, e.seq))


def _inject(s: IncidentState, p: v.DrillInject, e: Event, at: datetime) -> None:
    s.injects.append(InjectState(p.inject, p.kind, e.seq, at, p.target, p.text))


def _paused(s: IncidentState, p: v.WalkthroughPaused, e: Event, at: datetime) -> None:
    s.paused_at = at


def _completed(s: IncidentState, p: v.WalkthroughCompleted, e: Event, at: datetime) -> None:
    s.completed_at = at


def _delivery_requested(s: IncidentState, p: v.DeliveryRequested, e: Event, at: datetime) -> None:
    found = s.deliveries.get(p.delivery)
    if found is None:
        s.deliveries[p.delivery] = DeliveryState(
            p.delivery, p.message, p.publication, p.channel, p.account, p.account_kind, p.lang,
            at, e.actor, corrects=p.corrects, attempt=p.attempt, at=at, seq=e.seq,
        )  # fmt: skip
        return
    found.state, found.attempt, found.at, found.reason, found.seq = (
        "requested",
        p.attempt,
        at,
        None,
        e.seq,
    )


def _delivery_outcome(state: str) -> Handler:
    def handle(s: IncidentState, p: Any, e: Event, at: datetime) -> None:
        found = s.deliveries.get(p.delivery)
        if found is None or getattr(p, "attempt", found.attempt) != found.attempt:
            return  # an outcome of an attempt since retried: the retry's own outcome counts
        found.state, found.at, found.seq = state, at, e.seq
        if isinstance(p, v.DeliverySent):
            found.remote_id, found.url, found.details = p.remote_id, p.url, p.details
        else:
            found.reason = getattr(p, "reason", None)

    return handle


def _delivery_report(s: IncidentState, p: v.DeliveryReport, e: Event, at: datetime) -> None:
    found = s.deliveries.get(p.delivery)
    if found is not None:
        found.reports.append((p.remote_id, p.state))


def _page_sent(s: IncidentState, p: v.PageSent, e: Event, at: datetime) -> None:
    s.pages[p.page] = PageState(
        p.page, p.role, p.person, p.code, p.because, at, e.seq, accounts=p.accounts
    )


def _page_delivered(s: IncidentState, p: v.PageDelivered, e: Event, at: datetime) -> None:
    page = s.pages.get(p.page)
    if page is not None:
        page.delivered.append((p.account, p.ok))


def _page_answered(state: str) -> Handler:
    def handle(s: IncidentState, p: Any, e: Event, at: datetime) -> None:
        page = s.pages.get(p.page)
        # an answer after the role passed on still counts: the person is there, late
        if page is not None and page.state in ("paged", "escalated"):
            page.state, page.answered_at = state, at
            page.via = getattr(p, "via", None)
            page.reason = getattr(p, "reason", None)

    return handle


def _page_escalated(s: IncidentState, p: v.PageEscalated, e: Event, at: datetime) -> None:
    page = s.pages.get(p.page)
    if page is not None:
        page.escalated_to, page.escalated_at = p.to, at
        if page.state == "paged":
            page.state = "escalated"


def _board_taken(s: IncidentState, p: v.BoardTakenOver, e: Event, at: datetime) -> None:
    s.board_taken_seq, s.board_taken_by = e.seq, e.actor


def _repaired(s: IncidentState, p: v.TimelineRepaired, e: Event, at: datetime) -> None:
    s.repairs += 1


def _signal_summary(s: IncidentState, p: v.SignalSummary, e: Event, at: datetime) -> None:
    s.signal_hours[(p.signal, p.hour)] = SignalHour(p.count, p.level, p.baseline, p.ratio)


def _signal_level(s: IncidentState, p: v.SignalLevelCrossed, e: Event, at: datetime) -> None:
    s.signal_levels[p.signal] = p.level
    s.signal_crossings.append(
        SignalCrossing(p.signal, p.level, p.previous, p.hour, at, p.reason, p.proposed)
    )


_HANDLERS: dict[type, Handler] = {
    v.IncidentActivated: _activated,
    v.IncidentResolved: _resolved,
    v.FactSet: _fact_set,
    v.FactsValidated: _facts_validated,
    v.SeverityAssessed: _severity,
    v.RoleAssigned: _role_assigned,
    v.RoleGap: _role_gap,
    v.EscalationFired: _escalation_fired,
    v.EscalationDone: _escalation_done,
    v.PhaseEntered: _phase,
    v.StepStarted: _step_started,
    v.StepDone: _step_done,
    v.StepSkipped: _step_skipped,
    v.TaskChecked: _checked,
    v.GatePassed: _gate_decision("passed"),
    v.GateRefused: _gate_decision("refused"),
    v.GateOverridden: _gate_decision("overridden"),
    v.MessageRendered: _rendered,
    v.ChannelSkipped: _channel_skipped,
    v.MessagePublished: _published,
    v.MessageSkipped: _message_skipped,
    v.PromiseMade: _promise,
    v.PostStarted: _post_started,
    v.PostDone: _post_done,
    v.PostSkipped: _post_skipped,
    v.DecisionLogged: _entry,
    v.NoteAdded: _entry,
    v.LateAct: _late,
    v.WalkthroughPaused: _paused,
    v.WalkthroughCompleted: _completed,
    v.DrillInject: _inject,
    v.DeliveryRequested: _delivery_requested,
    v.DeliverySent: _delivery_outcome("sent"),
    v.DeliveryFailed: _delivery_outcome("failed"),
    v.DeliveryUnknown: _delivery_outcome("unknown"),
    v.DeliveryAbandoned: _delivery_outcome("abandoned"),
    v.DeliveryReport: _delivery_report,
    v.PageSent: _page_sent,
    v.PageDelivered: _page_delivered,
    v.PageAcked: _page_answered("acked"),
    v.PageDeclined: _page_answered("declined"),
    v.PageEscalated: _page_escalated,
    v.SignalSummary: _signal_summary,
    v.SignalLevelCrossed: _signal_level,
    v.BoardTakenOver: _board_taken,
    v.TimelineRepaired: _repaired,
}

#: each kind's reader and handler, looked up once per event
_STEPS: dict[str, tuple[Callable[[Any], Any], Handler]] = {
    kind: (spec.decode, _HANDLERS[spec.cls]) for kind, spec in REGISTRY.items()
}
