"""The incident's state: a pure fold over its timeline.

``fold(events)`` builds an ``IncidentState`` from nothing but events; ``apply`` adds one more
(the walkthrough engine applies each event it records, so its view never drifts from the file).
Unknown kinds are kept in ``others`` and otherwise ignored, so a newer timeline still folds.
The state knows nothing of the playbook: projections that need deadlines or gate definitions
(``crisisplay.engine``, ``crisisplay.status``, the report) combine it with the scenario.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crisisplay.timeline import kinds
from crisisplay.timeline.events import Event, parse_time


@dataclass
class FactState:
    value: Any
    set_by: str
    set_at: datetime
    source: str
    validated_by: str | None = None
    history: list[tuple[datetime, Any, str]] = field(default_factory=list)

    @property
    def validated(self) -> bool:
        return self.validated_by is not None


@dataclass
class RoleState:
    person: str | None
    name: str | None
    via: str
    on_duty: bool
    at: datetime


@dataclass
class GapState:
    """A required role nobody covers: seen by the roster check, then answered by the lead."""

    reason: str
    at: datetime
    closed_at: datetime | None = None
    #: the lead has said why the cell goes on without the role (not just the roster's finding)
    acknowledged: bool = False


@dataclass
class StepState:
    phase: str
    status: str  # started | done | skipped
    started_at: datetime | None = None
    ended_at: datetime | None = None
    reason: str | None = None
    by: str | None = None
    checklist: list[str] = field(default_factory=list)


@dataclass
class GateDecision:
    outcome: str  # passed | refused | overridden
    at: datetime
    by: str
    role: str | None
    comment: str | None


@dataclass
class GateState:
    decisions: list[GateDecision] = field(default_factory=list)
    #: facts its validator confirmed; changing one of them re-opens the gate
    validated_facts: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        """pending, passed, refused, overridden, or reopened (a fact it confirmed changed)."""
        return self.decisions[-1].outcome if self.decisions else "pending"

    @property
    def asked(self) -> int:
        """How many times the validator was asked (re-openings are not answers)."""
        return sum(1 for d in self.decisions if d.outcome != "reopened")

    @property
    def cleared(self) -> bool:
        """Passed, or overridden by the lead: a message behind it may go out."""
        return self.status in ("passed", "overridden")


@dataclass
class Rendered:
    channel: str
    lang: str
    sha256: str
    at: datetime
    ok: bool


@dataclass
class Publication:
    at: datetime
    channels: list[str]
    by: str
    gates_overridden: list[str]


@dataclass
class MessageState:
    kind: str
    rendered: dict[str, Rendered] = field(default_factory=dict)
    skipped_channels: dict[str, str] = field(default_factory=dict)
    publications: list[Publication] = field(default_factory=list)
    skipped: str | None = None
    #: facts corrected from its publish question
    corrections: int = 0
    #: when it was last rendered (every channel, or skipped by its condition)
    rendered_at: datetime | None = None
    #: the next update promised by its latest rendering (holding statements, updates)
    next_update: datetime | None = None

    @property
    def published(self) -> bool:
        return bool(self.publications)


@dataclass
class Promise:
    due: datetime
    made_at: datetime
    message: str
    kept_at: datetime | None = None


@dataclass
class EscalationState:
    role: str
    because: str
    fired_at: datetime
    done_at: datetime | None = None
    person: str | None = None
    declined: str | None = None


@dataclass
class Entry:
    """A free note or decision logged by any member of the cell."""

    kind: str
    at: datetime
    actor: str
    role: str | None
    text: str


@dataclass
class IncidentState:
    """Everything the timeline says about an incident, as of its last event."""

    incident: str | None = None
    scenario: str | None = None
    title: str | None = None
    lang: str | None = None
    drill: bool = False
    drill_id: str | None = None
    lead_role: str | None = None
    activated_at: datetime | None = None
    activated_by: str | None = None
    alert_at: datetime | None = None
    facts: dict[str, FactState] = field(default_factory=dict)
    facts_changed_at: datetime | None = None
    severity: str | None = None
    severity_history: list[dict[str, Any]] = field(default_factory=list)
    roles: dict[str, RoleState] = field(default_factory=dict)
    gaps: dict[str, GapState] = field(default_factory=dict)
    phase: str | None = None
    phases_entered: list[tuple[str, datetime]] = field(default_factory=list)
    steps: dict[str, StepState] = field(default_factory=dict)
    gates: dict[str, GateState] = field(default_factory=dict)
    messages: dict[str, MessageState] = field(default_factory=dict)
    promises: list[Promise] = field(default_factory=list)
    #: promises not answered yet (kept apart so a long incident folds in linear time)
    pending_promises: list[Promise] = field(default_factory=list)
    escalations: dict[str, EscalationState] = field(default_factory=dict)
    resolved_at: datetime | None = None
    post_actions: dict[str, StepState] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    injects: list[Event] = field(default_factory=list)
    paused_at: datetime | None = None
    completed_at: datetime | None = None
    repairs: int = 0
    others: list[Event] = field(default_factory=list)
    last_seq: int = 0
    last_at: datetime | None = None
    head: str | None = None

    def fact_values(self) -> dict[str, Any]:
        return {fact_id: fact.value for fact_id, fact in self.facts.items()}

    def elapsed(self, now: datetime) -> timedelta:
        return now - self.activated_at if self.activated_at else timedelta(0)

    def open_promise(self) -> Promise | None:
        """The latest promise of an update not yet kept."""
        return self.pending_promises[-1] if self.pending_promises else None

    def apply(self, event: Event) -> None:
        """Add one event to the state (the fold's step)."""
        handler = _HANDLERS.get(event.kind)
        at = _event_time(event.time)
        if handler is None:
            self.others.append(event)
        else:
            handler(self, event, at)
        self.last_seq = event.seq
        self.last_at = at
        self.head = event.hash


def _event_time(text: str) -> datetime:
    """An event's own time: its shape was checked when the line was read, so the C parser alone
    is enough (this runs once per event of every fold)."""
    return datetime.fromisoformat(text[:-1] + "+00:00")


def fold(events: Iterable[Event]) -> IncidentState:
    """The state an incident is in after ``events`` (pure: the events are not changed)."""
    state = IncidentState()
    for event in events:
        state.apply(event)
    return state


# ---------------------------------------------------------------- handlers


def _text(payload: dict[str, Any], key: str) -> str | None:
    value = payload.get(key)
    return value if isinstance(value, str) else None


def _strings(payload: dict[str, Any], key: str) -> list[str]:
    value = payload.get(key)
    return [str(item) for item in value] if isinstance(value, list) else []


def _moment(payload: dict[str, Any], key: str) -> datetime | None:
    """A time inside a payload; a malformed one is ignored rather than breaking the fold."""
    text = _text(payload, key)
    try:
        return parse_time(text) if text else None
    except ValueError:
        return None


def _activated(state: IncidentState, event: Event, at: datetime) -> None:
    p = event.payload
    state.incident = event.incident
    state.scenario = _text(p, "scenario")
    state.title = _text(p, "title")
    state.lang = _text(p, "lang")
    state.drill = bool(p.get("drill", False))
    state.drill_id = _text(p, "drill_id")
    state.lead_role = _text(p, "lead_role")
    state.activated_at = at
    state.activated_by = event.actor
    state.alert_at = _moment(p, "alert_at")


def _fact_set(state: IncidentState, event: Event, at: datetime) -> None:
    p = event.payload
    fact_id = str(p.get("fact"))
    source = _text(p, "source") or "answer"
    previous = state.facts.get(fact_id)
    history = [*previous.history] if previous else []
    history.append((at, p.get("value"), event.actor))
    state.facts[fact_id] = FactState(p.get("value"), event.actor, at, source, None, history)
    state.facts_changed_at = at
    # A figure the validator confirmed has changed: the gate must be passed again.
    for gate in state.gates.values():
        if fact_id in gate.validated_facts and gate.status == "passed":
            reason = f"{fact_id} changed"
            gate.decisions.append(GateDecision("reopened", at, event.actor, event.role, reason))
            gate.validated_facts.discard(fact_id)
    if source == "correction" and isinstance(p.get("message"), str):
        state.messages.setdefault(p["message"], MessageState("")).corrections += 1


def _facts_validated(state: IncidentState, event: Event, at: datetime) -> None:
    gate = state.gates.setdefault(str(event.payload.get("gate")), GateState())
    for fact_id in _strings(event.payload, "facts"):
        fact = state.facts.get(fact_id)
        if fact is not None:
            fact.validated_by = event.actor
            gate.validated_facts.add(fact_id)


def _severity(state: IncidentState, event: Event, at: datetime) -> None:
    state.severity = _text(event.payload, "level")
    state.facts_changed_at = at
    state.severity_history.append({"at": at, "by": event.actor, **event.payload})


def _role_assigned(state: IncidentState, event: Event, at: datetime) -> None:
    p = event.payload
    role = str(p.get("role"))
    state.roles[role] = RoleState(
        _text(p, "person"),
        _text(p, "name"),
        _text(p, "via") or "assigned",
        bool(p.get("on_duty", False)),
        at,
    )
    gap = state.gaps.get(role)
    if gap is not None and gap.closed_at is None:
        gap.closed_at = at


def _role_gap(state: IncidentState, event: Event, at: datetime) -> None:
    role = str(event.payload.get("role"))
    reason = _text(event.payload, "reason") or ""
    acknowledged = not event.payload.get("detected", False)
    gap = state.gaps.get(role)
    if gap is not None and gap.closed_at is None:  # the same gap, now explained by the lead
        gap.reason = reason
        gap.acknowledged = gap.acknowledged or acknowledged
    else:
        state.gaps[role] = GapState(reason, at, acknowledged=acknowledged)


def _phase(state: IncidentState, event: Event, at: datetime) -> None:
    phase = str(event.payload.get("phase"))
    state.phase = phase
    state.phases_entered.append((phase, at))


def _step(status: str) -> Any:
    def handler(state: IncidentState, event: Event, at: datetime) -> None:
        p = event.payload
        step_id = str(p.get("step"))
        step = state.steps.get(step_id) or StepState(str(p.get("phase")), status)
        step.status = status
        step.by = event.actor
        if status == "started":
            step.started_at = at
        else:
            step.ended_at = at
            step.reason = _text(p, "reason")
            step.checklist = _strings(p, "checklist")
        state.steps[step_id] = step

    return handler


def _gate(outcome: str) -> Any:
    def handler(state: IncidentState, event: Event, at: datetime) -> None:
        p = event.payload
        gate = state.gates.setdefault(str(p.get("gate")), GateState())
        comment = _text(p, "comment") or _text(p, "reason")
        by = _text(p, "validator") or event.actor
        gate.decisions.append(GateDecision(outcome, at, by, event.role, comment))

    return handler


def _message(state: IncidentState, p: dict[str, Any]) -> MessageState:
    message_id = str(p.get("message"))
    found = state.messages.get(message_id)
    if found is None:
        found = state.messages[message_id] = MessageState(str(p.get("kind", "")))
    return found


def _rendered(state: IncidentState, event: Event, at: datetime) -> None:
    p = event.payload
    channel = str(p.get("channel"))
    message = _message(state, p)
    message.rendered[channel] = Rendered(
        channel, str(p.get("lang")), str(p.get("sha256")), at, bool(p.get("ok", True))
    )
    message.rendered_at = at
    message.next_update = _moment(p, "next_update")


def _channel_skipped(state: IncidentState, event: Event, at: datetime) -> None:
    p = event.payload
    message = _message(state, p)
    message.skipped_channels[str(p.get("channel"))] = _text(p, "reason") or ""
    message.rendered_at = at


def _published(state: IncidentState, event: Event, at: datetime) -> None:
    p = event.payload
    message = _message(state, p)
    channels = _strings(p, "channels")
    overridden = _strings(p, "gates_overridden")
    message.publications.append(Publication(at, channels, event.actor, overridden))
    # A promised update is answered by the next update or by the resolution, whatever its time;
    # whether it was kept is that time against the promise's due time.
    if message.kind in ("update", "resolution"):
        for promise in state.pending_promises:
            promise.kept_at = at
        state.pending_promises.clear()


def _promise(state: IncidentState, event: Event, at: datetime) -> None:
    due = _moment(event.payload, "due")
    if due is not None:
        message = _text(event.payload, "message") or ""
        promise = Promise(due, at, message)
        state.promises.append(promise)
        state.pending_promises.append(promise)


def _escalation_fired(state: IncidentState, event: Event, at: datetime) -> None:
    p = event.payload
    state.escalations[str(p.get("rule"))] = EscalationState(
        str(p.get("role")), _text(p, "because") or "", at
    )


def _escalation_done(state: IncidentState, event: Event, at: datetime) -> None:
    p = event.payload
    escalation = state.escalations.get(str(p.get("rule")))
    if escalation is not None:
        escalation.done_at = at
        escalation.person = _text(p, "person")
        escalation.declined = _text(p, "declined")


def _resolved(state: IncidentState, event: Event, at: datetime) -> None:
    state.resolved_at = at


def _post(status: str) -> Any:
    def handler(state: IncidentState, event: Event, at: datetime) -> None:
        p = event.payload
        action_id = str(p.get("action"))
        action = state.post_actions.get(action_id) or StepState("after", status)
        action.status = status
        action.by = event.actor
        if status == "started":
            action.started_at = at
        else:
            action.ended_at = at
            action.reason = _text(p, "reason")
        state.post_actions[action_id] = action

    return handler


def _message_skipped(state: IncidentState, event: Event, at: datetime) -> None:
    _message(state, event.payload).skipped = _text(event.payload, "reason") or ""


def _entry(state: IncidentState, event: Event, at: datetime) -> None:
    text = _text(event.payload, "text") or ""
    state.entries.append(Entry(event.kind, at, event.actor, event.role, text))


def _inject(state: IncidentState, event: Event, at: datetime) -> None:
    state.injects.append(event)


def _paused(state: IncidentState, event: Event, at: datetime) -> None:
    state.paused_at = at


def _completed(state: IncidentState, event: Event, at: datetime) -> None:
    state.completed_at = at


def _repaired(state: IncidentState, event: Event, at: datetime) -> None:
    state.repairs += 1


_HANDLERS: dict[str, Any] = {
    kinds.INCIDENT_ACTIVATED: _activated,
    kinds.FACT_SET: _fact_set,
    kinds.FACTS_VALIDATED: _facts_validated,
    kinds.SEVERITY_ASSESSED: _severity,
    kinds.ROLE_ASSIGNED: _role_assigned,
    kinds.ROLE_GAP: _role_gap,
    kinds.PHASE_ENTERED: _phase,
    kinds.STEP_STARTED: _step("started"),
    kinds.STEP_DONE: _step("done"),
    kinds.STEP_SKIPPED: _step("skipped"),
    kinds.GATE_PASSED: _gate("passed"),
    kinds.GATE_REFUSED: _gate("refused"),
    kinds.GATE_OVERRIDDEN: _gate("overridden"),
    kinds.MESSAGE_RENDERED: _rendered,
    kinds.CHANNEL_SKIPPED: _channel_skipped,
    kinds.MESSAGE_PUBLISHED: _published,
    kinds.PROMISE_MADE: _promise,
    kinds.ESCALATION_FIRED: _escalation_fired,
    kinds.ESCALATION_DONE: _escalation_done,
    kinds.INCIDENT_RESOLVED: _resolved,
    kinds.POST_ACTION_STARTED: _post("started"),
    kinds.POST_ACTION_DONE: _post("done"),
    kinds.MESSAGE_SKIPPED: _message_skipped,
    kinds.POST_ACTION_SKIPPED: _post("skipped"),
    kinds.DECISION_LOGGED: _entry,
    kinds.NOTE_ADDED: _entry,
    kinds.DRILL_INJECT: _inject,
    kinds.WALKTHROUGH_PAUSED: _paused,
    kinds.WALKTHROUGH_COMPLETED: _completed,
    kinds.TIMELINE_REPAIRED: _repaired,
}
