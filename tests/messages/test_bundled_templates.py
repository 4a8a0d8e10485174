"""Every message x channel x language of the bundled home renders, fits and reads well.

Rendered with each scenario's sample facts, every channel whatever its condition, as a real
message and as a drill (the exercise marker must still fit).
"""

from __future__ import annotations

import pytest

from crisisplay.home import Home
from crisisplay.messages.fact_sources import sample_facts
from crisisplay.messages.render import Renderer
from crisisplay.messages.variables import RenderContext
from crisisplay.playbook.load import Playbook, load_playbook
from tests.conftest import ROOT

_PLAYBOOK = load_playbook(Home(ROOT))
CASES = [
    (scenario.id, message.id, lang, drill)
    for scenario in _PLAYBOOK.scenarios.values()
    for message in scenario.messages
    for lang in _PLAYBOOK.organisation.languages
    for drill in (False, True)
]


@pytest.mark.parametrize(
    ("scenario_id", "message_id", "lang", "drill"),
    CASES,
    ids=[f"{s}-{m}-{lang}{'-drill' if d else ''}" for s, m, lang, d in CASES],
)
def test_every_channel_renders_within_limits_without_errors(
    bundled: Playbook, scenario_id: str, message_id: str, lang: str, drill: bool
) -> None:
    scenario = bundled.scenario(scenario_id)
    message = scenario.message(message_id)
    assert message is not None
    context = RenderContext("10:00", "11:00", "2026-03-14", drill=drill, incident_id="inc-test")
    rendered = Renderer(bundled, scenario, lang).render(
        message, sample_facts(scenario), context, conditions=False
    )
    assert [r.channel for r in rendered] == [u.channel for u in message.channel_uses()]
    for item in rendered:
        errors = [f"{f.rule}: {f.message}" for f in item.findings if f.is_error]
        assert not errors, f"{item.channel}: {errors}\n{item.title or ''}\n{item.text}"
        assert item.text.strip()
        measurement = item.measurement
        assert measurement is not None
        if measurement.limit is not None:
            assert measurement.length <= measurement.limit
        if drill:
            marker = bundled.organisation.exercise_marker[lang]
            assert item.text.startswith(marker + "\n")


def test_the_walk_covers_every_scenario(bundled: Playbook) -> None:
    assert {case[0] for case in CASES} == set(bundled.scenarios)
    assert len(CASES) >= 4 * 9 * 2 * 2


def test_sms_texts_stay_in_gsm7(bundled: Playbook) -> None:
    # One typographic apostrophe would make a French SMS UCS-2 and double its parts.
    for scenario in bundled.scenarios.values():
        for message in scenario.messages:
            if "sms" not in [u.channel for u in message.channel_uses()]:
                continue
            for lang in bundled.organisation.languages:
                item = Renderer(bundled, scenario, lang).render(
                    message,
                    sample_facts(scenario),
                    RenderContext("10:00"),
                    ["sms"],
                    conditions=False,
                )[0]
                assert item.measurement is not None and item.measurement.sms is not None
                assert item.measurement.sms.encoding == "GSM-7", (scenario.id, message.id, lang)
