"""The real questionary prompts, driven through a pipe input, for a whole activation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from crisisplay.clock import ManualClock
from crisisplay.console.prompter import InteractivePrompter
from crisisplay.home import Home
from crisisplay.incident import Edges, activate
from crisisplay.prompts import Answer, Question
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
        super().__init__(input=pipe, output=DummyOutput())
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
