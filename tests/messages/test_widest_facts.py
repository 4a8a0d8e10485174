"""The longest texts a real incident can produce still fit their channels.

The sample facts are one story; a bad day ticks every service, every data category and every
audience, reaches the largest figures a fact allows, and runs as a drill whose marker takes room
in every text. Each public message of each scenario is rendered with those widest facts, in both
languages, on every channel it names, and must pass every check (limits and tone). The yes-or-no
facts are tried both ways: the other side of a sample answer is often the longer text (112 that
fails from our network, a partner operator affected, a debit not yet presented).
"""

from __future__ import annotations

import dataclasses

import pytest

from crisisplay.messages.fact_sources import widest_facts
from crisisplay.playbook.load import Playbook
from tests.conftest import ROOT
from tests.messages.conftest import CONTEXT, Render

SCENARIOS = sorted(path.stem for path in (ROOT / "playbooks" / "scenarios").glob("*.yaml"))
#: A drill, and a drill previewed from the sample facts: both markers take room.
CONTEXTS = {
    "drill": dataclasses.replace(CONTEXT, drill=True),
    "drill-sample": dataclasses.replace(CONTEXT, drill=True, sample=True),
}


@pytest.mark.parametrize("flipped", [False, True], ids=["sample-booleans", "flipped-booleans"])
@pytest.mark.parametrize("context", sorted(CONTEXTS))
@pytest.mark.parametrize("figures", [False, True], ids=["every-choice", "largest-figures"])
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_every_message_fits_with_the_widest_facts(
    bundled: Playbook,
    render_bundled: Render,
    scenario_id: str,
    lang: str,
    figures: bool,
    context: str,
    flipped: bool,
) -> None:
    scenario = bundled.scenario(scenario_id)
    facts = widest_facts(scenario, figures=figures)
    if flipped:
        for fact in scenario.facts:
            if fact.type == "boolean" and isinstance(facts.get(fact.id), bool):
                facts[fact.id] = not facts[fact.id]
    failures: list[str] = []
    rendered_channels = 0
    for message in scenario.messages:
        for item in render_bundled(
            scenario_id, message.id, lang=lang, facts=facts, context=CONTEXTS[context]
        ):
            if item.skipped is not None:
                continue
            rendered_channels += 1
            if not item.ok:
                found = "; ".join(f.message for f in item.findings if f.is_error)
                failures.append(f"{message.id}/{item.channel}: {found}")
    assert rendered_channels > len(scenario.messages)
    assert not failures, "\n".join(failures)
