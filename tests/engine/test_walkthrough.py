"""The walkthrough on a small scenario: what it records, and resuming from any cut."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.clock import ManualClock
from crisisplay.errors import InputError, Interrupted
from crisisplay.timeline import vocabulary
from crisisplay.timeline.events import Event, NewEvent, parse_line, parse_time
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify
from tests.engine.conftest import FIXTURE_HOME, RunnerFactory

ANSWERS = FIXTURE_HOME / "playbooks" / "answers" / "minimal.yaml"


def _kinds(path: Path) -> list[str]:
    return [e.kind for e in read_events(path).events]


def test_full_walkthrough_records_every_decision(runner: RunnerFactory, tmp_path: Path) -> None:
    timeline = tmp_path / "t.jsonl"
    run = runner(FIXTURE_HOME).activate("minimal", ANSWERS, timeline)
    state = run.state
    assert state.completed_at is not None and state.resolved_at is not None
    assert state.severity == "major"
    # refused, passed, re-opened by the correction of a fact it confirmed, passed again
    assert [d.outcome for d in state.gates["scope"].decisions] == [
        "refused",
        "passed",
        "reopened",
        "passed",
    ]
    assert state.gates["scope"].decisions[1].by == "ana"
    assert state.facts["share"].value == 55 and state.facts["share"].source == "correction"
    assert state.facts["share"].validated  # confirmed again before publication
    holding = state.messages["holding"]
    assert holding.published and holding.publications[0].channels == ("x",)
    # 16:30 in Paris on 23 November is 15:30 UTC; the promise is open (no update followed)
    assert state.promises[0].due == datetime(2026, 11, 23, 15, 30, tzinfo=timezone.utc)
    assert verify(timeline).ok


def test_answers_with_at_set_the_event_times(runner: RunnerFactory, tmp_path: Path) -> None:
    timeline = tmp_path / "t.jsonl"
    state = runner(FIXTURE_HOME).activate("minimal", ANSWERS, timeline).state
    assert state.activated_at is not None
    passed = state.gates["scope"].decisions[1].at
    assert (passed - state.activated_at).total_seconds() == 10 * 60


def test_the_gate_comes_before_publication(runner: RunnerFactory, tmp_path: Path) -> None:
    timeline = tmp_path / "t.jsonl"
    runner(FIXTURE_HOME).activate("minimal", ANSWERS, timeline)
    order = _kinds(timeline)
    assert order.index(vocabulary.GatePassed.KIND) < order.index(vocabulary.MessagePublished.KIND)
    assert (
        order[0] == vocabulary.IncidentActivated.KIND
        and order[-1] == vocabulary.WalkthroughCompleted.KIND
    )


def acknowledged_writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Event counts after each acknowledged write: the only places a run can stop."""
    counts: list[int] = []
    original = TimelineStore.commit_if

    def counting(
        self: TimelineStore, news: Sequence[NewEvent], expect: int | None
    ) -> tuple[list[Event], bool]:
        events, recorded = original(self, news, expect)
        if recorded:
            counts.append(events[-1].seq)
        return events, recorded

    monkeypatch.setattr(TimelineStore, "commit_if", counting)
    return counts


def test_resume_from_any_cut_gives_the_same_timeline(
    runner: RunnerFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = tmp_path / "full.jsonl"
    cuts = acknowledged_writes(monkeypatch)
    runner(FIXTURE_HOME).activate("minimal", ANSWERS, full)
    lines = full.read_bytes().splitlines(keepends=True)
    assert len(cuts) > 10
    for cut in cuts[:-1]:
        partial = tmp_path / f"cut-{cut}.jsonl"
        partial.write_bytes(b"".join(lines[:cut]))
        last = parse_line(lines[cut - 1].rstrip(b"\n"))
        clock = ManualClock(parse_time(last.time))
        runner(FIXTURE_HOME).resume(ANSWERS, partial, clock)
        assert partial.read_bytes() == full.read_bytes(), f"resumed after event {cut}"


def test_interrupt_saves_and_resume_completes(
    runner: RunnerFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisplay.prompts import ScriptedPrompter

    timeline = tmp_path / "t.jsonl"
    original = ScriptedPrompter.ask
    calls = {"n": 0}

    def interrupting(self: ScriptedPrompter, question: object) -> object:
        calls["n"] += 1
        if calls["n"] == 6:
            raise KeyboardInterrupt
        return original(self, question)  # type: ignore[arg-type]

    monkeypatch.setattr(ScriptedPrompter, "ask", interrupting)
    with pytest.raises(Interrupted, match=r"Resume with: crisisplay .*resume --timeline"):
        runner(FIXTURE_HOME).activate("minimal", ANSWERS, timeline)
    assert _kinds(timeline)[-1] == vocabulary.WalkthroughPaused.KIND
    monkeypatch.setattr(ScriptedPrompter, "ask", original)
    state = fold(read_events(timeline).events)
    runner(FIXTURE_HOME).resume(ANSWERS, timeline, ManualClock(state.last_at))  # type: ignore[arg-type]
    final = fold(read_events(timeline).events)
    assert final.completed_at is not None and verify(timeline).ok


def test_answers_that_run_out_name_the_question(runner: RunnerFactory, tmp_path: Path) -> None:
    short = tmp_path / "short.yaml"
    short.write_text(
        ANSWERS.read_text().replace(
            '    - {decision: pass, comment: "55% confirmed", at: 15m}\n', ""
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"ran out of answers for 'gates\.scope'"):
        runner(FIXTURE_HOME).activate("minimal", short, tmp_path / "t.jsonl")


def test_a_wrong_answer_names_the_question_and_line(runner: RunnerFactory, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(ANSWERS.read_text().replace("  share: 60", "  share: lots"), "utf-8")
    with pytest.raises(InputError) as raised:
        runner(FIXTURE_HOME).activate("minimal", wrong, tmp_path / "t.jsonl")
    assert "facts.share.value" in str(raised.value)
    assert raised.value.location is not None and raised.value.location.line == 5


def test_a_missing_answer_names_the_question(runner: RunnerFactory, tmp_path: Path) -> None:
    partial = tmp_path / "partial.yaml"
    partial.write_text(ANSWERS.read_text().replace("severity: confirm\n", ""), "utf-8")
    with pytest.raises(InputError, match=r"no answer for 'severity\.decision'"):
        runner(FIXTURE_HOME).activate("minimal", partial, tmp_path / "t.jsonl")
