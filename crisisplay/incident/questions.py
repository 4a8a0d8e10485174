"""The walkthrough's questions, and the parsers that turn answers into values.

Each builder returns a plain ``Question`` (the prompter decides how to ask it); each parser
raises ``ValueError`` with a reason a person can act on, so the interactive prompter re-asks and
the scripted one stops naming the answer's file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crisisplay.playbook.facts import LocalTime, coerce, parse_clock, relative_moment
from crisisplay.playbook.model import Fact, Message, Organisation, Scenario
from crisisplay.playbook.tasks import Task
from crisisplay.playbook.types import Duration
from crisisplay.prompts import Option, Question
from crisisplay.roster import Candidate, available
from crisisplay.suggest import did_you_mean
from crisisplay.texts import t
from crisisplay.timeline.state import FactState

_TYPES = {
    "choice": "select",
    "multi-choice": "checkbox",
    "boolean": "confirm",
}


# ---------------------------------------------------------------- parsers


def choice_of(allowed: Sequence[str]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = str(value).strip() if value is not None else ""
        if text not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return text

    return parse


def required_text(lang: str, value: Any) -> str:
    text = str(value).strip() if value is not None else ""
    if not text:
        raise ValueError(t("reason.required", lang))
    return text


def optional_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


class _Unknown:
    """The answer "not known yet" to a fact that allows it (``unknown_ok``)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
#: what a person types, or an answers file says, for "not known yet"
UNKNOWN_WORDS = frozenset(("unknown", "inconnu", "inconnue", "not known", "?"))


def parse_fact(fact: Fact, lang: str, value: Any, local: LocalTime | None = None) -> Any:
    if isinstance(value, str) and value.strip().lower() in UNKNOWN_WORDS:
        if fact.unknown_ok:
            return UNKNOWN
        raise ValueError(t("fact.unknown_refused", lang))
    if value is None or (isinstance(value, str) and not value.strip()):
        if not fact.required:
            # An empty text or day is a value conditions can test (refund_date != ''); nothing
            # else is.
            return "" if fact.type in ("text", "date") else None
        raise ValueError(t("fact.required", lang))
    return coerce(fact, value, local)


def person_parser(
    org: Organisation, ranked: Sequence[Candidate], extras: Sequence[str]
) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        text = str(value).strip() if value is not None else ""
        if text in extras:
            return text
        if text == "on-duty":
            found = next((c for c in ranked if c.on_duty), None)
            if found is None:
                raise ValueError("nobody of this role is on duty now")
            return found.person.id
        if org.person(text) is None:
            raise ValueError(
                f"unknown person {text!r}{did_you_mean(text, [p.id for p in org.people])}"
            )
        return text

    return parse


def checklist_parser(labels: Sequence[str]) -> Callable[[Any], list[str]]:
    def parse(value: Any) -> list[str]:
        if value in (None, "all", True):
            return list(labels)
        if value in ("none", False):
            return []
        items = value if isinstance(value, list) else [value]
        chosen: list[str] = []
        for item in items:
            if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= len(labels):
                chosen.append(labels[item - 1])
            elif isinstance(item, str) and item in labels:
                chosen.append(item)
            else:
                raise ValueError(f"{item!r} is not a checklist item (give its text or number)")
        return [label for label in labels if label in chosen]

    return parse


def publish_parser(lang: str, error_count: int) -> Callable[[Any], str]:
    base = choice_of(("publish", "skip", "correct"))

    def parse(value: Any) -> str:
        decision = base(value)
        if decision == "publish" and error_count:
            raise ValueError(t("message.blocked", lang, count=error_count))
        return decision

    return parse


def parse_next_update(
    now: datetime, zone: ZoneInfo, value: Any, anchor: datetime | None = None
) -> datetime:
    """``14:30`` as the next such time after ``now`` (tomorrow when already past); ``T+1h30m``
    that long after ``anchor`` (the activation), which must still lie ahead."""
    if isinstance(value, datetime):
        return value
    relative = relative_moment(value, LocalTime(zone, now, anchor))
    if relative is not None:
        if relative <= now:
            raise ValueError(f"{value!r} is already past")
        return relative
    return next_clock(parse_clock(str(value)), now, zone)


def next_clock(clock: str, after: datetime, zone: ZoneInfo) -> datetime:
    """The first ``HH:MM`` strictly after ``after``, in ``zone``."""
    hours, minutes = (int(part) for part in clock.split(":"))
    local = after.astimezone(zone)
    moment = local.replace(hour=hours % 24, minute=minutes, second=0, microsecond=0)
    if moment <= local:
        moment += timedelta(days=1)
    return moment


# ---------------------------------------------------------------- questions


def _display_default(fact: Fact, current: FactState | None) -> Any:
    """What the prompt starts from: the fact's current value, else nothing. A playbook default
    is offered only for a choice, where it is a policy ("not yet qualified"), never a figure."""
    if current is not None:
        if current.unknown:
            return "inconnu" if fact.unknown_ok else None
        value = current.value
        if fact.type == "duration" and isinstance(value, int) and not isinstance(value, bool):
            return Duration(minutes=value).label()
        return value
    return fact.default if fact.type == "choice" else None


def _help(fact: Fact, lang: str) -> str | None:
    parts = [fact.help.get_text(lang)] if fact.help else []
    if fact.type == "datetime":
        parts.append(t("fact.datetime_hint", lang))
    if fact.unknown_ok:
        parts.append(t("fact.unknown_hint", lang))
    return " ".join(parts) or None


