"""The monitoring report frames take from the record what it already says (the restoration,
the first public word, the promises kept), and ask for it when rendered without a record."""

from __future__ import annotations

import dataclasses

import pytest

from crisisplay.messages.variables import NO_RECORD, builtin_variables
from crisisplay.playbook.load import Playbook
from tests.messages.conftest import CONTEXT, Render, plain

RECORD = (
    ("activated", "07:55"),
    ("resolved", "12:10"),
    ("first_public", "08:21"),
    ("first_public_after", 26),
    ("first_public_target", 30),
    ("promises_made", 5),
    ("promises_kept", 4),
    ("promises_missed", 1),
)
WITH_RECORD = dataclasses.replace(CONTEXT, record=RECORD)
SAID = {
    "fr": (
        "Premier message public à 8h21, 26 minutes après l'activation (objectif : 30 minutes).",
        "Points promis : 5, dont 4 tenus et 1 manqué.",
    ),
    "en": (
        "First public message at 08:21, 26 minutes after activation (target: 30 minutes).",
        "Updates promised: 5, 4 kept and 1 missed.",
    ),
}
ASKED = {"fr": "Heure du premier ", "en": "Time of the first public "}
FRAMES = {
    "nationwide-outage": "report-h6",
    "local-outage": "report-h6-frame",
    "billing-incident": "report-h6-frame",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("scenario", sorted(FRAMES))
def test_the_h6_frame_reports_what_the_record_says(
    render_bundled: Render, scenario: str, lang: str
) -> None:
    message = FRAMES[scenario]
    [frame] = render_bundled(scenario, message, lang=lang, context=WITH_RECORD)
    text = plain(frame.text)
    for sentence in SAID[lang]:
        assert sentence in text, text
    assert ASKED[lang] not in text
    [bare] = render_bundled(scenario, message, lang=lang)
    assert ASKED[lang] in plain(bare.text)
    assert not any(sentence in plain(bare.text) for sentence in SAID[lang])


def test_the_nationwide_frame_takes_the_recorded_restoration(render_bundled: Render) -> None:
    [frame] = render_bundled("nationwide-outage", "report-h6", context=WITH_RECORD)
    assert "- Rétablissement consigné à 12h10. À compléter : durée totale" in plain(frame.text)


def test_without_a_record_every_key_is_there_and_empty(bundled: Playbook) -> None:
    scenario = bundled.scenario("local-outage")
    record = builtin_variables(bundled.organisation, scenario, {}, CONTEXT, lang="fr")["record"]
    assert record == NO_RECORD and set(record) == {key for key, _ in RECORD}
