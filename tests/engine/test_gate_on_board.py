"""A gate decided on the lead's board: the validator sees the facts with their values and the
texts it approves; a refusal may correct a fact there and then; a vacant role validates nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from crisisplay.errors import InputError
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from tests.engine.conftest import RunnerFactory

ROOT = Path(__file__).parents[2]
BUNDLED = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"


def _answers(tmp_path: Path, edit: dict[str, dict[str, object]]) -> Path:
    answers = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    for group, values in edit.items():
        answers[group].update(values)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def test_a_refusal_corrects_the_fact_there_and_then(runner: RunnerFactory, tmp_path: Path) -> None:
    refuse = {"decision": "refuse", "comment": "40%, not 60%", "fact": "affected_share",
              "value": 40, "at": "10m"}  # fmt: skip
    answers = _answers(tmp_path, {"gates": {"noc-scope": [refuse, {"decision": "pass"}]}})
    path = tmp_path / "t.jsonl"
    run = runner(ROOT).activate("nationwide-outage", answers, path)
    events = read_events(path).events
    refused = next(e for e in events if e.kind == "gate.refused")
    corrected = next(e for e in events if e.kind == "fact.set" and e.payload.get("gate"))
    assert corrected.seq == refused.seq + 1
    assert corrected.payload == {"fact": "affected_share", "gate": "noc-scope",
                                 "previous": 60, "source": "correction", "value": 40}  # fmt: skip
    assert run.state.facts["affected_share"].value == 40
    # validated again, at its new value, when the NOC passed the gate after the correction
    assert run.state.facts["affected_share"].validated_by == "noc-duty"
    assert fold(events[: refused.seq]).facts["affected_share"].value == 60


def test_the_validator_is_shown_the_values_and_the_texts(
    runner: RunnerFactory, tmp_path: Path
) -> None:
    from crisisplay.prompts import ScriptedPrompter

    path = tmp_path / "t.jsonl"
    r = runner(ROOT)
    edges = r.edges(BUNDLED)
    from crisisplay.incident.run import activate

    activate(r.home, "nationwide-outage", edges, timeline=path, token="beef")
    assert isinstance(edges.prompter, ScriptedPrompter)
    gates = [n for n in edges.prompter.shown if n.kind == "gate"]
    scope = next(n for n in gates if "fait affected_share = 60" in n.lines)
    # values as a person reads them, in the incident's language: the choices' labels
    assert "fait services_down = Appels, Internet mobile" in scope.lines
    approval = [n for n in gates if any(line.startswith("--- holding / sms") for line in n.lines)]
    assert approval, "the comms director approves the holding statement with its texts in view"
    sms = approval[0].lines[approval[0].lines.index("--- holding / sms ---") + 1]
    assert "16h42" in sms  # the text as it will go out, with the promised time (T+1h40m)


def test_a_role_recorded_as_a_gap_validates_nothing(runner: RunnerFactory, tmp_path: Path) -> None:
    gap = {"comms-director": {"person": "gap", "reason": "director unreachable"}}
    answers = _answers(tmp_path, {"roles": gap})
    with pytest.raises(InputError, match="not one of override, skip-step"):
        runner(ROOT).activate("nationwide-outage", answers, tmp_path / "t.jsonl")
    over = {"decision": "override", "reason": "director unreachable, the lead signs"}
    answers = _answers(tmp_path, {"roles": gap, "gates": {"comms-approval": over}})
    run = runner(ROOT).activate("nationwide-outage", answers, tmp_path / "u.jsonl")
    assert run.state.gates["comms-approval"].status == "overridden"
    assert run.state.completed_at is not None
