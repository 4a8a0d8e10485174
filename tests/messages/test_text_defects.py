"""Wordings the bundled templates once got wrong, pinned as absent from what they render.

Each text is compared after undoing the typography pass (no-break spaces, curly apostrophe),
so a defect is written here as a person would type it.
"""

from __future__ import annotations

import re

import pytest

from crisisplay.messages.fact_sources import sample_facts
from crisisplay.playbook.load import Playbook
from tests.messages.conftest import Render, plain

LANGS = ("fr", "en")


def texts(render: Render, scenario: str, message: str, lang: str, **facts: object) -> str:
    """Every channel of one message, titles included, as one plain text."""
    rendered = render(scenario, message, lang=lang, facts=facts or None)
    return "\n".join(plain(f"{item.title or ''}\n{item.text}") for item in rendered)


def with_sample(bundled: Playbook, scenario: str, **changes: object) -> dict[str, object]:
    return {**sample_facts(bundled.scenario(scenario)), **changes}


@pytest.mark.parametrize("lang", LANGS)
def test_no_nationwide_message_puts_a_clock_time_where_a_date_belongs(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    scenario = bundled.scenario("nationwide-outage")
    for message in scenario.messages:
        text = texts(render_bundled, "nationwide-outage", message.id, lang)
        assert "Panne nationale du 7h42" not in text, message.id
        assert not re.search(r"\bdu \d{1,2}h\d{0,2}\b", text), message.id
        assert not re.search(r"\boutage of \d{1,2}:\d{2}\b", text), message.id


@pytest.mark.parametrize("region", ["Finistère", "Pays basque", "Grand Lyon"])
def test_a_local_region_is_never_glued_to_secteur(
    bundled: Playbook, render_bundled: Render, region: str
) -> None:
    facts = with_sample(bundled, "local-outage", region=region)
    for message in ("agent-script", "ivr", "press-statement"):
        text = texts(render_bundled, "local-outage", message, "fr", **facts)
        assert f"secteur {region}" not in text, message
        assert region in text, message


def test_the_agent_and_the_voice_server_name_the_area_after_a_colon(
    render_bundled: Render,
) -> None:
    agent = texts(render_bundled, "local-outage", "agent-script", "fr")
    assert "Zone touchée : Finistère." in agent
    ivr = texts(render_bundled, "local-outage", "ivr", "fr")
    assert "voici la zone touchée : Finistère, notamment Brest" in ivr


@pytest.mark.parametrize("confirmed", [True, False])
@pytest.mark.parametrize(
    ("lang", "label", "phrase"),
    [
        ("fr", "Intempéries (tempête, inondation, neige)", "Cause : intempéries"),
        ("en", "Severe weather (storm, flood, snow)", "Cause: severe weather"),
    ],
)
def test_the_local_cause_reads_as_words_not_as_the_form_label(
    bundled: Playbook,
    render_bundled: Render,
    lang: str,
    label: str,
    phrase: str,
    confirmed: bool,
) -> None:
    facts = with_sample(bundled, "local-outage", cause="storm", cause_confirmed=confirmed)
    for message in bundled.scenario("local-outage").messages:
        assert label not in texts(render_bundled, "local-outage", message.id, lang, **facts)
    assert phrase in texts(render_bundled, "local-outage", "internal-brief", lang, **facts)


@pytest.mark.parametrize(
    ("lang", "label", "sentence"),
    [
        ("fr", "Cause :", "Les intempéries en sont la cause."),
        ("en", "Cause:", "Severe weather is the cause."),
    ],
)
def test_public_posts_give_the_local_cause_as_a_sentence_not_a_label(
    bundled: Playbook, render_bundled: Render, lang: str, label: str, sentence: str
) -> None:
    facts = with_sample(bundled, "local-outage", cause="storm", cause_confirmed=True)
    for message in bundled.scenario("local-outage").messages:
        if not message.is_public:
            continue
        assert label not in texts(render_bundled, "local-outage", message.id, lang, **facts)
    update = render_bundled("local-outage", "update", lang=lang, facts=facts, channels=["x"])
    assert sentence in plain(update[0].text)


def test_the_local_press_headline_names_the_area_in_a_sentence(render_bundled: Render) -> None:
    press = texts(render_bundled, "local-outage", "press-statement", "fr")
    assert "zone touchée : Finistère. L'opérateur" not in press
    assert "Finistère : Onde Mobile mobilise ses équipes pour rétablir son réseau mobile" in press


@pytest.mark.parametrize(
    ("lang", "label", "sentence"),
    [
        (
            "fr",
            "Type d'attaque établi par la sécurité : Rançongiciel",
            "La sécurité a établi qu'il s'agit d'un rançongiciel.",
        ),
        (
            "en",
            "Kind of attack established by security: Ransomware",
            "Security has established that it is ransomware.",
        ),
    ],
)
def test_the_kind_of_attack_is_a_sentence_in_the_internal_brief(
    render_bundled: Render, lang: str, label: str, sentence: str
) -> None:
    text = texts(render_bundled, "cyberattack", "internal-brief", lang)
    assert label not in text
    assert sentence in text


@pytest.mark.parametrize("lang", LANGS)
def test_an_unqualified_attack_is_said_to_be_unqualified(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = with_sample(bundled, "cyberattack", attack_kind="unknown")
    text = texts(render_bundled, "cyberattack", "internal-brief", lang, **facts)
    assert "Pas encore qualifiée" not in text and "Not yet qualified" not in text


#: Where the sample's towns are; a town added to the sample must be added here too.
TOWN_DEPARTMENTS = {"Brest": "29", "Quimper": "29", "Landerneau": "29", "Morlaix": "29"}


def test_the_local_sample_departments_are_those_of_its_towns(bundled: Playbook) -> None:
    facts = sample_facts(bundled.scenario("local-outage"))
    towns = [town.strip() for town in str(facts["cities"]).split(",")]
    departments = {number.strip() for number in str(facts["departments"]).split(",")}
    assert departments == {TOWN_DEPARTMENTS[town] for town in towns}


@pytest.mark.parametrize("lang", LANGS)
def test_no_local_message_lists_a_department_without_its_towns(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    for message in bundled.scenario("local-outage").messages:
        text = texts(render_bundled, "local-outage", message.id, lang)
        assert "29 et 22" not in text and "29 and 22" not in text, message.id
        assert "Lannion" not in text, message.id


@pytest.mark.parametrize("decided", [True, False])
def test_the_cyber_gesture_sms_is_one_sentence_and_the_faq_follows_the_decision(
    bundled: Playbook, render_bundled: Render, decided: bool
) -> None:
    changes: dict[str, object] = {} if decided else {"gesture_kind": "undecided"}
    facts = with_sample(bundled, "cyberattack", **changes)
    sms = render_bundled("cyberattack", "compensation", facts=facts, channels=["sms"])[0].text
    assert not re.search(r", [A-Z]", plain(sms)), sms  # no capital in the middle of a sentence
    faq = texts(render_bundled, "cyberattack", "faq", "fr", **facts)
    under_study = "La question est à l'étude." in faq
    assert under_study is not decided
    assert ("Nous vous offrons 20 Go d'internet mobile" in faq) is decided
