"""No invented figure at the prompt: "not known yet" where a fact allows it, defaults from the
fact's current value (never from the playbook, except a choice's policy), checklists unticked."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from crisisplay.home import Home
from crisisplay.incident import questions as q
from crisisplay.playbook.load import load_playbook
from crisisplay.playbook.model import Choice, Fact
from crisisplay.playbook.tasks import all_tasks
from crisisplay.playbook.types import LocalText
from crisisplay.timeline.state import FactState
from tests.conftest import ROOT

AT = datetime(2026, 11, 23, 7, 50, tzinfo=timezone.utc)


def fact(kind: str = "number", **extra: object) -> Fact:
    return Fact("share", kind, LocalText({"fr": "Part ?", "en": "Share?"}), **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize("word", ["inconnu", "Unknown", " inconnue ", "?"])
def test_not_known_yet_is_an_answer_where_the_fact_allows_it(word: str) -> None:
    assert q.parse_fact(fact(unknown_ok=True), "fr", word) is q.UNKNOWN


def test_not_known_yet_is_refused_where_the_plan_needs_the_figure() -> None:
    with pytest.raises(ValueError, match="ce fait doit être connu"):
        q.parse_fact(fact(), "fr", "inconnu")
    with pytest.raises(ValueError, match="this fact must be known"):
        q.parse_fact(fact(), "en", "unknown")


def test_the_prompt_says_unknown_is_accepted() -> None:
    assert "inconnu" in (q.fact_question(fact(unknown_ok=True), "fr").help or "")
    assert q.fact_question(fact(), "fr").help is None


def test_a_figure_of_the_playbook_is_never_the_default() -> None:
    for kind, default in (("number", 100), ("duration", "2h"), ("multi-choice", ["a"])):
        assert q.fact_question(fact(kind, default=default), "fr").default is None
    choices = (Choice("unknown", LocalText({"fr": "Pas encore qualifiée"})),)
    policy = fact("choice", default="unknown", choices=choices)
    assert q.fact_question(policy, "fr").default == "unknown"  # a policy, not a figure


def test_a_correction_starts_from_the_current_value() -> None:
    current = FactState(55, "noc", AT, "answer")
    assert q.fact_question(fact(default=100), "fr", current=current).default == 55
    eta = FactState(180, "noc", AT, "answer")
    assert q.fact_question(fact("duration"), "fr", current=eta).default == "3h"
    unknown = FactState(None, "noc", AT, "answer", unknown=True)
    assert q.fact_question(fact(unknown_ok=True), "fr", current=unknown).default == "inconnu"


def test_every_checklist_starts_unticked() -> None:
    playbook = load_playbook(Home(ROOT), only="nationwide-outage")
    tasks = [t for t in all_tasks(playbook.scenario("nationwide-outage")) if t.checklist]
    assert tasks
    for task in tasks:
        labels = tuple(item.get_text("fr") for item in task.checklist)
        assert q.checklist_question(task, labels, "fr").default == []
