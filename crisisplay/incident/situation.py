"""The one situation: the incident's folded state read against its scenario and organisation at
one moment, computed once and asked by every view.

The lead's board, ``tasks``, ``status``, ``gate show``, ``publish``, ``render --timeline``,
``published``, drill scoring and the report read a :class:`Situation` and derive nothing
themselves: which tasks are waiting, open, started, late, done or skipped (the promised updates
and the work after the resolution included), which gates wait and exactly what their validator
is shown, the promise in force, who the incident waits on, the render context. Everything here
is pure: the caller gives the state and the moment.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.conditions import holds
from crisisplay.errors import TimelineError
from crisisplay.messages.fact_sources import IncidentFacts
from crisisplay.playbook.facts import fact_moment
from crisisplay.playbook.graph import DONE, Graph, due_at
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Gate, Message, Organisation, Scenario
from crisisplay.playbook.tasks import Task, all_tasks
from crisisplay.roster import candidates
from crisisplay.texts import t
from crisisplay.timeline.state import IncidentState, Promise, RoleState
from crisisplay.timeline.witness import short_head

TASK_STATES = ("waiting", "open", "started", "late", "done", "skipped")
#: kinds of message that speak after the crisis (a callback, a survey): never a first word
AFTER_CRISIS_KINDS = frozenset(("recontact", "survey"))


@dataclass(frozen=True)
class TaskView:
    """One piece of the incident's work as everyone sees it."""

    id: str
    title: str
    owner_role: str
    #: the person holding the owner role, if anyone
    owner: str | None
    state: str  # one of TASK_STATES
    due: datetime | None
    waits_on: tuple[str, ...]
    phase: str
    #: step | post | update (an update a promise opened)
    kind: str = "step"
    #: taken on (or done) by someone
    started: bool = False

    @property
    def finished(self) -> bool:
        return self.state in DONE

    def as_json(self, zone: ZoneInfo) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "owner_role": self.owner_role,
            "owner": self.owner,
            "state": self.state,
            "due": self.due.astimezone(zone).isoformat(timespec="seconds") if self.due else None,
            "waits_on": list(self.waits_on),
        }


@dataclass(frozen=True)
class ShownFact:
    fact: str
    value: Any
    unknown: bool
    known: bool


@dataclass(frozen=True)
class ShownText:
    message: str
    channel: str
    text: str


@dataclass(frozen=True)
class GateView:
    """A gate as its validator sees it: what it confirms, the facts with their values now and
    the exact texts behind it, and who may decide it."""

    id: str
    gate: Gate
    status: str  # pending | refused | reopened | passed | overridden
    deciders: tuple[str, ...]
    facts: tuple[ShownFact, ...]
    texts: tuple[ShownText, ...]

    @property
    def cleared(self) -> bool:
        return self.status in ("passed", "overridden")


