"""The walkthrough: one engine for activation, resume and drills.

It reads the incident's state (a fold of its timeline), finds the next thing the cell must do,
asks the prompter, and records every answer as events before going on. Because each question
is decided by the state alone, resuming is just running again on the folded timeline.

Order: facts -> severity -> roster -> escalations fired -> each step (gates, messages: render,
publish) -> post-crisis actions -> done. Escalation rules are re-checked whenever a fact or the
severity changes. Nothing here prints, prompts directly, reads the wall clock or exits.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from crisisplay.clock import Clock
from crisisplay.conditions import holds
from crisisplay.engine import questions as q
from crisisplay.engine.tasks import Task, all_tasks
from crisisplay.errors import Interrupted
from crisisplay.facts import FactValue
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Fact, Message, Organisation, Scenario
from crisisplay.prompts import Answer, Notice, Prompter, Question
from crisisplay.roster import available, candidates
from crisisplay.texts import minutes_label, t
from crisisplay.timeline import kinds
from crisisplay.timeline.events import Event, NewEvent, format_time
from crisisplay.timeline.state import IncidentState

if TYPE_CHECKING:  # rendering (Jinja2) is imported only when a message is rendered
    from crisisplay.messages.rendered import RenderedChannel

Action = Callable[[], None]


class Recorder(Protocol):
    def append_many(self, news: Sequence[NewEvent]) -> list[Event]: ...


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

    def __post_init__(self) -> None:
        self.tasks = all_tasks(self.session.scenario)

    # ------------------------------------------------------------ running

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def lang(self) -> str:
        return self.session.lang

    def run(self) -> IncidentState:
        """Walk until the end; Ctrl-C records a pause and raises ``Interrupted`` (exit 130)."""
        try:
            while True:
                self.pulse()
                # A run cut between a fact and the escalation it fires resumes here.
                self.check_escalations()
                action = self.next_action()
                if action is None:
                    break
                action()
            if self.state.completed_at is None:
                self.record(kinds.WALKTHROUGH_COMPLETED, {})
                self.show("done", t("completed", self.lang), level="ok")
        except KeyboardInterrupt:
            self.record(kinds.WALKTHROUGH_PAUSED, {"at": self.position()})
            raise Interrupted(
                f"interrupted; every answer so far is in the timeline. "
                f"Resume with: {self.session.resume_hint}"
            ) from None
        return self.state

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

    def record(
        self,
        kind: str,
        payload: Mapping[str, Any],
        *,
        actor: str | None = None,
        role: str | None = None,
    ) -> Event:
        return self.record_many([(kind, payload, actor, role)])[0]

    def record_many(
        self, items: Sequence[tuple[str, Mapping[str, Any], str | None, str | None]]
    ) -> list[Event]:
        """Append events (all or none), fold them in, then re-check escalation rules."""
        now = self.session.clock.now()
        lead = self.session.org.lead_role
        news = [
            NewEvent(
                kind,
                actor or self.session.actor,
                role if actor else (role or lead),
                dict(payload),
                now,
            )
            for kind, payload, actor, role in items
        ]
        events = self.session.recorder.append_many(news)
        for event in events:
            self.state.apply(event)
        if any(e.kind in (kinds.FACT_SET, kinds.SEVERITY_ASSESSED) for e in events):
            self.check_escalations()
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
                return _labelled(f"facts.{fact.id}", functools.partial(self.ask_fact, fact))
        if state.severity is None or self.severity_outdated():
            return _labelled("severity", self.assess_severity)
        for role in scenario.roles:
            gap = state.gaps.get(role)
            if role not in state.roles and (gap is None or not gap.acknowledged):
                return _labelled(f"roles.{role}", functools.partial(self.check_role, role))
        for rule_id, escalation in state.escalations.items():
            if escalation.done_at is None:
                return _labelled(
                    f"escalations.{rule_id}", functools.partial(self.handle_escalation, rule_id)
                )
        for task in self.tasks:
            status = self.task_status(task)
            if status is None:
                return _labelled(f"{task.group}.{task.id}", functools.partial(self.start, task))
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
                return _labelled(f"gates.{gate_id}", functools.partial(self.gate, gate_id, task))
        for message_id in task.messages:
            message = self.scenario.message(message_id)
            assert message is not None  # checked by the validator
            progress = self.state.messages.get(message_id)
            if progress is not None and (progress.published or progress.skipped is not None):
                continue
            for gate_id in message.gates:
                if self.gate_pending(gate_id):
                    return _labelled(
                        f"gates.{gate_id}", functools.partial(self.gate, gate_id, task)
                    )
            if self.needs_render(message_id):
                return _labelled(f"messages.{message_id}", functools.partial(self.render, message))
            return _labelled(
                f"messages.{message_id}", functools.partial(self.publish, message, task)
            )
        return _labelled(f"{task.group}.{task.id}", functools.partial(self.finish, task))

    def gate_pending(self, gate_id: str) -> bool:
        gate = self.scenario.gate(gate_id)
        if gate is None or holds(gate.when, self.variables()) is False:
            return False
        found = self.state.gates.get(gate_id)
        return not (found and found.cleared)

    def needs_render(self, message_id: str) -> bool:
        progress = self.state.messages.get(message_id)
        if progress is None or progress.rendered_at is None:
            return True
        changed = self.state.facts_changed_at
        return changed is not None and changed > progress.rendered_at

    # ------------------------------------------------------------ facts and severity

    def ask_fact(self, fact: Fact) -> None:
        question = q.fact_question(fact, self.lang)
        value, _ = self.ask(question, functools.partial(q.parse_fact, fact, self.lang))
        self.record(kinds.FACT_SET, {"fact": fact.id, "value": value, "source": "answer"})

    def suggested_severity(self) -> tuple[str, int | None]:
        values = self.variables()
        for index, rule in enumerate(self.scenario.severity.rules):
            if holds(rule.when, values):
                return rule.level, index
        return self.scenario.severity.default, None

    def assess_severity(self) -> None:
        level, index = self.suggested_severity()
        rule = self.scenario.severity.rules[index] if index is not None else None
        because = rule.because.get_text(self.lang) if rule else t("severity.no_rule", self.lang)
        title = self.level_title(level)
        attempt = len(self.state.severity_history)
        heading = "severity.changed" if attempt else "severity.title"
        self.show(
            "severity",
            t(heading, self.lang, level=title),
            t("severity.because", self.lang, because=because),
            level="warning" if attempt else "info",
        )
        decision, _ = self.ask(
            q.severity_decision(self.lang, attempt), q.choice_of(("confirm", "override"))
        )
        payload: dict[str, Any] = {
            "level": level,
            "suggested": level,
            "rule": index,
            "because": because,
            "overridden": False,
        }
        if decision == "override":
            levels = tuple(lv.id for lv in self.scenario.severity.levels)
            chosen, _ = self.ask(
                q.severity_level(self.scenario, self.lang, attempt), q.choice_of(levels)
            )
            reason = self.ask_reason(
                ("severity",), t("severity.reason", self.lang), attempt=attempt
            )
            payload.update(level=chosen, overridden=True, reason=reason)
        self.record(kinds.SEVERITY_ASSESSED, payload)

    def severity_outdated(self) -> bool:
        """The facts now suggest another level than the one last assessed (an ETA that slips,
        a share that grows): the lead is asked again."""
        history = self.state.severity_history
        return bool(history) and self.suggested_severity()[0] != history[-1].get("suggested")

    def level_title(self, level: str) -> str:
        found = next((lv for lv in self.scenario.severity.levels if lv.id == level), None)
        return found.title.get_text(self.lang) if found else level

    # ------------------------------------------------------------ roster and escalations

    def role_title(self, role_id: str) -> str:
        role = self.session.org.role(role_id)
        return role.title.get_text(self.lang) if role else role_id

    def check_role(self, role: str) -> None:
        now = self.session.clock.now()
        ranked = candidates(self.session.org, role, now)
        chosen = next((c for c in ranked if c.on_duty), None)
        title = self.role_title(role)
        if chosen is None:
            self.show("gap", t("roster.gap", self.lang, role=title), level="error")
            if role not in self.state.gaps:
                self.record(
                    kinds.ROLE_GAP, {"role": role, "reason": "nobody on duty", "detected": True}
                )
        else:
            self.show(
                "roster",
                t("roster.title", self.lang, role=title),
                t(
                    "roster.on_duty",
                    self.lang,
                    name=chosen.person.name,
                    via=t(chosen.via, self.lang),
                ),
                level="ok",
            )
        question = q.person_question(
            ("roles", role),
            t("roster.ask", self.lang, role=title),
            self.session.org,
            ranked,
            now,
            self.lang,
            extra=("gap", t("roster.leave_gap", self.lang)),
        )
        person, _ = self.ask(question, q.person_parser(self.session.org, ranked, ("gap",)))
        if person == "gap":
            reason = self.ask_reason(("roles", role), t("roster.gap_reason", self.lang))
            self.record(kinds.ROLE_GAP, {"role": role, "reason": reason})
            return
        self.record(kinds.ROLE_ASSIGNED, self.assignment(role, person, ranked, now))

    def assignment(
        self, role: str, person_id: str, ranked: Sequence[Any], now: datetime
    ) -> dict[str, Any]:
        person = self.session.org.person(person_id)
        assert person is not None
        via = next((c.via for c in ranked if c.person.id == person_id), "assigned")
        on = available(person, now, ZoneInfo(self.session.org.timezone))
        return {"role": role, "person": person.id, "name": person.name, "via": via, "on_duty": on}

    def check_escalations(self) -> None:
        values = self.variables()
        for rule in self.scenario.escalations:
            if rule.id in self.state.escalations or not holds(rule.when, values):
                continue
            because = rule.because.get_text(self.lang)
            fired = (
                kinds.ESCALATION_FIRED,
                {"rule": rule.id, "role": rule.role, "because": because},
                None,
                None,
            )
            holder = self.state.roles.get(rule.role)
            if holder is None:
                self.record_many([fired])
                continue
            done = {
                "rule": rule.id,
                "role": rule.role,
                "person": holder.person,
                "name": holder.name,
                "already": True,
            }
            self.record_many([fired, (kinds.ESCALATION_DONE, done, None, None)])

    def handle_escalation(self, rule_id: str) -> None:
        rule = next(r for r in self.scenario.escalations if r.id == rule_id)
        holder = self.state.roles.get(rule.role)
        if holder is not None:  # brought in by the roster check since the rule fired
            self.record(
                kinds.ESCALATION_DONE,
                {
                    "rule": rule_id,
                    "role": rule.role,
                    "person": holder.person,
                    "name": holder.name,
                    "already": True,
                },
            )
            return
        now = self.session.clock.now()
        ranked = candidates(self.session.org, rule.role, now)
        title = self.role_title(rule.role)
        self.show(
            "escalation",
            t("escalation.title", self.lang, role=title),
            rule.because.get_text(self.lang),
            level="warning",
        )
        question = q.person_question(
            ("escalations", rule_id),
            t("escalation.ask", self.lang, role=title),
            self.session.org,
            ranked,
            now,
            self.lang,
            extra=("decline", t("escalation.decline", self.lang)),
        )
        person, _ = self.ask(question, q.person_parser(self.session.org, ranked, ("decline",)))
        if person == "decline":
            reason = self.ask_reason(("escalations", rule_id), t("escalation.reason", self.lang))
            self.record(
                kinds.ESCALATION_DONE, {"rule": rule_id, "role": rule.role, "declined": reason}
            )
            return
        assigned = self.assignment(rule.role, person, ranked, now)
        done = {"rule": rule_id, "role": rule.role, "person": person, "name": assigned["name"]}
        self.record_many(
            [
                (kinds.ESCALATION_DONE, done, None, None),
                (kinds.ROLE_ASSIGNED, {**assigned, "via": "escalation"}, None, None),
            ]
        )

    # ------------------------------------------------------------ steps

    def start(self, task: Task) -> None:
        items: list[tuple[str, Mapping[str, Any], str | None, str | None]] = []
        if not task.is_post and task.phase != self.state.phase:
            items.append((kinds.PHASE_ENTERED, {"phase": task.phase}, None, None))
            phase = next(p for p in self.scenario.phases if p.id == task.phase)
            self.show("phase", t("phase.title", self.lang, title=phase.title.get_text(self.lang)))
        if holds(task.when, self.variables()) is False:
            reason = t("step.auto_skip", self.lang, when=task.when)
            payload = {**task.ref(), "reason": reason, "auto": True}
            self.record_many([*items, (task.skipped_kind, payload, None, None)])
            return
        self.show_task(task)
        decision, _ = self.ask(q.task_decision(task, self.lang), q.choice_of(("do", "skip")))
        if decision == "skip":
            reason = self.ask_reason((task.group, task.id), t("step.skip_reason", self.lang))
            payload = {**task.ref(), "reason": reason}
            self.record_many([*items, (task.skipped_kind, payload, None, None)])
            return
        items += self.cover_owner(task)
        self.record_many([*items, (task.started_kind, task.ref(), None, None)])

    def cover_owner(
        self, task: Task
    ) -> list[tuple[str, Mapping[str, Any], str | None, str | None]]:
        """A step whose owner role nobody covers: the lead may bring someone in now."""
        if task.owner in self.state.roles:
            return []
        now = self.session.clock.now()
        ranked = candidates(self.session.org, task.owner, now)
        title = self.role_title(task.owner)
        self.show("gap", t("roster.gap", self.lang, role=title), level="error")
        question = q.person_question(
            (task.group, task.id),
            t("roster.ask", self.lang, role=title),
            self.session.org,
            ranked,
            now,
            self.lang,
            extra=("uncovered", t("roster.leave_gap", self.lang)),
        )
        question = dataclasses.replace(
            question, field="owner", first=False, optional=True, default="uncovered"
        )
        person, _ = self.ask(question, q.person_parser(self.session.org, ranked, ("uncovered",)))
        if person == "uncovered":
            return []
        assigned = self.assignment(task.owner, person, ranked, now)
        return [(kinds.ROLE_ASSIGNED, {**assigned, "step": task.id}, None, None)]

    def show_task(self, task: Task) -> None:
        holder = self.state.roles.get(task.owner)
        owner = self.role_title(task.owner) + (
            f" - {holder.name}" if holder and holder.name else ""
        )
        lines = [t("step.owner", self.lang, owner=owner)]
        countdown = self.countdown(task)
        if countdown:
            lines.append(countdown)
        if task.help:
            lines.append(task.help.get_text(self.lang))
        lines += [f"[ ] {item.get_text(self.lang)}" for item in task.checklist]
        title = (
            t("post.title", self.lang, title=task.title.get_text(self.lang))
            if task.is_post
            else t("step.title", self.lang, title=task.title.get_text(self.lang))
        )
        level = "error" if countdown and countdown.startswith(("EN RETARD", "OVERDUE")) else "info"
        self.show("step", title, *lines, level=level)

    def countdown(self, task: Task) -> str | None:
        if task.deadline is None or self.state.activated_at is None:
            return None
        due = self.state.activated_at + task.deadline
        left = (due - self.session.clock.now()).total_seconds() / 60
        label = task.deadline.label()
        if left < 0:
            return t("step.overdue", self.lang, deadline=label, late=minutes_label(left))
        return t("step.due_in", self.lang, deadline=label, left=minutes_label(left))

    def finish(self, task: Task) -> None:
        ticked: list[str] = []
        if task.checklist:
            labels = tuple(item.get_text(self.lang) for item in task.checklist)
            question = q.checklist_question(task, labels, self.lang)
            value, _ = self.ask(question, q.checklist_parser(labels))
            ticked = list(value)
        payload = {**task.ref(), "checklist": ticked}
        items: list[tuple[str, Mapping[str, Any], str | None, str | None]] = [
            (task.done_kind, payload, None, None)
        ]
        if task.resolves:
            items.append((kinds.INCIDENT_RESOLVED, {"step": task.id}, None, None))
        self.record_many(items)
        if task.resolves:
            self.show("resolved", t("resolved", self.lang), level="ok")

    # ------------------------------------------------------------ gates

    def gate(self, gate_id: str, task: Task) -> None:
        gate = self.scenario.gate(gate_id)
        assert gate is not None
        holder = self.state.roles.get(gate.validator)
        who = holder.name if holder and holder.name else self.role_title(gate.validator)
        self.show(
            "gate",
            t("gate.title", self.lang, title=gate.title.get_text(self.lang)),
            t("gate.validator", self.lang, who=who, role=self.role_title(gate.validator)),
            t("gate.confirms", self.lang, text=gate.confirms.get_text(self.lang)),
            level="warning",
        )
        choices = ("pass", "refuse", "override", "skip-step")
        found = self.state.gates.get(gate_id)
        attempt = found.asked if found else 0
        decision, answer = self.ask(
            q.gate_decision(gate_id, self.lang, attempt), q.choice_of(choices)
        )
        group = ("gates", gate_id)
        if decision == "skip-step":
            reason = self.ask_reason(group, t("step.skip_reason", self.lang), attempt=attempt)
            payload = {**task.ref(), "reason": reason, "gate": gate_id}
            self.record(task.skipped_kind, payload)
            return
        if decision == "override":
            reason = self.ask_reason(group, t("gate.reason", self.lang), attempt=attempt)
            self.record(kinds.GATE_OVERRIDDEN, {"gate": gate_id, "reason": reason})
            return
        comment, _ = self.ask(q.gate_comment(gate_id, self.lang, attempt), q.optional_text)
        validator = answer.by or (holder.person if holder and holder.person else gate.validator)
        person = self.session.org.person(validator)
        payload = {
            "gate": gate_id,
            "validator_role": gate.validator,
            "validator": validator,
            "name": person.name if person else validator,
            "comment": comment,
        }
        kind = kinds.GATE_PASSED if decision == "pass" else kinds.GATE_REFUSED
        items: list[tuple[str, Mapping[str, Any], str | None, str | None]] = [
            (kind, payload, validator, gate.validator)
        ]
        confirmed = [f for f in gate.facts if f in self.state.facts]
        if decision == "pass" and confirmed:
            items.append(
                (
                    kinds.FACTS_VALIDATED,
                    {"facts": confirmed, "gate": gate_id},
                    validator,
                    gate.validator,
                )
            )
        self.record_many(items)

    # ------------------------------------------------------------ messages

    def render(self, message: Message) -> None:
        next_update = (
            self.ask_next_update(message) if message.kind in ("holding", "update") else None
        )
        rendered = self.render_channels(message, next_update)
        items: list[tuple[str, Mapping[str, Any], str | None, str | None]] = []
        for channel in rendered:
            items.append(self.rendered_event(message, channel, next_update))
        self.record_many(items)
        self.show(
            "rendered",
            t("message.title", self.lang, title=message.title.get_text(self.lang)),
            data=rendered,
        )

    def rendered_event(
        self, message: Message, channel: Any, next_update: datetime | None
    ) -> tuple[str, Mapping[str, Any], str | None, str | None]:
        base = {"message": message.id, "kind": message.kind, "channel": channel.channel}
        if channel.skipped:
            return kinds.CHANNEL_SKIPPED, {**base, "reason": channel.skipped}, None, None
        payload = {
            **base,
            "lang": channel.lang,
            "sha256": channel.sha256,
            "length": channel.measurement.length,
            "limit": channel.measurement.limit,
            "ok": channel.ok,
        }
        if next_update is not None:
            payload["next_update"] = format_time(next_update)
        return kinds.MESSAGE_RENDERED, payload, None, None

    def render_channels(
        self, message: Message, next_update: datetime | None
    ) -> list[RenderedChannel]:
        from crisisplay.messages import RenderContext, render_message

        zone = ZoneInfo(self.session.org.timezone)
        now = self.session.clock.now()
        context = RenderContext(
            now=now.astimezone(zone).strftime("%H:%M"),
            next_update=next_update.astimezone(zone).strftime("%H:%M") if next_update else None,
            drill=self.state.drill,
            severity=self.state.severity,
            incident_id=self.state.incident or "",
        )
        facts: Mapping[str, FactValue] = self.state.fact_values()
        return list(
            render_message(
                self.session.playbook,
                self.scenario,
                message.id,
                lang=self.lang,
                facts=facts,
                context=context,
            )
        )

    def ask_next_update(self, message: Message) -> datetime:
        zone = ZoneInfo(self.session.org.timezone)
        now = self.session.clock.now()
        default = now + self.session.org.update_interval
        question = q.next_update_question(
            message, default.astimezone(zone), self.lang, self.corrections(message.id)
        )
        value, _ = self.ask(question, functools.partial(q.parse_next_update, now, zone))
        moment: datetime = value
        return moment

    def publish(self, message: Message, task: Task) -> None:
        progress = self.state.messages[message.id]
        errors = [c for c, r in progress.rendered.items() if not r.ok]
        attempt = self.corrections(message.id)
        decision, _ = self.ask(
            q.publish_decision(message, self.lang, attempt),
            q.publish_parser(self.lang, len(errors)),
        )
        group = ("messages", message.id)
        if decision == "skip":
            reason = self.ask_reason(group, t("message.skip_reason", self.lang), attempt=attempt)
            self.record(
                kinds.MESSAGE_SKIPPED,
                {"message": message.id, "kind": message.kind, "reason": reason},
            )
            return
        if decision == "correct":
            self.correct_fact(message)
            return
        overridden = [
            g
            for g in message.gates
            if (s := self.state.gates.get(g)) is not None and s.status == "overridden"
        ]
        channels = sorted(progress.rendered)
        payload = {
            "message": message.id,
            "kind": message.kind,
            "channels": channels,
            "lang": self.lang,
            "public": message.is_public,
            "gates_overridden": overridden,
        }
        items: list[tuple[str, Mapping[str, Any], str | None, str | None]] = [
            (kinds.MESSAGE_PUBLISHED, payload, None, None)
        ]
        if progress.next_update is not None:
            items.append(
                (
                    kinds.PROMISE_MADE,
                    {
                        "promise": "next-update",
                        "message": message.id,
                        "due": format_time(progress.next_update),
                    },
                    None,
                    None,
                )
            )
        self.record_many(items)
        self.show(
            "published", t("message.published", self.lang, channels=", ".join(channels)), level="ok"
        )

    def correct_fact(self, message: Message) -> None:
        group = ("messages", message.id)
        attempt = self.corrections(message.id)
        ids = tuple(f.id for f in self.scenario.facts)
        fact_id, _ = self.ask(
            q.fact_choice(group, self.scenario, self.lang, attempt), q.choice_of(ids)
        )
        fact = self.scenario.fact(fact_id)
        assert fact is not None
        question = q.fact_question(
            fact,
            self.lang,
            group=group,
            field="value",
            first=False,
            repeatable=True,
            attempt=attempt,
        )
        value, _ = self.ask(question, functools.partial(q.parse_fact, fact, self.lang))
        previous = self.state.facts.get(fact_id)
        payload = {
            "fact": fact_id,
            "value": value,
            "source": "correction",
            "previous": previous.value if previous else None,
            "message": message.id,
        }
        self.record(kinds.FACT_SET, payload)

    def corrections(self, message_id: str) -> int:
        """Facts corrected from this message's publish question (its answers so far)."""
        progress = self.state.messages.get(message_id)
        return progress.corrections if progress else 0


