"""The walkthrough: one engine for activation, resume and drills.

It reads the incident's state (a fold of its timeline), finds the next thing the cell must do,
asks the prompter, and records every answer as typed events before going on. Because each
question is decided by the state alone, resuming is just running again on the folded timeline.
Every append returns what other writers appended meanwhile too, and all of it is folded in, so
the walkthrough's state is always the file's.

Order: facts -> severity -> roster -> escalations fired -> the open tasks, several at once, each
with its owner (``actions`` lists what the state allows, ``graph`` says when a
task opens). A board takes the acts that are its own or that its answers file answers; the
others are taken from the members' own terminals, and their events reach this board through
the store. Escalation rules are re-checked whenever a fact or the severity changes. Nothing here
prints, prompts directly, reads the wall clock or exits; the acts themselves are in
``facts_ops``, ``roster_ops``, ``steps_ops`` and ``message_ops``.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from crisisplay.clock import Clock
from crisisplay.errors import Interrupted, Runaway
from crisisplay.incident import questions as q
from crisisplay.incident.board import paging_ops, roster_ops
from crisisplay.incident.board.actions import Action, available
from crisisplay.incident.board.acts import (
    RUNAWAY_EVENTS,
    RUNAWAY_STEPS,
    Act,
    Superseded,
    described,
    inert,
)
from crisisplay.incident.deliver import dispatch, jobs_for
from crisisplay.incident.ops import Deliver, Refused, Request
from crisisplay.incident.record import Desk, Outcome, record
from crisisplay.incident.rules import RULE_BOOK
from crisisplay.incident.situation import Situation
from crisisplay.playbook.facts import LocalTime
from crisisplay.playbook.graph import DONE, Graph
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.playbook.tasks import Task, all_tasks
from crisisplay.prompts import Answer, Notice, Prompter, Question
from crisisplay.texts import t
from crisisplay.timeline.events import Event, NewEvent
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.place import Place
from crisisplay.timeline.state import IncidentState, fold
from crisisplay.timeline.vocabulary import (
    DeliveryRequested,
    FactSet,
    IncidentActivated,
    SeverityAssessed,
    WalkthroughCompleted,
    WalkthroughPaused,
    new_event,
)

#: how long a board that ends waits for the deliveries still running beside it
COURIER_WAIT_SECONDS = 30.0


class Recorder(Protocol):
    clock_behind: bool

    def commit_if(
        self, news: Sequence[NewEvent], expect: int | None
    ) -> tuple[list[Event], bool]: ...


class Ticker(Protocol):
    """Moves exercise time forward, firing what is due on the way (drill injects)."""

    def advance(self, walk: Walkthrough, until: datetime) -> None: ...


class LiveBoard(Protocol):
    """A person at the lead's board: when nothing is theirs to do, the board shows the cell's
    work and waits for the others' acts (or a task the lead takes over)."""

    def wait(self, walk: Walkthrough) -> None: ...


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
    live: LiveBoard | None = None
    #: where the timeline is (a drill's live injects open their own recorder on it)
    place: Place | None = None
    #: where the accounts' credentials are read; None: publications are not delivered
    environ: Mapping[str, str] | None = None

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
    #: steps taken since the last answer
    idle_steps: int = field(init=False, default=0)
    #: the clock was found behind the timeline (said once)
    warned_clock: bool = field(init=False, default=False)
    #: where this walkthrough took the board: a take-over recorded after it ends its run
    started_seq: int = field(init=False, default=0)
    #: who took the lead's board over from this walkthrough, if anyone did
    board_lost_to: str | None = field(init=False, default=None)

    #: the board stopped with work left that others must do (a scripted board)
    waiting: bool = field(init=False, default=False)
    #: tasks or acts the lead took over from their owners (a person at the board)
    taken: set[str] = field(init=False, default_factory=set)
    #: acts put off with "not yet", with the last seq seen then: asked again once news comes
    deferred: dict[str, int] = field(init=False, default_factory=dict)
    #: deliveries running beside a person's board, waited for before it ends
    couriers: list[threading.Thread] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        self.tasks = all_tasks(self.session.scenario)
        self.graph = Graph(self.session.scenario, self.tasks)
        self.started_seq = self.state.last_seq
        session = self.session
        self.desk = Desk(
            session.recorder,  # type: ignore[arg-type]
            self.state,
            session.playbook,
            session.clock,
            session.organisation,
            session.place,
        )

    def situation(self) -> Situation:
        """The incident as it stands now (computed afresh: others may have acted)."""
        return self.desk.situation()

    def submit(self, request: Request, person: str | None = None) -> Outcome:
        """An act of this board's person (or, typed here, of ``person``), decided by the one
        engine and recorded by its check-and-append loop; what others recorded first is folded
        in and the act decided again on the present."""
        outcome = record(
            self.desk, person or self.session.actor, request, typist=self.session.actor
        )
        self._after_commit(len(outcome.events))
        if outcome.already is not None:
            self.show("already", t("board.already", self.lang, what=outcome.already))
        if outcome.refused is not None:
            self.show("refused", outcome.refused, level="warning")
        if any(e.kind in (FactSet.KIND, SeverityAssessed.KIND) for e in outcome.events):
            roster_ops.check_escalations(self)
        return outcome

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def lang(self) -> str:
        return self.session.lang

    # ------------------------------------------------------------ running

    def run(self) -> IncidentState:
        """Walk until the end; Ctrl-C records a pause and raises ``Interrupted`` (exit 130)."""
        running = getattr(self.session.ticker, "running", None)
        beside = running(self) if running is not None else contextlib.nullcontext()
        try:
            with beside:
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
        finally:
            for courier in self.couriers:
                courier.join(COURIER_WAIT_SECONDS)
        return self.state

    def deliver(self, publication: int) -> None:
        """Hand a publication just recorded to the accounts that serve its channels: at once
        on a scripted board; beside a person's board, so that no slow service holds it (each
        outcome then shows on the board as it is recorded)."""
        environ = self.session.environ
        if environ is None:
            return
        outcome = self.submit(Deliver(publication))
        requested = [
            self.state.deliveries[e.payload["delivery"]]
            for e in outcome.events
            if e.kind == DeliveryRequested.KIND
        ]
        if not requested:
            return
        jobs = jobs_for(self.situation(), requested)
        self.send(dispatch, jobs, environ=environ, folder=self.session.playbook.home.playbooks)

    def send(self, sender: Callable[..., object], *args: object, **kwargs: object) -> None:
        """Run ``sender(desk, actor, *args, **kwargs)``, a delivery or a page: at once on a
        scripted board, beside a person's board on a desk of its own, so that no slow service
        holds the board (what it records shows on the board as it comes)."""
        actor = self.session.actor
        place = self.session.place
        if self.session.live is None or place is None:
            sender(self.desk, actor, *args, **kwargs)
            return
        store = place.recorder()
        desk = Desk(
            store,
            fold(store.read_new(), str(place)),
            self.session.playbook,
            self.session.clock,
            self.session.organisation,
            place,
        )
        courier = threading.Thread(
            target=sender, args=(desk, actor, *args), kwargs=kwargs, daemon=True
        )
        courier.start()
        self.couriers.append(courier)

    def step(self) -> bool:
        """One thing done, or decided again when someone else recorded first; True at the end."""
        try:
            self.pulse()
            # A run cut between a fact and the escalation it fires resumes here.
            roster_ops.check_escalations(self)
            action = self.next_action()
            if action is not None:
                self._count_idle_step()
                try:
                    action.run()
                except Refused as exc:
                    # not possible on the present situation: said, and asked again once
                    # something changed
                    self.show("refused", str(exc), level="warning")
                    self.deferred[action.label] = self.state.last_seq
                return False
            if not self.finished():
                live = self.session.live
                if live is None:
                    self.waiting = True
                    return True  # nothing this terminal can do: the others act, then resume
                self.idle_steps = 0  # waiting for the others is no loop
                live.wait(self)
                return False
            if self.state.completed_at is None:
                self.record(WalkthroughCompleted())
                self.show("done", t("completed", self.lang), level="ok")
            return True
        except Superseded as exc:
            self.show("superseded", t("superseded", self.lang), *described(exc.events))
            return False

    def _count_idle_step(self) -> None:
        """A board that keeps acting without asking anyone, or deciding over and over that
        nothing is to be recorded, is stopped: a bug must never spin for ever."""
        self.idle_steps += 1
        if self.idle_steps > RUNAWAY_STEPS:
            raise Runaway(
                f"the walkthrough took {self.idle_steps} steps without a single answer; it was "
                f"stopped with everything kept. Resume with: {self.session.resume_hint}"
            )

    def pulse(self) -> None:
        if self.session.ticker is not None:
            self.session.ticker.advance(self, self.session.clock.now())
        paging_ops.mobilise(self)

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
        return action.label if action else "end"

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
        if question.lang is None:
            question = replace(question, lang=self.lang)
        while True:
            answer = self.session.prompter.ask(question)
            try:
                value = parse(answer.value)
            except ValueError as exc:
                self.session.prompter.reject(question, answer, str(exc))
                continue
            self.answered(answer)
            self.unanswered = 0
            self.idle_steps = 0
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

    def local_time(self) -> LocalTime:
        """The organisation's zone, the time now and the activation: how a typed date-time
        (``03:17``, ``hier 03:17``, ``T+3h``) is read."""
        zone = ZoneInfo(self.session.org.timezone)
        return LocalTime(zone, self.session.clock.now(), self.state.activated_at)

    def next_action(self) -> Action | None:
        """The first act the state allows that this board takes."""
        return next((a for a in available(self) if self.may_act(a)), None)

    def may_act(self, action: Action) -> bool:
        """An act this terminal takes: one that asks nobody, or one its answers file answers,
        or (a person at the board) one of the lead's own or taken over; not one put off with
        "not yet" while nothing changed since."""
        if self.deferred.get(action.label) == self.state.last_seq:
            return False
        if not action.asks:
            return True
        choose = getattr(self.session.prompter, "can_answer", None)
        if choose is None:
            return True  # a prompter that answers everything
        return bool(choose(action.key, action.attempt, self.is_mine(action)))

    def is_mine(self, action: Action) -> bool:
        if action.owner is None or action.label in self.taken or action.task in self.taken:
            return True
        lead = self.state.lead_role or self.session.org.lead_role
        if action.owner == lead:
            return True
        holder = self.state.roles.get(action.owner)
        return holder is not None and holder.person == self.session.actor

    def finished(self) -> bool:
        """Every task done, skipped or left out by its condition, and nothing left to ask."""
        if any(True for _ in available(self)):
            return False
        values = self.variables()
        return all(
            self.graph.status(task, self.state) in DONE or not self.graph.applies(task, values)
            for task in self.tasks
        )


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
    drill_speed: float | None = None,
    drill_paced: bool = False,
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
        drill_speed=drill_speed,
        drill_paced=drill_paced,
        rule_book=RULE_BOOK,
    )


__all__ = ["Act", "Action", "LiveBoard", "Recorder", "Session", "Ticker", "Walkthrough", "start"]
