"""The board's questions on facts and severity: asked here, decided by the one engine."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from crisisplay.conditions import holds
from crisisplay.incident import questions as q
from crisisplay.incident.ops import LeadAct, SetFact
from crisisplay.playbook.model import Fact, Message
from crisisplay.texts import t
from crisisplay.timeline.vocabulary import SeverityAssessed

if TYPE_CHECKING:
    from crisisplay.incident.board.walkthrough import Walkthrough


def ask_fact(walk: Walkthrough, fact: Fact) -> None:
    question = q.fact_question(fact, walk.lang)
    value, _ = walk.ask(
        question, functools.partial(q.parse_fact, fact, walk.lang, local=walk.local_time())
    )
    found = walk.state.facts.get(fact.id)
    walk.submit(SetFact(fact.id, value, "answer", parsed=True, seen=found.seq if found else 0))


def correct_fact(walk: Walkthrough, message: Message) -> None:
    """From a publish question: change a fact the text got wrong, starting from its value."""
    group = ("messages", message.id)
    attempt = corrections(walk, message.id)
    ids = tuple(f.id for f in walk.scenario.facts)
    fact_id, _ = walk.ask(q.fact_choice(group, walk.scenario, walk.lang, attempt), q.choice_of(ids))
    fact = walk.scenario.fact(fact_id)
    assert fact is not None
    previous = walk.state.facts.get(fact_id)
    question = q.fact_question(
        fact,
        walk.lang,
        group=group,
        field="value",
        first=False,
        repeatable=True,
        attempt=attempt,
        current=previous,
    )
    value, _ = walk.ask(
        question, functools.partial(q.parse_fact, fact, walk.lang, local=walk.local_time())
    )
    seen = previous.seq if previous else 0
    walk.submit(SetFact(fact_id, value, "correction", message=message.id, parsed=True, seen=seen))


def corrections(walk: Walkthrough, message_id: str) -> int:
    """Facts corrected from this message's publish question (its answers so far)."""
    progress = walk.state.messages.get(message_id)
    return progress.corrections if progress else 0


def suggested_severity(walk: Walkthrough) -> tuple[str, int | None]:
    values = walk.variables()
    for index, rule in enumerate(walk.scenario.severity.rules):
        if holds(rule.when, values):
            return rule.level, index
    return walk.scenario.severity.default, None


def assess_severity(walk: Walkthrough) -> None:
    lang = walk.lang
    level, index = suggested_severity(walk)
    rule = walk.scenario.severity.rules[index] if index is not None else None
    because = rule.because.get_text(lang) if rule else t("severity.no_rule", lang)
    attempt = len(walk.state.severity_history)
    heading = "severity.changed" if attempt else "severity.title"
    walk.show(
        "severity",
        t(heading, lang, level=level_title(walk, level)),
        t("severity.because", lang, because=because),
        level="warning" if attempt else "info",
    )
    decision, _ = walk.ask(q.severity_decision(lang, attempt), q.choice_of(("confirm", "override")))
    assessed = SeverityAssessed(level, level, index, because)
    if decision == "override":
        levels = tuple(lv.id for lv in walk.scenario.severity.levels)
        chosen, _ = walk.ask(q.severity_level(walk.scenario, lang, attempt), q.choice_of(levels))
        reason = walk.ask_reason(("severity",), t("severity.reason", lang), attempt=attempt)
        assessed = SeverityAssessed(chosen, level, index, because, True, reason)
    walk.submit(LeadAct((assessed,)))


def severity_outdated(walk: Walkthrough) -> bool:
    """The facts now suggest another level than the one last assessed (an ETA that slips,
    a share that grows): the lead is asked again."""
    history = walk.state.severity_history
    return bool(history) and suggested_severity(walk)[0] != history[-1].get("suggested")


def level_title(walk: Walkthrough, level: str) -> str:
    found = next((lv for lv in walk.scenario.severity.levels if lv.id == level), None)
    return found.title.get_text(walk.lang) if found else level
