"""The state is a pure fold: every prefix of a valid timeline folds, and folding is repeatable."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from crisisplay.timeline.events import Event, NewEvent, format_time, parse_time, seal
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from tests.engine.conftest import FIXTURE_HOME, START, RunnerFactory
from tests.strategies import EVENT_KINDS, PAYLOADS

ANSWERS = FIXTURE_HOME / "playbooks" / "answers" / "minimal.yaml"


def test_every_prefix_folds(runner: RunnerFactory, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    runner(FIXTURE_HOME).activate("minimal", ANSWERS, full)
    events = read_events(full).events
    for size in range(len(events) + 1):
        state = fold(events[:size])
        assert state.last_seq == size
        assert (state.completed_at is not None) == (size == len(events))
    assert fold(events) == fold(list(events))  # same events, same state


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(EVENT_KINDS), PAYLOADS), max_size=30))
def test_odd_payloads_never_break_the_fold(items: list[tuple[str, dict[str, object]]]) -> None:
    events: list[Event] = []
    prev = "0" * 64
    for seq, (kind, payload) in enumerate(items, start=1):
        new = NewEvent(kind, "tester", None, json.loads(json.dumps(payload)), START)
        event, _ = seal(new, seq=seq, prev=prev, incident="i")
        events.append(event)
        prev = event.hash
    state = fold(events)
    assert state.last_seq == len(items)
    assert parse_time(format_time(START)) == START