def _labelled(label: str, action: Action) -> Action:
    """An action that knows where it stands (recorded when the walkthrough is paused)."""
    labelled = functools.partial(action)
    labelled.label = label  # type: ignore[attr-defined]
    return labelled


def activation_payload(
    session: Session,
    *,
    drill: bool = False,
    drill_id: str | None = None,
    alert_at: datetime | None = None,
    drill_plan: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    scenario = session.scenario
    payload: dict[str, Any] = {
        "scenario": scenario.id,
        "title": scenario.title.get_text(session.lang),
        "lang": session.lang,
        "drill": drill,
        "lead_role": session.org.lead_role,
        "first_message_target_min": session.org.first_message_target.minutes,
        "update_interval_min": session.org.update_interval.minutes,
    }
    if drill_id:
        payload["drill_id"] = drill_id
    if alert_at is not None:
        payload["alert_at"] = format_time(alert_at)
    if drill_plan is not None:  # what scoring and resuming need, so the timeline stands alone
        payload["drill_plan"] = dict(drill_plan)
    return payload


def start(session: Session, state: IncidentState, **activation: Any) -> Walkthrough:
    """Record the activation (when the timeline is new) and return the walkthrough to run."""
    walk = Walkthrough(session, state)
    if state.activated_at is None:
        walk.record(kinds.INCIDENT_ACTIVATED, activation_payload(session, **activation))
    return walk


__all__ = ["Recorder", "Session", "Ticker", "Walkthrough", "start"]