def fact_question(
    fact: Fact,
    lang: str,
    *,
    group: tuple[str, ...] | None = None,
    field: str = "value",
    first: bool = True,
    repeatable: bool = False,
    attempt: int = 0,
    current: FactState | None = None,
) -> Question:
    options = tuple(Option(c.id, c.label.get_text(lang)) for c in fact.choices)
    return Question(
        group or ("facts", fact.id),
        field,
        _TYPES.get(fact.type, "text"),  # type: ignore[arg-type]
        fact.question.get_text(lang),
        help=_help(fact, lang),
        options=options,
        default=_display_default(fact, current),
        first=first,
        repeatable=repeatable,
        optional=not fact.required,
        attempt=attempt,
    )


def severity_decision(lang: str, attempt: int) -> Question:
    options = (
        Option("confirm", t("severity.confirm", lang)),
        Option("override", t("severity.override", lang)),
    )
    return Question(
        ("severity",),
        "decision",
        "select",
        t("severity.ask", lang),
        options=options,
        default="confirm",
        repeatable=True,
        attempt=attempt,
    )


def severity_level(scenario: Scenario, lang: str, attempt: int) -> Question:
    options = tuple(Option(lv.id, lv.title.get_text(lang)) for lv in scenario.severity.levels)
    return Question(
        ("severity",),
        "level",
        "select",
        t("severity.level", lang),
        options=options,
        first=False,
        repeatable=True,
        attempt=attempt,
    )


def person_question(
    group: tuple[str, ...],
    message: str,
    org: Organisation,
    ranked: Sequence[Candidate],
    now: datetime,
    lang: str,
    *,
    extra: tuple[str, str],
) -> Question:
    zone = ZoneInfo(org.timezone)
    ranked_ids = [c.person.id for c in ranked]
    people = sorted(
        org.people,
        key=lambda p: (
            p.id not in ranked_ids,
            ranked_ids.index(p.id) if p.id in ranked_ids else 0,
            p.name,
        ),
    )
    options = []
    for person in people:
        duty = t("roster.on" if available(person, now, zone) else "roster.off", lang)
        via = next((t(c.via, lang) for c in ranked if c.person.id == person.id), None)
        label = f"{person.name} ({via}, {duty})" if via else f"{person.name} ({duty})"
        options.append(Option(person.id, label))
    options.append(Option(*extra))
    on = next((c.person.id for c in ranked if c.on_duty), extra[0])
    return Question(group, "person", "select", message, options=tuple(options), default=on)


def task_decision(task: Task, lang: str) -> Question:
    options = (Option("do", t("step.do", lang)), Option("skip", t("step.skip", lang)))
    return Question(
        (task.group, task.id),
        "decision",
        "select",
        t("step.ask", lang),
        options=options,
        default="do",
    )


def task_done(task: Task, lang: str) -> Question:
    """The owner's word that the task is done; "not yet" leaves it open (an answers file
    that says nothing means done)."""
    options = (Option("done", t("step.done", lang)), Option("not-yet", t("step.not_yet", lang)))
    return Question(
        (task.group, task.id),
        "done",
        "select",
        t("step.done_ask", lang),
        options=options,
        default="done",
        first=False,
        optional=True,
    )


def checklist_question(task: Task, labels: Sequence[str], lang: str) -> Question:
    options = tuple(Option(label, label) for label in labels)
    return Question(
        (task.group, task.id),
        "checklist",
        "checkbox",
        t("step.checklist", lang),
        options=options,
        default=[],
        first=False,
    )


def gate_decision(gate_id: str, lang: str, attempt: int) -> Question:
    options = (
        Option("pass", t("gate.pass", lang)),
        Option("refuse", t("gate.refuse", lang)),
        Option("override", t("gate.override", lang)),
        Option("skip-step", t("gate.skip_step", lang)),
    )
    return Question(
        ("gates", gate_id),
        "decision",
        "select",
        t("gate.ask", lang),
        options=options,
        default="pass",
        repeatable=True,
        attempt=attempt,
    )


def gate_comment(gate_id: str, lang: str, attempt: int) -> Question:
    return Question(
        ("gates", gate_id),
        "comment",
        "text",
        t("gate.comment", lang),
        default="",
        first=False,
        repeatable=True,
        optional=True,
        attempt=attempt,
    )


def next_update_question(message: Message, default: datetime, lang: str, attempt: int) -> Question:
    return Question(
        ("messages", message.id),
        "next_update",
        "text",
        t("message.next_update", lang),
        default=default.strftime("%H:%M"),
        first=False,
        repeatable=True,
        attempt=attempt,
    )


def publish_decision(message: Message, lang: str, attempt: int) -> Question:
    options = (
        Option("publish", t("message.publish", lang)),
        Option("correct", t("message.correct", lang)),
        Option("skip", t("message.skip", lang)),
    )
    return Question(
        ("messages", message.id),
        "decision",
        "select",
        t("message.ask", lang),
        options=options,
        default="publish",
        repeatable=True,
        attempt=attempt,
    )


def refusal_fact(
    group: tuple[str, ...], scenario: Scenario, facts: Sequence[str], lang: str, attempt: int
) -> Question:
    """After a refusal: a fact of the gate to correct now, or none."""
    found = [fact for f in facts if (fact := scenario.fact(f)) is not None]
    choices = [Option(f.id, f.question.get_text(lang)) for f in found]
    options = (Option("", t("gate.correct_none", lang)), *choices)
    return Question(
        group,
        "fact",
        "select",
        t("gate.correct_ask", lang),
        options=options,
        default="",
        first=False,
        repeatable=True,
        optional=True,
        attempt=attempt,
    )


def fact_choice(group: tuple[str, ...], scenario: Scenario, lang: str, attempt: int) -> Question:
    options = tuple(Option(f.id, f.question.get_text(lang)) for f in scenario.facts)
    return Question(
        group,
        "fact",
        "select",
        t("message.fact", lang),
        options=options,
        first=False,
        repeatable=True,
        attempt=attempt,
    )
