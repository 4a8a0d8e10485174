"""The real questionary prompts, driven through a pipe input, for a whole activation."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output.plain_text import PlainTextOutput

from crisisplay.clock import ManualClock
from crisisplay.console.prompter import InteractivePrompter
from crisisplay.home import Home
from crisisplay.incident.run import Edges, activate
from crisisplay.prompts import Answer, Option, Question
from crisisplay.timeline.verify import verify
from tests.engine.conftest import FIXTURE_HOME, START

ENTER = "\r"
DOWN = "\x1b[B"
# What a person types at each prompt (ids as in answers files).
KEYS = {
    "facts.services_down.value": " " + ENTER,  # tick the first service (calls)
    "facts.share.value": "abc" + ENTER,  # refused: re-asked
    "facts.share.value#2": "\x7f" * 3 + "60" + ENTER,
    "severity.decision": ENTER,
    "roles.cell-lead.person": ENTER,
    "roles.noc-liaison.person": ENTER,
    "steps.confirm.decision": ENTER,
    "steps.confirm.done": ENTER,
    "gates.scope.decision": ENTER,
    "gates.scope.comment": "ok by phone" + ENTER,
    "steps.publish.decision": ENTER,
    "steps.publish.done": ENTER,
    "messages.holding.next_update": ENTER,
    "messages.holding.decision": ENTER,
}


class PipedPrompter(InteractivePrompter):
    """The interactive prompter, with each answer typed into a pipe just before its prompt."""

    def __init__(self, pipe: PipeInput) -> None:
        self.screen = StringIO()
        super().__init__(input=pipe, output=PlainTextOutput(self.screen))
        self.pipe = pipe
        self.asked: list[str] = []

    def ask(self, question: Question) -> Answer:
        key = question.id if question.id not in self.asked else f"{question.id}#2"
        self.asked.append(question.id)
        self.pipe.send_text(KEYS[key])
        return super().ask(question)


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as created:
        yield created


def test_a_full_activation_through_the_real_prompts(tmp_path: Path, pipe: PipeInput) -> None:
    prompter = PipedPrompter(pipe)
    timeline = tmp_path / "t.jsonl"
    run = activate(
        Home(FIXTURE_HOME),
        "minimal",
        Edges(prompter, ManualClock(START), "ana"),
        timeline=timeline,
        token="cafe",
    )
    state = run.state
    assert state.completed_at is not None
    assert state.facts["services_down"].value == ["voice"]
    assert state.facts["share"].value == 60  # the bad answer was re-asked, not recorded
    assert prompter.asked.count("facts.share.value") == 2
    assert state.gates["scope"].decisions[0].comment == "ok by phone"
    assert state.messages["holding"].published
    assert verify(timeline).ok
    # the fixture organisation speaks French first: so do the prompts' own hints
    screen = prompter.screen.getvalue()
    assert "(flèches pour choisir, Entrée pour valider)" in screen
    assert "(flèches pour choisir, Espace pour cocher, Entrée pour valider)" in screen
    assert "arrow keys" not in screen and "<space>" not in screen


def _asked(pipe: PipeInput, keys: str, question: Question) -> tuple[object, str]:
    screen = StringIO()
    pipe.send_text(keys)
    prompter = InteractivePrompter(input=pipe, output=PlainTextOutput(screen))
    return prompter.ask(question).value, screen.getvalue()


def _yes_no(lang: str, default: bool = False) -> Question:
    return Question(
        ("post", "prefect"), "done", "confirm", "Préfet prévenu ?", default=default, lang=lang
    )


@pytest.mark.parametrize(
    ("keys", "said", "echo"),
    [
        ("o\r", True, "Oui"),
        ("oui\r", True, "Oui"),
        ("Y\r", True, "Oui"),
        ("non\r", False, "Non"),
        ("n\r", False, "Non"),
        ("\r", False, "Non"),  # Enter alone: the default
        ("peut-être\r" + "\x7f" * 9 + "o\r", True, "Oui"),  # refused, then corrected
        ("peut-être\r" + "\x7f" * 9 + "\r", False, "Non"),
    ],
)
def test_a_french_yes_or_no(pipe: PipeInput, keys: str, said: bool, echo: str) -> None:
    value, screen = _asked(pipe, keys, _yes_no("fr"))
    assert value is said
    assert "(o/N)" in screen and "(y/N)" not in screen
    assert screen.rstrip().endswith(f"Préfet prévenu ? {echo}")
    assert "Yes" not in screen and "No" not in screen.replace("Non", "")


def test_english_keeps_questionary_confirm(pipe: PipeInput) -> None:
    value, screen = _asked(pipe, "y", _yes_no("en"))
    assert value is True
    assert screen.rstrip().endswith("Préfet prévenu ? Yes")


def test_an_english_select_shows_the_english_hint(pipe: PipeInput) -> None:
    options = (Option("pass", "Pass"), Option("refuse", "Refuse"))
    question = Question(
        ("gates", "scope"), "decision", "select", "Decide", options=options, lang="en"
    )
    value, screen = _asked(pipe, DOWN + ENTER, question)
    assert value == "refuse"
    assert "(arrow keys to move, Enter to choose)" in screen
