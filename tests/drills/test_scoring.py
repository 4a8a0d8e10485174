"""Scoring from the timeline alone: each kind of expectation, met and missed, on small timelines."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from crisisplay.drills.model import Drill, Expectation, Inject
from crisisplay.drills.plan import DrillPlan
from crisisplay.drills.scoring import Outcome, score_timeline
from crisisplay.errors import TimelineError, UsageError
from crisisplay.playbook.types import Duration, LocalText
from crisisplay.timeline import vocabulary
from crisisplay.timeline.events import NewEvent, format_time
from crisisplay.timeline.store import TimelineStore
from tests.conftest import Cli

T0 = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
CALL = Inject("call", Duration(minutes=10), "journalist-call", LocalText({"en": "A call."}))
Step = tuple[int, str, Mapping[str, Any]]  # minutes after activation, kind, payload


def expect(kind: str, points: int = 10, **fields: Any) -> Expectation:
    if "within" in fields:
        fields["within"] = Duration(minutes=fields["within"])
    return Expectation(kind, kind, LocalText({"en": kind}), points, **fields)  # type: ignore[arg-type]


def write(path: Path, expectation: Expectation, steps: Sequence[Step], drill: bool = True) -> Path:
    plan = DrillPlan(
        Drill(
            "synthetic",
            LocalText({"en": "Synthetic"}),
            "minimal",
            LocalText({"en": "A test."}),
            (expectation,),
            injects=(CALL,),
        ),
        {"holding": ("scope",), "update": ("scope",)},
    )
    payload: dict[str, Any] = {"scenario": "minimal", "lang": "en", "drill": drill}
    if drill:
        payload["drill_plan"] = plan.as_payload()
    news = [NewEvent(vocabulary.IncidentActivated.KIND, "t", None, payload, T0)]
    news += [NewEvent(kind, "t", None, dict(p), T0 + timedelta(minutes=m)) for m, kind, p in steps]
    TimelineStore(path, incident="synthetic").append_many(news)
    return path


def outcome(tmp_path: Path, expectation: Expectation, steps: Sequence[Step]) -> Outcome:
    score = score_timeline(write(tmp_path / "t.jsonl", expectation, steps))
    return score.outcomes[0]


def published(message: str, kind: str, overridden: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "message": message,
        "kind": kind,
        "channels": ["x"],
        "lang": "fr",
        "public": True,
        "gates_overridden": list(overridden),
    }


def gate(outcome_kind: str, gate_id: str = "scope") -> tuple[str, dict[str, Any]]:
    key = "reason" if outcome_kind == "gate.overridden" else "comment"
    return outcome_kind, {"gate": gate_id, key: "why"}


FIRED = (
    10,
    vocabulary.DrillInject.KIND,
    {"inject": "call", "kind": "journalist-call", "text": {"fr": "Appel"}, "offset_min": 10},
)


# ---------------------------------------------------------------- message-within


def test_message_within_of_activation(tmp_path: Path) -> None:
    e = expect("message-within", message_kind="holding", within=30)
    met = outcome(
        tmp_path, e, [(24, vocabulary.MessagePublished.KIND, published("holding", "holding"))]
    )
    assert (met.met, met.points, met.late_min) == (True, 10, None)


def test_message_within_late_says_by_how_much(tmp_path: Path) -> None:
    e = expect("message-within", message_kind="holding", within=30)
    late = outcome(
        tmp_path, e, [(38, vocabulary.MessagePublished.KIND, published("holding", "holding"))]
    )
    assert (late.met, late.points, late.late_min, late.note) == (False, 0, 8.0, "8 min late")


def test_message_within_counts_only_what_follows_the_inject(tmp_path: Path) -> None:
    e = expect("message-within", message="update", after="call", within=20)
    steps: list[Step] = [
        (5, vocabulary.MessagePublished.KIND, published("update", "update")),  # before the call
        FIRED,
    ]
    missed = outcome(tmp_path, e, steps)
    assert (missed.met, missed.note) == (False, "never published")
    assert missed.due == T0 + timedelta(minutes=30)


def test_an_inject_that_never_fired_is_named(tmp_path: Path) -> None:
    e = expect("message-within", message="update", after="call", within=20)
    missed = outcome(tmp_path, e, [])
    assert (missed.met, missed.note) == (False, "inject call never fired")


# ---------------------------------------------------------------- gates


def test_gate_before_message_needs_it_passed_at_publication(tmp_path: Path) -> None:
    e = expect("gate-before-message", gate="scope", message="holding")
    steps: list[Step] = [
        (5, *gate(vocabulary.GatePassed.KIND)),
        (9, vocabulary.FactSet.KIND, {"fact": "share", "value": 1}),
        (12, vocabulary.MessagePublished.KIND, published("holding", "holding")),
    ]
    assert outcome(tmp_path, e, steps).met


def test_an_override_is_not_a_pass(tmp_path: Path) -> None:
    e = expect("gate-before-message", gate="scope", message="holding")
    steps: list[Step] = [
        (5, *gate(vocabulary.GateOverridden.KIND)),
        (6, vocabulary.MessagePublished.KIND, published("holding", "holding", ["scope"])),
    ]
    missed = outcome(tmp_path, e, steps)
    assert (missed.met, missed.note) == (False, "scope was 'overridden' at publication")


def test_no_failing_gate_catches_an_override(tmp_path: Path) -> None:
    e = expect("no-failing-gate")
    steps: list[Step] = [
        (5, *gate(vocabulary.GateOverridden.KIND)),
        (6, vocabulary.MessagePublished.KIND, published("holding", "holding", ["scope"])),
    ]
    missed = outcome(tmp_path, e, steps)
    assert (missed.met, missed.note) == (False, "holding published past scope")
    assert missed.at == T0 + timedelta(minutes=6)


def test_no_failing_gate_catches_a_gate_reopened_by_a_changed_fact(tmp_path: Path) -> None:
    e = expect("no-failing-gate")
    steps: list[Step] = [
        (1, vocabulary.FactSet.KIND, {"fact": "share", "value": 60}),
        (5, *gate(vocabulary.GatePassed.KIND)),
        (5, vocabulary.FactsValidated.KIND, {"facts": ["share"], "gate": "scope"}),
        (7, vocabulary.FactSet.KIND, {"fact": "share", "value": 70, "source": "inject"}),
        (8, vocabulary.MessagePublished.KIND, published("update", "update")),
    ]
    missed = outcome(tmp_path, e, steps)
    assert (missed.met, missed.note) == (False, "update published past scope")


def test_no_failing_gate_is_met_when_every_gate_held(tmp_path: Path) -> None:
    e = expect("no-failing-gate")
    steps: list[Step] = [
        (5, *gate(vocabulary.GatePassed.KIND)),
        (6, vocabulary.MessagePublished.KIND, published("holding", "holding")),
    ]
    assert outcome(tmp_path, e, steps).met


# ---------------------------------------------------------------- promises


def promise(minutes: int, due: int) -> Step:
    due_at = format_time(T0 + timedelta(minutes=due))
    return (
        minutes,
        vocabulary.PromiseMade.KIND,
        {"promise": "next-update", "due": due_at, "message": "x"},
    )


def test_every_promise_kept_on_time(tmp_path: Path) -> None:
    steps: list[Step] = [
        promise(20, 80),
        (75, vocabulary.MessagePublished.KIND, published("update", "update")),
        promise(75, 140),
        (150, vocabulary.MessagePublished.KIND, published("resolution", "resolution")),
    ]
    missed = outcome(tmp_path, expect("promises-kept"), steps)
    assert (missed.met, missed.note, missed.late_min) == (False, "1/2 promises kept", 10.0)


def test_no_promise_made_is_not_a_broken_one(tmp_path: Path) -> None:
    met = outcome(tmp_path, expect("promises-kept"), [])
    assert (met.met, met.note) == (True, "no promise made")


# ---------------------------------------------------------------- roles and escalations


def test_a_role_never_covered(tmp_path: Path) -> None:
    e = expect("role-covered", role="cm-lead", within=10)
    steps: list[Step] = [
        (0, vocabulary.RoleGap.KIND, {"role": "cm-lead", "reason": "x", "detected": True})
    ]
    missed = outcome(tmp_path, e, steps)
    assert (missed.met, missed.note) == (False, "role never covered")


def test_a_role_held_from_the_start_needs_no_cover(tmp_path: Path) -> None:
    e = expect("role-covered", role="cm-lead", within=10)
    steps: list[Step] = [(0, vocabulary.RoleAssigned.KIND, {"role": "cm-lead", "person": "ines"})]
    met = outcome(tmp_path, e, steps)
    assert (met.met, met.note) == (True, "role held from the start")


def test_a_declined_escalation_is_missed(tmp_path: Path) -> None:
    e = expect("escalation-within", escalation="viral", within=20)
    steps: list[Step] = [
        (3, vocabulary.EscalationFired.KIND, {"rule": "viral", "role": "legal", "because": "x"}),
        (
            5,
            vocabulary.EscalationDone.KIND,
            {"rule": "viral", "role": "legal", "declined": "no lawyer"},
        ),
    ]
    missed = outcome(tmp_path, e, steps)
    assert (missed.met, missed.note) == (False, "escalation declined: no lawyer")


def test_an_escalation_in_time_and_one_that_never_fired(tmp_path: Path) -> None:
    e = expect("escalation-within", escalation="viral", within=20)
    steps: list[Step] = [
        (3, vocabulary.EscalationFired.KIND, {"rule": "viral", "role": "legal", "because": "x"}),
        (15, vocabulary.EscalationDone.KIND, {"rule": "viral", "role": "legal", "person": "julie"}),
    ]
    assert outcome(tmp_path, e, steps).met
    never = score_timeline(write(tmp_path / "never.jsonl", e, [])).outcomes[0]
    assert (never.met, never.note) == (False, "rule never fired")


# ---------------------------------------------------------------- refusals and output


def test_a_real_incident_is_not_scored(tmp_path: Path, cli: Cli) -> None:
    real = write(tmp_path / "real.jsonl", expect("promises-kept"), [], drill=False)
    with pytest.raises(UsageError, match="real incident, not of a drill"):
        score_timeline(real)
    ran = cli("drill", "score", "--timeline", str(real))
    assert ran.exit_code == 2
    assert "is the timeline of a real incident, not of a drill" in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1


def test_a_drill_timeline_without_its_plan_is_named(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    payload = {"scenario": "minimal", "drill": True}
    TimelineStore(path, incident="x").append_many(
        [NewEvent(vocabulary.IncidentActivated.KIND, "t", None, payload, T0)]
    )
    with pytest.raises(TimelineError, match="records no drill plan"):
        score_timeline(path)


def test_the_json_document(tmp_path: Path, cli: Cli) -> None:
    e = expect("message-within", message_kind="holding", within=30, points=30)
    steps: list[Step] = [(38, vocabulary.MessagePublished.KIND, published("holding", "holding"))]
    path = write(tmp_path / "t.jsonl", e, steps)
    ran = cli("drill", "score", "--timeline", str(path), "--format", "json")
    assert ran.exit_code == 0
    document = json.loads(ran.stdout)
    assert {k: document[k] for k in ("drill", "score", "max")} == {
        "drill": "synthetic",
        "score": 0,
        "max": 30,
    }
    assert document["expectations"] == [
        {
            "id": "message-within",
            "kind": "message-within",
            "title": "message-within",
            "met": False,
            "at": "2026-11-23T14:38:00.000Z",
            "offset_min": 38.0,
            "due": "2026-11-23T14:30:00.000Z",
            "late_min": 8.0,
            "points": 0,
            "max_points": 30,
            "note": "8 min late",
        }
    ]
