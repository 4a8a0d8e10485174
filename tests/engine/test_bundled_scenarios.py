"""Every bundled scenario, walked end to end from its answers file, and resumed from cuts."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.clock import ManualClock
from crisisplay.conditions import holds
from crisisplay.home import Home
from crisisplay.playbook.load import load_playbook
from crisisplay.timeline import vocabulary
from crisisplay.timeline.events import parse_line, parse_time
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from crisisplay.timeline.verify import verify
from tests.conftest import ROOT
from tests.engine.conftest import RunnerFactory
from tests.engine.test_walkthrough import acknowledged_writes

SCENARIOS = sorted(p.stem for p in (ROOT / "playbooks" / "scenarios").glob("*.yaml"))


def _answers(scenario: str) -> Path:
    return ROOT / "playbooks" / "answers" / f"{scenario}.yaml"


def test_the_four_scenarios_are_bundled() -> None:
    assert SCENARIOS == ["billing-incident", "cyberattack", "local-outage", "nationwide-outage"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_runs_end_to_end(runner: RunnerFactory, tmp_path: Path, scenario: str) -> None:
    timeline = tmp_path / f"{scenario}.jsonl"
    state = runner(ROOT).activate(scenario, _answers(scenario), timeline).state
    assert state.completed_at is not None and state.resolved_at is not None
    assert verify(timeline).ok
    assert any(m.published for m in state.messages.values())
    assert not state.drill


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_public_message_goes_out_before_its_gates(
    runner: RunnerFactory, tmp_path: Path, scenario: str
) -> None:
    timeline = tmp_path / f"{scenario}.jsonl"
    runner(ROOT).activate(scenario, _answers(scenario), timeline)
    definition = load_playbook(Home(ROOT), only=scenario).scenario(scenario)
    events = read_events(timeline).events
    for index, event in enumerate(events):
        if event.kind != vocabulary.MessagePublished.KIND or not event.payload["public"]:
            continue
        before = fold(events[:index])
        message = definition.message(event.payload["message"])
        assert message is not None
        for gate_id in message.gates:
            gate = definition.gate(gate_id)
            assert gate is not None
            applies = (
                holds(
                    gate.when,
                    {**before.fact_values(), "severity": before.severity, "drill": before.drill},
                )
                is not False
            )
            if applies:
                assert before.gates[gate_id].cleared, f"{message.id} before {gate_id}"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_resume_from_cuts_gives_the_same_timeline(
    runner: RunnerFactory, tmp_path: Path, scenario: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = tmp_path / "full.jsonl"
    cuts = acknowledged_writes(monkeypatch)
    runner(ROOT).activate(scenario, _answers(scenario), full)
    lines = full.read_bytes().splitlines(keepends=True)
    # Every ninth acknowledged write, and the last before completion: a spread of cut points
    # through facts, roster, steps, gates and messages.
    for cut in [*cuts[:-1:9], cuts[-2]]:
        partial = tmp_path / f"cut-{cut}.jsonl"
        partial.write_bytes(b"".join(lines[:cut]))
        clock = ManualClock(parse_time(parse_line(lines[cut - 1].rstrip(b"\n")).time))
        runner(ROOT).resume(_answers(scenario), partial, clock)
        assert partial.read_bytes() == full.read_bytes(), f"resumed after event {cut}"
