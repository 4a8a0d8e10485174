"""No figure reaches the public that nobody gave: every number in a published public text comes
from an answer (a fact, a next-update time), from the clock, or from the playbook home's own
fixed text (112, a phone number). Walked over the bundled scenarios with minimal answers: every
optional fact left out, every fact that may be unknown answered "unknown"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from crisisplay.clock import ManualClock
from crisisplay.home import Home
from crisisplay.incident.run import Edges, activate
from crisisplay.playbook.load import load_playbook
from crisisplay.playbook.yamlio import load_yaml
from crisisplay.prompts import ScriptedPrompter
from tests.conftest import ROOT
from tests.report.timelines import START

SCENARIOS = ("nationwide-outage", "local-outage", "billing-incident", "cyberattack")
ZONE = ZoneInfo("Europe/Paris")
_NUMBER = re.compile(r"\d+")
#: what the bundled templates write for a figure not known yet
ASSESSING = re.compile(r"en cours d['’]évaluation|being assessed")
# "2 300", "85 000", "1,200": one figure, whatever the thousands separator
_GROUPED = re.compile(r"(?<=\d)[ \u00a0\u202f,.](?=\d{3}\b)")


def _figures(text: str) -> set[str]:
    return {n.lstrip("0") or "0" for n in _NUMBER.findall(_GROUPED.sub("", text))}


def minimal_answers(scenario: str, folder: Path) -> Path:
    """The bundled answers without a single optional fact, every figure that may be unknown
    said to be unknown."""
    playbook = load_playbook(Home(ROOT), only=scenario)
    facts = {f.id: f for f in playbook.scenario(scenario).facts}
    source = ROOT / "playbooks" / "answers" / f"{scenario}.yaml"
    answers: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    given = answers.get("facts", {})
    answers["facts"] = {
        key: "unknown" if facts[key].unknown_ok else value
        for key, value in given.items()
        if facts[key].required
    }
    path = folder / f"{scenario}.minimal.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def _allowed(scenario: str, answers: Path, state: Any) -> set[str]:
    """Every figure someone gave, the clock said, or the home writes in its own text."""
    allowed = _figures(answers.read_text(encoding="utf-8"))
    for part in ("_shared", scenario):
        for template in (ROOT / "templates" / part).rglob("*.j2"):
            # literal text only: what is between Jinja's delimiters is code, not a figure
            literal = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", template.read_text(),
                             flags=re.S)  # fmt: skip
            allowed |= _figures(literal)
    allowed |= _figures((ROOT / "playbooks" / "organisation.yaml").read_text(encoding="utf-8"))
    allowed |= _figures(state.incident)
    for publication in state.publications:
        local = publication.at.astimezone(ZONE)
        allowed |= _figures(f"{local:%Y %m %d %H %M}") | {str(local.hour), str(local.minute)}
    for value in state.fact_values().values():
        allowed |= _figures(str(value))
    return allowed


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_figure_in_a_public_text_that_nobody_gave(scenario: str, tmp_path: Path) -> None:
    answers = minimal_answers(scenario, tmp_path)
    edges = Edges(ScriptedPrompter(load_yaml(answers)), ManualClock(START), "camille-roux")
    run = activate(Home(ROOT), scenario, edges, timeline=tmp_path / "t.jsonl", token="5eed")
    state = run.state
    assert state.completed_at is not None
    allowed = _allowed(scenario, answers, state)
    public = [(p, t) for p in state.publications if p.public for t in p.texts]
    assert len(public) > 10
    for publication, text in public:
        invented = _figures(text.text) - allowed
        assert not invented, (publication.message, text.channel, sorted(invented), text.text)
    # the unknown figures were really walked: a public text says they are being assessed
    assert any(ASSESSING.search(t.text) for _, t in public), scenario
