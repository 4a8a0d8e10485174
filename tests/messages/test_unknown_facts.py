"""A figure not known yet (``unknown_ok``) is said to be unknown, never guessed: every message of
the bundled home renders with the sample facts minus that fact (set to None), in every language,
within its limits, free of tone errors and of leftovers ("None", "{{", a blank before a stop)."""

from __future__ import annotations

import re

import pytest

from crisisplay.home import Home
from crisisplay.messages.fact_sources import sample_facts
from crisisplay.messages.render import Renderer
from crisisplay.messages.variables import RenderContext
from crisisplay.playbook.load import Playbook, load_playbook
from tests.conftest import ROOT

_PLAYBOOK = load_playbook(Home(ROOT))
_ALL = "*all*"
CASES = [
    (scenario.id, fact_id, message.id, lang)
    for scenario in _PLAYBOOK.scenarios.values()
    for fact_id in [f.id for f in scenario.facts if f.unknown_ok] + [_ALL]
    for message in scenario.messages
    for lang in _PLAYBOOK.organisation.languages
]
_LEFTOVER = re.compile(r"\bNone\b|\{\{|\{%|  | [.,](?!\S)|\(\s*\)")


@pytest.mark.parametrize(
    ("scenario_id", "fact_id", "message_id", "lang"),
    CASES,
    ids=[f"{s}-{f}-{m}-{lang}" for s, f, m, lang in CASES],
)
def test_a_message_says_honestly_that_a_figure_is_not_known(
    bundled: Playbook, scenario_id: str, fact_id: str, message_id: str, lang: str
) -> None:
    scenario = bundled.scenario(scenario_id)
    message = scenario.message(message_id)
    assert message is not None
    unknown = [f.id for f in scenario.facts if f.unknown_ok and fact_id in (f.id, _ALL)]
    facts = {**sample_facts(scenario), **dict.fromkeys(unknown)}
    context = RenderContext("10:00", "11:00", incident_id="inc-test")
    rendered = Renderer(bundled, scenario, lang).render(message, facts, context, conditions=False)
    for item in rendered:
        errors = [f"{f.rule}: {f.message}" for f in item.findings if f.is_error]
        assert not errors, f"{item.channel}: {errors}\n{item.text}"
        for part in (item.text, item.title or ""):
            for line in part.splitlines():
                assert not _LEFTOVER.search(line.strip()), f"{item.channel}: {line!r}"
        assert item.measurement is not None
        if item.measurement.limit is not None:
            assert item.measurement.length <= item.measurement.limit, item.channel


def test_every_bundled_scenario_has_a_fact_that_may_be_unknown(bundled: Playbook) -> None:
    for scenario in bundled.scenarios.values():
        assert any(f.unknown_ok for f in scenario.facts), scenario.id
