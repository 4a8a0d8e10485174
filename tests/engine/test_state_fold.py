"""The state is a pure fold: every prefix of a valid timeline folds, and folding is repeatable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisplay.errors import TimelineError
from crisisplay.timeline.events import Event, NewEvent, format_time, parse_time, seal
from crisisplay.timeline.payloads import REGISTRY, PayloadError
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from tests.engine.conftest import FIXTURE_HOME, START, RunnerFactory
from tests.strategies import EVENT_KINDS, PAYLOADS, WELL_FORMED

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
def test_odd_payloads_fold_or_are_named_by_seq(items: list[tuple[str, dict[str, object]]]) -> None:
    """A payload its kind does not declare is never half read: the fold stops at it with an
    error naming the timeline and its seq; anything else folds."""
    events = _sealed(items)
    first_bad = next(
        (e.seq for e in events if e.kind in REGISTRY and not _reads(e.kind, e.payload)), None
    )
    if first_bad is None:
        assert fold(events, "odd.jsonl").last_seq == len(items)
        return
    with pytest.raises(TimelineError) as caught:
        fold(events, "odd.jsonl")
    assert str(caught.value.location) == f"odd.jsonl:{first_bad}"
    assert f"seq {first_bad}: the {events[first_bad - 1].kind} payload is malformed" in str(
        caught.value
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(WELL_FORMED, max_size=30))
def test_well_formed_payloads_always_fold(items: list[tuple[str, dict[str, object]]]) -> None:
    state = fold(_sealed(items))
    assert state.last_seq == len(items)
    assert parse_time(format_time(START)) == START


def _reads(kind: str, payload: dict[str, object]) -> bool:
    try:
        REGISTRY[kind].decode(payload)
    except PayloadError:
        return False
    return True


def _sealed(items: list[tuple[str, dict[str, object]]]) -> list[Event]:
    events: list[Event] = []
    prev = "0" * 64
    for seq, (kind, payload) in enumerate(items, start=1):
        new = NewEvent(kind, "tester", None, json.loads(json.dumps(payload)), START)
        event, _ = seal(new, seq=seq, prev=prev, incident="i")
        events.append(event)
        prev = event.hash
    return events
