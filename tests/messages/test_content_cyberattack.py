"""The cyberattack playbook's texts, as a communications director would sign them.

Each defect once found in these texts is pinned as absent, with the sample facts and with
minimal facts (nothing qualified, no figure known, no gesture decided); each rule of the bar
(press date line and named quote, a holding statement with no figure and no technical gate,
agent-script parity, the gesture stated as facts, the CM kit) is pinned as present.
"""

from __future__ import annotations

import re

import pytest

from crisisplay.messages.fact_sources import sample_facts
from crisisplay.playbook.load import Playbook
from tests.messages.conftest import Render, plain

SCENARIO = "cyberattack"
LANGS = ("fr", "en")


def sample(bundled: Playbook, **changes: object) -> dict[str, object]:
    return {**sample_facts(bundled.scenario(SCENARIO)), **changes}


def minimal(bundled: Playbook) -> dict[str, object]:
    """The first hour: nothing qualified, no count, no data established, no gesture."""
    return sample(
        bundled,
        attack_kind="unknown",
        services_disrupted=[],
        customers_affected=None,
        personal_data_exposed=False,
        data_categories=[],
        customers_exposed=None,
        contained=False,
        complaint_filed=False,
        authorities_informed=False,
        dedicated_line="",
        gesture_kind="undecided",
        gesture_amount=None,
        gesture_date="",
    )


FACT_SETS = ("sample", "minimal")


def facts_of(bundled: Playbook, which: str) -> dict[str, object]:
    return sample(bundled) if which == "sample" else minimal(bundled)


def rendered(render: Render, message: str, lang: str, facts: dict[str, object]) -> dict[str, str]:
    """Each channel's text (title first), skipped channels left out."""
    return {
        item.channel: plain(f"{item.title or ''}\n{item.text}")
        for item in render(SCENARIO, message, lang=lang, facts=facts)
        if not item.skipped
    }


def joined(render: Render, message: str, lang: str, facts: dict[str, object]) -> str:
    return "\n".join(rendered(render, message, lang, facts).values())