class Situation:
    """The incident as it stands at ``now``; every property is computed once."""

    def __init__(
        self,
        state: IncidentState,
        playbook: Playbook,
        now: datetime,
        organisation: Organisation | None = None,
        lang: str | None = None,
    ) -> None:
        if state.scenario is None:
            raise TimelineError("the timeline has no activation event: it is not an incident")
        self.state = state
        self.playbook = playbook
        self.scenario: Scenario = playbook.scenario(state.scenario)
        #: the organisation (a drill may bring a roster of its own)
        self.org: Organisation = organisation or playbook.organisation
        self.now = now
        self._reader = lang

    def read_in(self, lang: str) -> Situation:
        """The same situation, its words in a reader's language."""
        return Situation(self.state, self.playbook, self.now, self.org, lang)

    # ------------------------------------------------------------ the cell

    @property
    def incident_lang(self) -> str:
        """The language of the incident's texts (what goes out)."""
        return self.state.lang or self.org.languages[0]

    @property
    def lang(self) -> str:
        """The language its reader reads: given, else the incident's."""
        return self._reader or self.incident_lang

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.org.timezone)

    @property
    def lead_role(self) -> str:
        return self.state.lead_role or self.org.lead_role

    @functools.cached_property
    def lead(self) -> str | None:
        """The person leading the cell: the lead role's holder, else whoever activated."""
        holder = self.state.roles.get(self.lead_role)
        if holder is not None and holder.person:
            return holder.person
        activator = self.state.activated_by
        return activator if activator and self.org.person(activator) else None

    def holder(self, role: str) -> RoleState | None:
        return self.state.roles.get(role)

    def vacant(self, role: str) -> bool:
        """Recorded as a gap that nobody closed since."""
        gap = self.state.gaps.get(role)
        return gap is not None and gap.closed_at is None

    def people_of(self, role: str) -> tuple[str, ...]:
        """Who acts in ``role`` now: its holder, then its backups on duty (nobody for a gap)."""
        if self.vacant(role):
            return ()
        holder = self.holder(role)
        people = [holder.person] if holder is not None and holder.person else []
        for found in candidates(self.org, role, self.now):
            if found.via == "backup" and found.on_duty and found.person.id not in people:
                people.append(found.person.id)
        return tuple(people)

    def roles_of(self, person: str) -> tuple[str, ...]:
        """The roles ``person`` holds in this incident (the lead's first)."""
        held = [role for role, h in self.state.roles.items() if h.person == person]
        if person == self.lead and self.lead_role not in held:
            held.insert(0, self.lead_role)
        held.sort(key=lambda role: role != self.lead_role)
        return tuple(held)

    def name_of(self, person: str) -> str:
        found = self.org.person(person)
        return found.name if found else person

    def clock(self, moment: datetime) -> str:
        """``HH:MM`` of ``moment`` in the organisation's time zone."""
        return moment.astimezone(self.zone).strftime("%H:%M")

    def fact_moment(self, fact_id: str) -> datetime | None:
        """When a time, date or date-time fact says: a time of day is the one nearest to when
        it was given; a day ends at its midnight."""
        fact = self.scenario.fact(fact_id)
        found = self.state.facts.get(fact_id)
        if fact is None or found is None or found.unknown or not found.value:
            return None
        value = found.value
        if fact.type == "datetime":
            return fact_moment(value)
        if fact.type == "date" and isinstance(value, str):
            day = date.fromisoformat(value)
            return datetime.combine(day + timedelta(days=1), time(), tzinfo=self.zone)
        if fact.type == "time" and isinstance(value, str):
            return nearest_clock(value, found.set_at, self.zone)
        return None

    def role_title(self, role: str) -> str:
        found = self.org.role(role)
        return found.title.get_text(self.lang) if found else role

    # ------------------------------------------------------------ conditions

    @functools.cached_property
    def variables(self) -> dict[str, Any]:
        """What conditions read: the known facts, the severity once assessed, the drill flag."""
        values = {k: v for k, v in self.state.fact_values().items() if v is not None}
        if self.state.severity is not None:
            values["severity"] = self.state.severity
        values["drill"] = self.state.drill
        return values

    def applies(self, when: str | None) -> bool:
        return holds(when, self.variables) is not False

    # ------------------------------------------------------------ the work

    @functools.cached_property
    def graph(self) -> Graph:
        return _graph(self.scenario)

    @property
    def task_defs(self) -> list[Task]:
        return list(self.graph.tasks)

    def task_def(self, task_id: str) -> Task | None:
        return self.graph.by_id.get(task_id)

    def carrier(self, message_id: str) -> Task | None:
        """The task that publishes ``message_id``."""
        return next((t for t in self.graph.tasks if message_id in t.messages), None)

    @functools.cached_property
    def tasks(self) -> tuple[TaskView, ...]:
        """Every task that applies, in the playbook's order, then the promised updates."""
        out = [view for task in self.graph.tasks if (view := self._task_view(task)) is not None]
        carrier = self.update_carrier
        if carrier is not None and self.state.promises:
            # once an update is promised, the update tasks are that step's work: never two
            # tasks for one update
            out = [v for v in out if v.id != carrier.id or v.state in DONE]
        return tuple(out) + self._update_tasks()

    def task(self, task_id: str) -> TaskView | None:
        return next((view for view in self.tasks if view.id == task_id), None)

    def task_status(self, task: Task) -> str | None:
        """What was recorded of ``task``: started, done, skipped, or None."""
        return self.graph.status(task, self.state)

    def unmet(self, task: Task) -> tuple[str, ...]:
        return tuple(
            w.label() for w in self.graph.unmet(task, self.state, self.variables, self.now)
        )

    def _task_view(self, task: Task) -> TaskView | None:
        status = self.task_status(task)
        if status is None and not self.applies(task.when):
            return None  # its condition leaves it out
        waits: tuple[str, ...] = ()
        if status in DONE:
            state = str(status)
        else:
            waits = self.unmet(task)
            state = "started" if status == "started" else ("waiting" if waits else "open")
        due = due_at(task, self.state)
        if state in ("waiting", "open", "started") and due is not None and self.now > due:
            state = "late"  # what it still waits on stays in waits_on
        holder = self.holder(task.owner)
        return TaskView(
            task.id,
            task.title.get_text(self.lang),
            task.owner,
            holder.person if holder else None,
            state,
            due,
            waits,
            task.phase,
            "post" if task.is_post else "step",
            status is not None,
        )

    @functools.cached_property
    def update_carrier(self) -> Task | None:
        """The step that publishes the scenario's recurring update, if any."""
        for task in self.graph.tasks:
            for message_id in task.messages:
                message = self.scenario.message(message_id)
                if message is not None and message.kind == "update" and not task.is_post:
                    return task
        return None

    def _update_tasks(self) -> tuple[TaskView, ...]:
        """One update per promise made, due at the promised time (or the step's cadence), done
        once a later update or the resolution answered it."""
        carrier = self.update_carrier
        owner = carrier.owner if carrier is not None else self.lead_role
        every = self._cadence(carrier)
        holder = self.holder(owner)
        out = []
        for number, promise in enumerate(self.state.promises, start=1):
            due = promise.due if every is None else min(promise.due, promise.made_at + every)
            if promise.kept_at is not None:
                state = "done"
            elif self.state.resolved_at is not None:
                state = "skipped"  # resolved: no further update is owed
            else:
                state = "late" if self.now > due else "open"
            title = t("update.title", self.lang, due=due.astimezone(self.zone).strftime("%H:%M"))
            person = holder.person if holder else None
            out.append(
                TaskView(f"update-{number}", title, owner, person, state, due, (), "", "update")
            )
        return tuple(out)

    def _cadence(self, carrier: Task | None) -> timedelta | None:
        if carrier is None:
            return None
        step = next((s for _, s in self.scenario.steps() if s.id == carrier.id), None)
        return step.every if step is not None else None

    @functools.cached_property
    def open_tasks(self) -> tuple[TaskView, ...]:
        """Open, started or late: the work someone can do now (or should have done)."""
        return tuple(v for v in self.tasks if v.state in ("open", "started", "late"))

    @functools.cached_property
    def late_tasks(self) -> tuple[TaskView, ...]:
        return tuple(v for v in self.tasks if v.state == "late")

    @functools.cached_property
    def phase(self) -> str | None:
        """The furthest phase the cell has worked in (a task taken on or done there)."""
        order = {phase.id: index for index, phase in enumerate(self.scenario.phases)}
        reached = [
            order[task.phase]
            for task in self.graph.tasks
            if not task.is_post
            and task.phase in order
            and (found := self.state.steps.get(task.id)) is not None
            and not (found.status == "skipped" and found.auto)
        ]
        if reached:
            return self.scenario.phases[max(reached)].id
        return self.scenario.phases[0].id if self.scenario.phases else None

    # ------------------------------------------------------------ gates

    def covered_messages(self, gate_id: str) -> tuple[Message, ...]:
        """The messages a gate holds back: those that name it, and those of a task that does."""
        found: list[Message] = []
        for message in self.scenario.messages:
            carrier = self.carrier(message.id)
            if gate_id in message.gates or (carrier is not None and gate_id in carrier.gates):
                found.append(message)
        return tuple(found)

    def gate_applies(self, gate_id: str) -> bool:
        gate = self.scenario.gate(gate_id)
        return gate is not None and self.applies(gate.when)

    def gate_status(self, gate_id: str) -> str:
        found = self.state.gates.get(gate_id)
        return found.status if found else "pending"

    def gate_cleared(self, gate_id: str) -> bool:
        """Passed, overridden, or left out by its condition."""
        return not self.gate_applies(gate_id) or self.gate_status(gate_id) in (
            "passed",
            "overridden",
        )

    def gate(self, gate_id: str) -> GateView:
        """What the validator of ``gate_id`` is shown (the board and ``gate show`` alike)."""
        gate = self.scenario.gate(gate_id)
        if gate is None:
            raise KeyError(gate_id)
        facts = []
        for fact_id in gate.facts:
            fact = self.state.facts.get(fact_id)
            facts.append(
                ShownFact(
                    fact_id,
                    fact.value if fact else None,
                    bool(fact and fact.unknown),
                    fact is not None,
                )
            )
        texts = []
        for message in self.covered_messages(gate_id):
            progress = self.state.messages.get(message.id)
            for rendered in progress.rendered.values() if progress else ():
                texts.append(ShownText(message.id, rendered.channel, rendered.text or ""))
        return GateView(
            gate_id,
            gate,
            self.gate_status(gate_id),
            self.people_of(gate.validator),
            tuple(facts),
            tuple(texts),
        )

    def gates_before(self, task: Task) -> tuple[str, ...]:
        """The gates a task must clear: its own, then those of its messages, each once."""
        wanted: list[str] = []
        for gate_id in task.gates:
            if gate_id not in wanted:
                wanted.append(gate_id)
        for message_id in task.messages:
            message = self.scenario.message(message_id)
            for gate_id in message.gates if message else ():
                if gate_id not in wanted:
                    wanted.append(gate_id)
        return tuple(wanted)

    @functools.cached_property
    def gates_waiting(self) -> tuple[GateView, ...]:
        """The gates the open work waits on, not yet cleared."""
        wanted: list[str] = []
        for view in self.open_tasks:
            task = self.task_def(view.id)
            if task is None:
                continue
            wanted += [g for g in self.gates_before(task) if g not in wanted]
        return tuple(self.gate(g) for g in wanted if not self.gate_cleared(g))

    # ------------------------------------------------------------ messages and promises

    @property
    def promise_in_force(self) -> Promise | None:
        """The latest promise made: what every text says until the next one (none once
        resolved)."""
        return self.state.promise_in_force

    @property
    def open_promise(self) -> Promise | None:
        """The latest promise of an update not yet kept."""
        return self.state.open_promise()

    @property
    def next_update(self) -> datetime | None:
        promise = self.open_promise
        return promise.due if promise else None

    def published(self, message_id: str) -> bool:
        progress = self.state.messages.get(message_id)
        return progress is not None and progress.published

    def settled(self, message_id: str) -> bool:
        """Published, or deliberately left out."""
        progress = self.state.messages.get(message_id)
        return progress is not None and (progress.published or progress.skipped is not None)

    @functools.cached_property
    def first_public_at(self) -> datetime | None:
        """When the public first heard from the cell (a callback after the crisis is none)."""
        return next(
            (
                p.at
                for p in self.state.publications
                if p.public and p.kind not in AFTER_CRISIS_KINDS and p.channels
            ),
            None,
        )

    def render_facts(self) -> IncidentFacts:
        """What a message rendered on this incident knows of it: its facts, severity, drill
        flag, the promise in force, what went out, its record's head and figures."""
        state = self.state
        promise = self.promise_in_force
        return IncidentFacts(
            incident_id=state.incident,
            scenario=state.scenario,
            facts={k: f.value for k, f in state.facts.items() if f.value is not None},
            severity=state.severity,
            drill=state.drill,
            next_update=self.clock(promise.due) if promise else None,
            promise_due=promise.due if promise else None,
            resolved=state.resolved_at is not None,
            published=frozenset(m for m, s in state.messages.items() if s.published),
            record_head=short_head(state.last_seq, state.head) if state.head else None,
            record=self.record_times(),
        )

    def record_times(self) -> tuple[tuple[str, Any], ...]:
        """The response as the record tells it, for the report frames (``HH:MM``, ``""`` when
        it has not happened): activation, resolution, the first public word and its delay, the
        promised updates made, kept and missed."""
        state = self.state
        if state.activated_at is None:
            return ()
        first = self.first_public_at
        after = (first - state.activated_at).total_seconds() / 60 if first else None
        ended = state.last_at or state.activated_at
        kept = sum(1 for p in state.promises if p.kept_at is not None and p.kept_at <= p.due)
        missed = sum(
            1
            for p in state.promises
            if (p.kept_at is not None and p.kept_at > p.due)
            or (p.kept_at is None and p.due < ended)
        )
        target = state.first_message_target_min
        return (
            ("activated", self.clock(state.activated_at)),
            ("resolved", self.clock(state.resolved_at) if state.resolved_at else ""),
            ("first_public", self.clock(first) if first else ""),
            ("first_public_after", None if after is None else round(after)),
            ("first_public_target", round(target if target and target >= 0 else 30.0)),
            ("promises_made", len(state.promises)),
            ("promises_kept", kept),
            ("promises_missed", missed),
        )

    # ------------------------------------------------------------ who the incident waits on

    @functools.cached_property
    def missing_roles(self) -> tuple[tuple[str, str], ...]:
        """The scenario's roles nobody holds, with the gap's reason when one was recorded."""
        return tuple(
            (role, self.state.gaps[role].reason if role in self.state.gaps else "")
            for role in self.scenario.roles
            if role not in self.state.roles
        )

    @functools.cached_property
    def late_acts(self) -> tuple[tuple[int, str, str], ...]:
        """Acts sent late from a laptop's outbox that no longer applied: (seq, who, why)."""
        return tuple((e.seq, e.actor, e.text) for e in self.state.entries if e.kind == "act.late")

    def waiting_on(self) -> tuple[tuple[str, str, str | None], ...]:
        """What the open work waits on: (kind, id, role) for each gate to decide and each task
        to do, in the order the cell meets them."""
        out: list[tuple[str, str, str | None]] = []
        for gate in self.gates_waiting:
            out.append(("gate", gate.id, gate.gate.validator))
        for view in self.open_tasks:
            out.append((view.kind, view.id, view.owner_role))
        return tuple(out)


def nearest_clock(clock: str, given: datetime, zone: ZoneInfo) -> datetime:
    """The ``HH:MM`` nearest to ``given`` (a time said at 23:30 for 01:00 is tomorrow's; said
    at 18:00 for 10:45, this morning's)."""
    hours, minutes = (int(part) for part in clock.split(":"))
    local = given.astimezone(zone)
    same_day = local.replace(hour=hours % 24, minute=minutes, second=0, microsecond=0)
    candidates = (same_day - timedelta(days=1), same_day, same_day + timedelta(days=1))
    return min(candidates, key=lambda moment: abs(moment - local))


@functools.lru_cache(maxsize=8)
def _graph(scenario: Scenario) -> Graph:
    return Graph(scenario, all_tasks(scenario))


__all__ = [
    "TASK_STATES",
    "GateView",
    "ShownFact",
    "ShownText",
    "Situation",
    "TaskView",
]
