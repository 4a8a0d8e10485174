"""Every bundled drill runs to completion from its answers file, and its score is pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.drills.run import parse_start
from crisisplay.drills.scoring import Score
from crisisplay.timeline import vocabulary
from crisisplay.timeline.store import read_events
from tests.conftest import ROOT
from tests.drills.conftest import BUNDLED_ANSWERS, Ran, run

# drill: (answers file, start in the organisation's zone, pinned score out of 100)
PINNED = {
    "nationwide-eta-slip": ("nationwide-eta-slip.yaml", "2026-11-24T09:10", 100),
    "weekend-cm-gap": ("weekend-cm-gap.yaml", "2026-11-22T09:40", 100),
    "local-storm": ("local-storm.yaml", "2026-11-26T07:30", 100),
    "billing-double-debit": ("billing-double-debit.yaml", "2026-11-23T09:20", 100),
    "cyber-ransom-claim": ("cyber-ransom-claim.yaml", "2026-11-25T09:30", 100),
}
LATE_HOLDING = "nationwide-eta-slip-late-holding.yaml"
MARKER = "EXERCICE EXERCICE EXERCICE"


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ran]:
    """Each bundled drill run once (and the late holding statement), shared by the tests."""
    folder = tmp_path_factory.mktemp("bundled")
    out = {}
    for drill, (answers, start, _) in PINNED.items():
        out[drill] = run(
            ROOT, drill, BUNDLED_ANSWERS / answers, parse_start(start), folder / f"{drill}.jsonl"
        )
    answers, start, _ = PINNED["nationwide-eta-slip"]
    out["late"] = run(
        ROOT,
        "nationwide-eta-slip",
        BUNDLED_ANSWERS / LATE_HOLDING,
        parse_start(start),
        folder / "late.jsonl",
    )
    return out


def test_every_bundled_drill_is_pinned_and_has_its_answers() -> None:
    drills = {p.stem for p in (ROOT / "playbooks" / "drills").glob("*.yaml")}
    assert drills == set(PINNED)
    assert len({PINNED[d] for d in drills}) == len(drills)
    for drill, (answers, _, _) in PINNED.items():
        assert drill in answers and (BUNDLED_ANSWERS / answers).is_file()
    scenarios = {p.stem for p in (ROOT / "playbooks" / "scenarios").glob("*.yaml")}
    played = {read_drill_scenario(ROOT / "playbooks" / "drills" / f"{d}.yaml") for d in drills}
    assert played == scenarios  # at least one drill per bundled scenario


def read_drill_scenario(path: Path) -> str:
    from crisisplay.playbook.yamlio import load_yaml

    return str(load_yaml(path).data["scenario"])


@pytest.mark.parametrize("drill", list(PINNED))
def test_bundled_drill_runs_to_completion_with_its_pinned_score(
    runs: dict[str, Ran], drill: str
) -> None:
    ran = runs[drill]
    state = ran.run.state
    assert state.completed_at is not None and state.resolved_at is not None
    assert state.drill and state.drill_id == drill
    score = ran.run.score
    assert (score.score, score.max) == (PINNED[drill][2], 100), _debrief(score)
    fired = {inject.inject for inject in state.injects}
    assert fired == {"start"} | {i.id for i in score.drill.injects}  # every inject fired


def _debrief(score: Score) -> list[tuple[str, bool, str]]:
    return [(o.expectation.id, o.met, o.note) for o in score.outcomes]


def test_missing_the_holding_statement_loses_exactly_its_points(runs: dict[str, Ran]) -> None:
    good, late = runs["nationwide-eta-slip"].run.score, runs["late"].run.score
    assert (good.score, late.score) == (100, 70)
    changed = [
        (on_time.expectation.id, on_time.points, missed.points)
        for on_time, missed in zip(good.outcomes, late.outcomes, strict=True)
        if (on_time.met, on_time.points) != (missed.met, missed.points)
    ]
    assert changed == [("holding-30", 30, 0)]
    holding = late.outcomes[0]
    assert holding.late_min == 8.0 and late.offset_min(holding.at) == 38.0


def test_the_timeline_is_a_drill_and_every_message_carries_the_marker(
    runs: dict[str, Ran],
) -> None:
    ran = runs["weekend-cm-gap"]
    first = read_events(ran.timeline).events[0]
    assert first.payload["drill"] is True and first.payload["drill_id"] == "weekend-cm-gap"
    texts = [
        channel.text
        for notice in ran.shown
        if notice.kind == "rendered"
        for channel in notice.data
        if channel.skipped is None
    ]
    assert len(texts) > 20
    assert all(text.startswith(MARKER) for text in texts)


def test_injects_fire_at_their_moments_with_their_facts(runs: dict[str, Ran]) -> None:
    events = read_events(runs["nationwide-eta-slip"].timeline).events
    start = events[0].at
    fired = {
        e.payload["inject"]: (e.at - start).total_seconds() / 60
        for e in events
        if e.kind == vocabulary.DrillInject.KIND
    }
    assert fired == {"start": 0, "hashtag": 12, "journalist": 40, "eta-slip": 65, "ceo-brief": 120}
    slip = [
        e
        for e in events
        if e.kind == vocabulary.FactSet.KIND and e.payload.get("inject") == "eta-slip"
    ]
    assert [(e.payload["fact"], e.payload["value"], e.payload["previous"]) for e in slip] == [
        ("eta", 300, 120)
    ]
    assert slip[0].payload["source"] == "inject" and slip[0].actor == "exercise-control"


def test_an_eta_slip_reopens_the_gate_that_confirmed_the_estimate(runs: dict[str, Ran]) -> None:
    state = runs["nationwide-eta-slip"].run.state
    assert state.activated_at is not None
    decisions = [
        (d.outcome, (d.at - state.activated_at).total_seconds() / 60)
        for d in state.gates["noc-scope"].decisions
    ]
    assert ("reopened", 65.0) in decisions
    # confirmed again once the validator has seen the update's texts, before it went out
    assert decisions[-1] == ("passed", 75.0)
    passed = state.gates["noc-scope"].decisions[-1].seq
    update = state.messages["update"]
    assert max(r.seq for r in update.rendered.values()) < passed < update.publications[0].seq


def test_injects_are_shown_as_exercise_material(runs: dict[str, Ran]) -> None:
    notices = [n for n in runs["local-storm"].shown if n.kind == "inject"]
    assert [n.level for n in notices] == ["drill"] * 4
    assert notices[0].title == "T+0m · Situation de départ"
    assert notices[2].title == "T+1h5m · Le rétablissement recule"
    assert "Fait mis à jour : eta = 10h" in notices[2].lines