# ---------------------------------------------------------------- defects, absent


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_message_carries_a_known_defect(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    facts = facts_of(bundled, which)
    for message in bundled.scenario(SCENARIO).messages:
        text = joined(render_bundled, message.id, lang, facts)
        assert "La direction générale de" not in text, message.id
        assert "executive management said" not in text, message.id
        assert not re.search(r"\bde Onde\b", text), message.id
        assert "1erer" not in text, message.id
        assert "un avantage est ajouté" not in text, message.id
        assert "a benefit is being added" not in text, message.id
        assert "Pas de date de retour des services ni de geste commercial" not in text
        assert "no commercial gesture" not in text, message.id
        assert not re.search(r"\benviron \d+ ?h\b|\babout \d+ hours?\b", text), message.id


@pytest.mark.parametrize("which", FACT_SETS)
def test_the_voice_server_speaks_in_sentences(
    bundled: Playbook, render_bundled: Render, which: str
) -> None:
    facts = facts_of(bundled, which)
    fr = joined(render_bundled, "ivr", "fr", facts)
    en = joined(render_bundled, "ivr", "en", facts)
    assert "Prochain point à" not in fr and "Attention aux faux" not in fr
    assert "Nous ferons un nouveau point à 11h sur notre page de statut." in fr
    assert "Next update at" not in en
    assert "We will give a new update at 11:00 on our status page." in en


# ---------------------------------------------------------------- press and executive


@pytest.mark.parametrize("which", FACT_SETS)
def test_the_press_statement_is_dated_and_quotes_a_named_spokesperson(
    bundled: Playbook, render_bundled: Render, which: str
) -> None:
    facts = facts_of(bundled, which)
    fr = joined(render_bundled, "press-statement", "fr", facts)
    assert "Paris, le 14 mars 2026 - Onde Mobile a détecté" in fr
    assert "», déclare Anne Lefèvre, directrice de la communication d'Onde Mobile." in fr
    # one voice: "nous" only inside the quote
    outside = re.sub(r"«[^»]*»", "", fr)
    assert not re.search(r"\b(nous|nos|notre)\b", outside, re.IGNORECASE)
    assert "Contact presse : Anne Lefèvre" in fr
    en = joined(render_bundled, "press-statement", "en", facts)
    assert "Paris, 14 March 2026 - Onde Mobile detected" in en
    assert '," said Anne Lefèvre, Communications Director at Onde Mobile.' in en
    outside = re.sub(r'"[^"]*"', "", en)
    assert not re.search(r"\b(we|our|us)\b", outside, re.IGNORECASE)


@pytest.mark.parametrize("lang", LANGS)
def test_the_executive_speaks_in_the_first_person_and_signs(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    message = bundled.scenario(SCENARIO).message("executive-statement")
    assert message is not None and message.kind == "executive-statement"
    assert any(
        step.messages == ("executive-statement",) for _, step in bundled.scenario(SCENARIO).steps()
    )
    texts = rendered(render_bundled, "executive-statement", lang, sample(bundled))
    assert set(texts) == {"email", "linkedin"}
    for text in texts.values():
        assert ("Je vous présente" if lang == "fr" else "I apologise") in text
        assert ("je vous expliquerai moi-même" if lang == "fr" else "I will explain") in text
        assert "Marc Dubois" in text
        assert ("20 Go" if lang == "fr" else "20 GB") in text


# ---------------------------------------------------------------- holding


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_holding_statement_has_no_figure(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    facts = facts_of(bundled, which)
    texts = rendered(render_bundled, "holding", lang, facts)
    assert texts
    for channel, text in texts.items():
        # the next update time (11:00), the "updated at" time (10:00) and the phone numbers to
        # reach us are the only figures
        rest = re.sub(r"\b1[01](?:h|:00)", "", text)
        rest = re.sub(r"\b0\d(?: \d\d){4}\b", "", rest)
        assert not re.search(r"\d", rest), (channel, text)
        assert ("11h" if lang == "fr" else "11:00") in text, channel


def test_the_holding_statement_waits_for_no_technical_validation(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    holding = scenario.message("holding")
    assert holding is not None and holding.gates == ("comms-approval",)
    step = next(step for _, step in scenario.steps() if "holding" in step.messages)
    assert step.gates == ("comms-approval",)
    update = scenario.message("update")
    assert update is not None and "noc-scope" in update.gates


# ---------------------------------------------------------------- the gesture


@pytest.mark.parametrize(
    ("lang", "what", "when", "who"),
    [
        ("fr", "20 Go d'internet mobile", "le 10 décembre 2026", "chaque client privé de service"),
        (
            "en",
            "20 GB of mobile data",
            "on 10 December 2026",
            "every customer left without service",
        ),
    ],
)
def test_the_gesture_says_what_how_much_for_whom_and_when(
    bundled: Playbook, render_bundled: Render, lang: str, what: str, when: str, who: str
) -> None:
    texts = rendered(render_bundled, "compensation", lang, sample(bundled, services_disrupted=[]))
    assert set(texts) == {"email", "sms", "push"}
    for text in texts.values():
        assert what in text and when in text
    assert who in texts["email"]


@pytest.mark.parametrize("lang", LANGS)
def test_an_undecided_gesture_is_not_dressed_up(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = sample(bundled, gesture_kind="undecided", gesture_amount=None, gesture_date="")
    text = joined(render_bundled, "compensation", lang, facts)
    assert ("en cours de décision" if lang == "fr" else "is being decided") in text
    assert "Go" not in text.replace("Google", "") if lang == "fr" else "GB" not in text


# ---------------------------------------------------------------- agent-script parity


@pytest.mark.parametrize("lang", LANGS)
def test_the_agents_may_say_what_the_public_is_told(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = sample(bundled, services_disrupted=[])
    script = joined(render_bundled, "agent-script", lang, facts)
    compensation = rendered(render_bundled, "compensation", lang, facts)["email"]
    gesture = re.search(r"(Nous vous offrons|We are giving you)[^.]*\.", compensation)
    assert gesture is not None and gesture.group(0) in script
    assert ("vous-même" if lang == "fr" else "yourself") in script
    update = rendered(render_bundled, "update", lang, facts)["status-page"]
    for sentence in (
        (
            "Nous avons porté plainte.",
            "Nous avons informé l'ANSSI et la CNIL.",
        )
        if lang == "fr"
        else (
            "We have filed a complaint",
            "We have informed the national cybersecurity agency (ANSSI)"
            " and the data protection authority (CNIL).",
        )
    ):
        assert sentence in update and sentence in script
    assert ("11h" if lang == "fr" else "11:00") in script


# ---------------------------------------------------------------- the CM kit

CM_KIT = {
    "reply-phishing": ("reply", {"x", "facebook"}),
    "moderation-charter": ("moderation-charter", {"internal"}),
    "relay-brief": ("relay-brief", {"internal"}),
}


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("message_id", sorted(CM_KIT))
def test_every_cm_kit_message_renders_on_each_of_its_channels(
    bundled: Playbook, render_bundled: Render, message_id: str, lang: str, which: str
) -> None:
    kind, channels = CM_KIT[message_id]
    message = bundled.scenario(SCENARIO).message(message_id)
    assert message is not None and message.kind == kind
    assert any(message_id in step.messages for _, step in bundled.scenario(SCENARIO).steps())
    items = render_bundled(SCENARIO, message_id, lang=lang, facts=facts_of(bundled, which))
    assert {item.channel for item in items} == channels
    for item in items:
        assert item.text.strip(), item.channel
        assert not [f for f in item.findings if f.level == "error"], item.channel


@pytest.mark.parametrize("lang", LANGS)
def test_the_relay_brief_names_every_relay_and_the_charter_its_three_rules(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    brief = joined(render_bundled, "relay-brief", lang, sample(bundled))
    for name in ("Rédaction économie, agence de presse nationale", "Réseau des boutiques"):
        assert name in brief
    assert "quotidien régional de l'Ouest" not in brief  # briefed in outage scenarios only
    charter = joined(render_bundled, "moderation-charter", lang, sample(bundled))
    headings = (
        ("Ce que nous masquons", "Ce que nous ne supprimons jamais", "message privé")
        if lang == "fr"
        else ("What we hide", "What we never delete", "private messages")
    )
    for heading in headings:
        assert heading in charter
