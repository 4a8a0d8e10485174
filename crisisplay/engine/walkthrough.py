"""The walkthrough: one engine for activation, resume and drills.

It reads the incident's state (a fold of its timeline), finds the next thing the cell must do,
asks the prompter, and records every answer as typed events before going on. Because each
question is decided by the state alone, resuming is just running again on the folded timeline.
Every append returns what other writers appended meanwhile too, and all of it is folded in, so
the walkthrough's state is always the file's.

Order: facts -> severity -> roster -> escalations fired -> each step (gates, messages: render,
publish) -> post-crisis actions -> done. Escalation rules are re-checked whenever a fact or the
severity changes. Nothing here prints, prompts directly, reads the wall clock or exits; the acts
themselves are in ``facts_ops``, ``roster_ops``, ``steps_ops`` and ``message_ops``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from crisisplay.clock import Clock
from crisisplay.conditions import holds
from crisisplay.engine import facts_ops, message_ops, roster_ops, steps_ops
from crisisplay.engine import questions as q
from crisisplay.engine.acts import RUNAWAY_EVENTS, Act, Superseded, described, inert
from crisisplay.engine.tasks import Task, all_tasks
from crisisplay.errors import Interrupted, Runaway
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Message, Organisation, Scenario
from crisisplay.prompts import Answer, Notice, Prompter, Question
from crisisplay.texts import t
from crisisplay.timeline.events import Event, NewEvent
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.vocabulary import (
    PROMISING,
    FactSet,
    IncidentActivated,
    SeverityAssessed,
    WalkthroughCompleted,
    WalkthroughPaused,
    new_event,
)

Action = Callable[[], None]


class Recorder(Protocol):
    clock_behind: bool

    def commit_if(
        self, news: Sequence[NewEvent], expect: int | None
    ) -> tuple[list[Event], bool]: ...


class Ticker(Protocol):
    """Moves exercise time forward, firing what is due on the way (drill injects)."""

    def advance(self, walk: Walkthrough, until: datetime) -> None: ...


@dataclass
class Session:
    """Everything one walkthrough needs, passed in (principle 3: a pure core, thin edges)."""

    playbook: Playbook
    scenario: Scenario
    lang: str
    actor: str
    clock: Clock
    prompter: Prompter
    recorder: Recorder
    organisation: Organisation | None = None  # a drill may override the roster
    ticker: Ticker | None = None
    resume_hint: str = "crisisplay resume"

    @property
    def org(self) -> Organisation:
        return self.organisation or self.playbook.organisation


@dataclass
class Walkthrough:
    session: Session
    state: IncidentState
    tasks: list[Task] = field(init=False)
    #: events recorded since the last answer (a walkthrough that never asks is a runaway)
    unanswered: int = field(init=False, default=0)
    #: the clock was found behind the timeline (said once)
    warned_clock: bool = field(init=False, default=False)
    #: where this walkthrough took the board: a take-over recorded after it ends its run
    started_seq: int = field(init=False, default=0)
    #: who took the lead's board over from this walkthrough, if anyone did
    board_lost_to: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.tasks = all_tasks(self.session.scenario)
        self.started_seq = self.state.last_seq

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def lang(self) -> str:
        return self.session.lang

    # ------------------------------------------------------------ running

    def run(self) -> IncidentState:
        """Walk until the end; Ctrl-C records a pause and raises ``Interrupted`` (exit 130)."""
        try:
            while not self.step():
                if self.state.board_taken_seq > self.started_seq:
                    self.board_lost_to = self.state.board_taken_by
                    return self.state
        except KeyboardInterrupt:
            self.record(WalkthroughPaused(at=self.position()), checked=False)
            raise Interrupted(
                f"interrupted; every answer so far is in the timeline. "
                f"Resume with: {self.session.resume_hint}"
            ) from None
        return self.state

    def step(self) -> bool:
        """One thing done, or decided again when someone else recorded first; True at the end."""
        try:
            self.pulse()
            # A run cut between a fact and the escalation it fires resumes here.
            roster_ops.check_escalations(self)
            action = self.next_action()
            if action is not None:
                action()
                return False
            if self.state.completed_at is None:
                self.record(WalkthroughCompleted())
                self.show("done", t("completed", self.lang), level="ok")
            return True
        except Superseded as exc:
            self.show("superseded", t("superseded", self.lang), *described(exc.events))
            return False

    def pulse(self) -> None:
        if self.session.ticker is not None:
            self.session.ticker.advance(self, self.session.clock.now())

    def answered(self, answer: Answer) -> None:
        """Let time reach the moment a scripted answer was given (T+``at``)."""
        if answer.at is None or self.state.activated_at is None:
            return
        moment = self.state.activated_at + answer.at
        if self.session.ticker is not None:
            self.session.ticker.advance(self, moment)
        self.session.clock.wait_until(moment)

    def position(self) -> str:
        action = self.next_action()
        return getattr(action, "label", "end") if action else "end"

    # ------------------------------------------------------------ recording

    def record(self, *acts: Payload | Act, checked: bool = True) -> list[Event]:
        """Append events (all or none), fold in everything appended since the last look (other
        writers' too), then re-check escalation rules.

        ``checked``: recorded only if nobody appended since the state the act was decided on
        (check and append in one step, under the store's lock); otherwise ``Superseded``.
        """
        now = self.session.clock.now()
        lead = self.session.org.lead_role
        news = []
        for item in acts:
            act = item if isinstance(item, Act) else Act(item)
            actor = act.actor or self.session.actor
            role = act.role if act.actor else (act.role or lead)
            news.append(new_event(act.payload, actor, role, now))
        seen: list[Event] = []
        while True:
            expect = self.state.last_seq if checked else None
            events, recorded = self.session.recorder.commit_if(news, expect)
            self.state.apply_all(events)
            seen += events
            if recorded or not all(inert(e) for e in events):
                break
            # Only notes or previews came in between: nothing the act was decided on changed.
        self._after_commit(len(news))
        if not recorded:
            raise Superseded(seen)
        events = seen
        if any(e.kind in (FactSet.KIND, SeverityAssessed.KIND) for e in events):
            roster_ops.check_escalations(self)
        return events

    def show(
        self, kind: str, title: str, *lines: str, level: Any = "info", data: Any = None
    ) -> None:
        self.session.prompter.show(Notice(kind, title, tuple(lines), level, data))

    def ask(self, question: Question, parse: Callable[[Any], Any]) -> tuple[Any, Answer]:
        """Ask until the answer parses; a scripted prompter stops at the first bad one."""
        while True:
            answer = self.session.prompter.ask(question)
            try:
                value = parse(answer.value)
            except ValueError as exc:
                self.session.prompter.reject(question, answer, str(exc))
                continue
            self.answered(answer)
            self.unanswered = 0
            return value, answer

    def ask_reason(
        self, group: tuple[str, ...], message: str, *, attempt: int | None = None
    ) -> str:
        question = Question(
            group,
            "reason",
            "text",
            message,
            first=False,
            repeatable=attempt is not None,
            attempt=attempt or 0,
        )
        value, _ = self.ask(question, functools.partial(q.required_text, self.lang))
        return str(value)

    def _after_commit(self, count: int) -> None:
        if self.session.recorder.clock_behind and not self.warned_clock:
            self.warned_clock = True
            self.show("clock", t("clock.behind", self.lang), level="warning")
        self.unanswered += count
        if self.unanswered > RUNAWAY_EVENTS:
            raise Runaway(
                f"the walkthrough recorded {self.unanswered} events without a single answer; "
                f"it was stopped with everything kept. Resume with: {self.session.resume_hint}"
            )

    def role_title(self, role_id: str) -> str:
        role = self.session.org.role(role_id)
        return role.title.get_text(self.lang) if role else role_id

    # ------------------------------------------------------------ what next

    def variables(self) -> dict[str, Any]:
        """What conditions read: the facts, the severity and the drill flag."""
        values = {k: v for k, v in self.state.fact_values().items() if v is not None}
        if self.state.severity is not None:
            values["severity"] = self.state.severity
        values["drill"] = self.state.drill
        return values

    def next_action(self) -> Action | None:
        state, scenario = self.state, self.scenario
        for fact in scenario.facts:
            if fact.id not in state.facts:
                return _labelled(f"facts.{fact.id}", facts_ops.ask_fact, self, fact)
        if state.severity is None or facts_ops.severity_outdated(self):
            return _labelled("severity", facts_ops.assess_severity, self)
        for role in scenario.roles:
            gap = state.gaps.get(role)
            if role not in state.roles and (gap is None or not gap.acknowledged):
                return _labelled(f"roles.{role}", roster_ops.check_role, self, role)
        for rule_id, escalation in state.escalations.items():
            if escalation.done_at is None:
                return _labelled(
                    f"escalations.{rule_id}", roster_ops.handle_escalation, self, rule_id
                )
        for task in self.tasks:
            status = self.task_status(task)
            if status is None:
                return _labelled(f"{task.group}.{task.id}", steps_ops.start_task, self, task)
            if status == "started":
                return self.continue_task(task)
        return None

    def task_status(self, task: Task) -> str | None:
        table = self.state.post_actions if task.is_post else self.state.steps
        found = table.get(task.id)
        return found.status if found else None

    def continue_task(self, task: Task) -> Action:
        for gate_id in task.gates:
            if self.gate_pending(gate_id):
                return _labelled(f"gates.{gate_id}", steps_ops.decide_gate, self, gate_id, task)
        for message_id in task.messages:
            message = self.scenario.message(message_id)
            assert message is not None  # checked by the validator
            progress = self.state.messages.get(message_id)
            if progress is not None and (progress.published or progress.skipped is not None):
                continue
            for gate_id in message.gates:
                if self.gate_pending(gate_id):
                    return _labelled(f"gates.{gate_id}", steps_ops.decide_gate, self, gate_id, task)
            label = f"messages.{message_id}"
            if self.needs_render(message):
                return _labelled(label, message_ops.render, self, message)
            return _labelled(label, message_ops.publish, self, message, task)
        return _labelled(f"{task.group}.{task.id}", steps_ops.finish, self, task)

    def gate_pending(self, gate_id: str) -> bool:
        gate = self.scenario.gate(gate_id)
        if gate is None or holds(gate.when, self.variables()) is False:
            return False
        found = self.state.gates.get(gate_id)
        return not (found and found.cleared)

    def needs_render(self, message: Message) -> bool:
        """Not rendered yet, or a fact, the severity or (for a message that does not make
        promises) the promise in force changed after its rendering. By sequence, never by
        clock: a clock stepped back must not loop."""
        progress = self.state.messages.get(message.id)
        if progress is None or progress.rendered_seq is None:
            return True
        promise = self.state.promise_in_force
        if (
            message.kind not in PROMISING
            and promise is not None
            and promise.seq > progress.rendered_seq
        ):
            return True
        return self.state.facts_changed_seq > progress.rendered_seq


def _labelled(label: str, act: Callable[..., None], *args: Any) -> Action:
    """An action that knows where it stands (recorded when the walkthrough is paused)."""
    labelled = functools.partial(act, *args)
    labelled.label = label  # type: ignore[attr-defined]
    return labelled


def start(session: Session, state: IncidentState, **activation: Any) -> Walkthrough:
    """Record the activation (when the timeline is new) and return the walkthrough to run."""
    walk = Walkthrough(session, state)
    if state.activated_at is None:
        walk.record(activation_event(session, **activation))
    return walk


def activation_event(
    session: Session,
    *,
    drill: bool = False,
    drill_id: str | None = None,
    alert_at: datetime | None = None,
    drill_plan: Any = None,
) -> IncidentActivated:
    org, scenario = session.org, session.scenario
    return IncidentActivated(
        scenario=scenario.id,
        title=scenario.title.get_text(session.lang),
        lang=session.lang,
        drill=drill,
        drill_id=drill_id or None,
        lead_role=org.lead_role,
        first_message_target_min=org.first_message_target.minutes,
        update_interval_min=org.update_interval.minutes,
        alert_at=alert_at,
        # what scoring and resuming need, so the timeline stands alone
        drill_plan=dict(drill_plan) if drill_plan is not None else None,
    )


__all__ = ["Act", "Recorder", "Session", "Ticker", "Walkthrough", "start"]
