"""What templates know of the brand's voice and of the relays the cell briefs."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from crisisplay.messages.variables import RenderContext, builtin_variables
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Relay


def variables(playbook: Playbook, scenario: str, lang: str = "fr") -> dict[str, Any]:
    found = playbook.scenario(scenario)
    return builtin_variables(
        playbook.organisation, found, {}, RenderContext(now="10:00"), lang=lang
    )


@pytest.mark.parametrize(
    ("name", "elided", "expected"),
    [
        ("Onde Mobile", None, "d'Onde Mobile"),
        ("Éole Télécom", None, "d'Éole Télécom"),
        ("Free", None, "de Free"),
        ("Hexa", None, "de Hexa"),
        ("Hexa", True, "d'Hexa"),
        ("Onze", False, "de Onze"),
    ],
)
def test_french_de_elides_before_a_vowel_unless_the_file_says_otherwise(
    bundled: Playbook, name: str, elided: bool | None, expected: str
) -> None:
    brand = dataclasses.replace(bundled.organisation.brand, name=name, elided=elided)
    org = dataclasses.replace(bundled.organisation, brand=brand)
    playbook = dataclasses.replace(bundled, organisation=org)
    assert variables(playbook, "nationwide-outage")["brand"]["de"] == expected


def test_the_spokesperson_and_the_executive_are_named_in_the_language(bundled: Playbook) -> None:
    fr = variables(bundled, "cyberattack")["brand"]
    en = variables(bundled, "cyberattack", "en")["brand"]
    assert fr["spokesperson"] == {
        "name": "Anne Lefèvre",
        "title": "directrice de la communication",
    }
    assert en["executive"]["title"] == "Chief Executive Officer"


def test_a_brand_without_spokesperson_gives_none(bundled: Playbook) -> None:
    brand = dataclasses.replace(bundled.organisation.brand, spokesperson=None)
    org = dataclasses.replace(bundled.organisation, brand=brand)
    playbook = dataclasses.replace(bundled, organisation=org)
    assert variables(playbook, "cyberattack")["brand"]["spokesperson"] is None


def test_relays_are_those_of_the_scenario_in_file_order(bundled: Playbook) -> None:
    outage = variables(bundled, "local-outage")["relays"]
    billing = variables(bundled, "billing-incident")["relays"]
    everywhere = [r.name for r in bundled.organisation.relays if not r.scenarios]
    assert [r["name"] for r in billing] == everywhere
    assert len(outage) == len(bundled.organisation.relays) > len(billing)
    assert any(r.kind == "partner" and "local-outage" in r.scenarios for r in _relays(bundled))


def _relays(playbook: Playbook) -> tuple[Relay, ...]:
    return playbook.organisation.relays


def test_a_render_knows_its_day_and_refuses_a_malformed_one(bundled: Playbook) -> None:
    found = bundled.scenario("cyberattack")
    context = RenderContext(now="10:00", today="2026-12-01")
    org = bundled.organisation
    assert builtin_variables(org, found, {}, context, lang="fr")["today"] == "2026-12-01"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        RenderContext(now="10:00", today="1/12/2026")
