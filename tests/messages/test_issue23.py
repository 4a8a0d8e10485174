"""What a communications director found in the texts of the four scenarios, pinned absent.

Each test names the defect as it was quoted in review (one fact said several ways, template
seams, nobody to reach, the legal points, the missing messages, the gesture), and checks the
rendered texts, not the templates: a sentence rebuilt from other macros would pass a look at
the source and still reach a customer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import pytest

from crisisplay.conditions import holds
from crisisplay.home import Home
from crisisplay.messages.coherence import coherence_findings
from crisisplay.messages.fact_sources import sample_facts
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.seams import seam_findings
from crisisplay.playbook.load import Playbook, load_playbook
from tests.conftest import ROOT
from tests.messages.conftest import Render, plain, render_with

SCENARIOS = ("nationwide-outage", "local-outage", "billing-incident", "cyberattack")
LANGS = ("fr", "en")
#: The shared 112 sentence when the NOC has not seen 112 fail (emergency.*.j2).
SOS = {
    "fr": "En cas d'urgence, le 112 fonctionne via tout réseau disponible ou d'un fixe ; 114 par SMS (sourds, malentendants).",  # noqa: E501
    "en": "In an emergency, 112 works via any available network or from a landline; text 114 if deaf or hard of hearing.",  # noqa: E501
}
RUMOUR = {
    "fr": "Cette information ne vient pas de nous : voici ce qui est établi.",
    "en": "This information does not come from us: here is what is established.",
}
PHONE = re.compile(r"\b0\d(?: \d\d){4}\b|\b0 \d{3} \d{3} \d{3}\b|\+33 \d(?: \d\d){4}")


@pytest.fixture(scope="module")
def everything(bundled: Playbook) -> dict[tuple[str, str], list[RenderedChannel]]:
    """Every message of every scenario, on every channel, with the sample facts."""
    render = render_with(bundled)
    out: dict[tuple[str, str], list[RenderedChannel]] = {}
    for scenario in SCENARIOS:
        for lang in LANGS:
            items: list[RenderedChannel] = []
            for message in bundled.scenario(scenario).messages:
                items += [i for i in render(scenario, message.id, lang=lang) if i.skipped is None]
            out[(scenario, lang)] = items
    return out


def text_of(render: Render, scenario: str, message: str, lang: str, **changes: object) -> str:
    return "\n".join(plain(i.text) for i in rendered(render, scenario, message, lang, **changes))


def rendered(
    render: Render, scenario: str, message: str, lang: str, **changes: object
) -> list[RenderedChannel]:
    facts = {**_sample(scenario), **changes}
    return [i for i in render(scenario, message, lang=lang, facts=facts) if i.skipped is None]


@cache
def _sample(scenario: str) -> Mapping[str, object]:
    return dict(sample_facts(load_playbook(Home(ROOT)).scenario(scenario)))


def sentences_with(text: str, needle: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if needle in s]


# ------------------------------------------------------------------ one fact, one wording


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_text_promises_that_an_emergency_call_goes_through(
    everything: dict[tuple[str, str], list[RenderedChannel]], scenario: str, lang: str
) -> None:
    for item in everything[(scenario, lang)]:
        text = plain(item.text)
        for quoted in (
            "l'appel aboutit",
            "composez le 112 : l'appel",
            "votre mobile les fait passer par un autre réseau",
            "depuis le mobile d'un proche",
            "the call gets through",
            "your phone routes them",
        ):
            assert quoted not in text, (item.message, item.channel, quoted)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", ["nationwide-outage", "local-outage"])
@pytest.mark.parametrize("message", ["holding", "update"])
def test_one_112_sentence_with_114_on_every_channel_of_a_publication(
    render_bundled: Render, scenario: str, message: str, lang: str
) -> None:
    items = rendered(render_bundled, scenario, message, lang)
    assert coherence_findings(items) == []
    for item in items:
        said = [s for s in sentences_with(plain(item.text), "112") if "114" not in s]
        assert SOS[lang] in plain(item.text) and not said, (message, item.channel, said)
    # the X and SMS holding statements carry it too
    assert {"x", "sms"} <= {i.channel for i in items} or message == "update"


@pytest.mark.parametrize("lang", LANGS)
def test_a_local_area_is_never_a_closed_list(render_bundled: Render, lang: str) -> None:
    faq = text_of(render_bundled, "local-outage", "faq", lang)
    ivr = text_of(render_bundled, "local-outage", "ivr", lang)
    assert "Communes concernées :" not in faq and "Towns affected:" not in faq
    assert ("notamment" if lang == "fr" else "including") in faq
    assert ("si la vôtre n'y figure pas" if lang == "fr" else "if yours") in faq
    assert "et d'autres communes" not in ivr and "and other towns" not in ivr


@pytest.mark.parametrize("lang", LANGS)
def test_a_rumour_gets_the_same_answer_in_every_scenario(render_bundled: Render, lang: str) -> None:
    for scenario in SCENARIOS:
        for item in rendered(render_bundled, scenario, "reply-rumour", lang):
            text = plain(item.text)
            # the same sentence, at the head of the reply or after a greeting
            assert RUMOUR[lang][1:] in text, (scenario, item.channel)
            for old in ("Nous ne pouvons pas confirmer", "Cette information est inexacte"):
                assert old not in text, (scenario, item.channel)


def test_the_holding_does_not_call_a_cut_a_disruption(render_bundled: Render) -> None:
    text = text_of(render_bundled, "nationwide-outage", "holding", "fr")
    assert "Une panne perturbe en ce moment notre réseau" not in text


# ------------------------------------------------------------------ seams


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_seam_in_any_text(
    everything: dict[tuple[str, str], list[RenderedChannel]], scenario: str, lang: str
) -> None:
    for item in everything[(scenario, lang)]:
        found = [f.rule for f in seam_findings(item.text, lang)]
        assert not found, (item.message, item.channel, found)
        text = plain(item.text)
        for quoted in (
            ". un nouvel avis",
            "Appels d'urgence : Les appels d'urgence",
            "(routes coupées ou alerte météo)",
            "vérifiés ou reconstruits",
            "checked or rebuilt",
            "Suis-je concerné ?\nElle touche",
            "facon",
            "automatiquement.- Frais",
        ):
            assert quoted not in text, (item.message, item.channel, quoted)


@pytest.mark.parametrize("lang", LANGS)
def test_a_restored_local_outage_speaks_of_its_cause_in_the_past(
    render_bundled: Render, lang: str
) -> None:
    for item in rendered(render_bundled, "local-outage", "resolution", lang):
        assert "en sont la cause" not in item.text and "are the cause" not in item.text


def test_the_billing_agent_script_closes_every_quote_on_its_line(
    render_bundled: Render,
) -> None:
    script = text_of(render_bundled, "billing-incident", "agent-script", "fr")
    for line in script.splitlines():
        assert line.count("«") == line.count("»"), line


# ------------------------------------------------------------------ a way to reach someone


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_call_us_always_comes_with_a_number(
    everything: dict[tuple[str, str], list[RenderedChannel]], scenario: str, lang: str
) -> None:
    call = re.compile(r"appelez[- ](?:nous|notre service client)|call us\b|call our customer", re.I)
    no_need = re.compile(r"inutile de nous appeler|no need to call", re.I)
    for item in everything[(scenario, lang)]:
        for sentence in re.split(r"(?<=[.!?])\s+|\n", plain(item.text)):
            if call.search(sentence) and not no_need.search(sentence):
                assert PHONE.search(sentence), (item.message, item.channel, sentence)


@pytest.mark.parametrize("lang", LANGS)
def test_without_mobile_data_a_private_message_is_never_the_only_way(
    render_bundled: Render, lang: str
) -> None:
    dm = re.compile(r"écrivez-nous en (?:message )?privé|send us a private message", re.I)
    data_down = {"services_down": ["voice", "data"]}
    for message in ("holding", "update", "reply-angry", "reply-vulnerable", "faq"):
        for item in rendered(render_bundled, "nationwide-outage", message, lang, **data_down):
            text = plain(item.text)
            if dm.search(text):
                assert PHONE.search(text), (message, item.channel)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_press_contact_is_a_phone_and_an_address(
    render_bundled: Render, scenario: str, lang: str
) -> None:
    press = text_of(render_bundled, scenario, "press-statement", lang)
    assert "01 99 00 20 00" in press and "presse@onde-mobile.example" in press
    assert "https://presse" not in press
    for item in rendered(render_bundled, scenario, "reply-journalist", lang):
        assert "01 99 00 20 00" in item.text and "https://presse" not in item.text


@pytest.mark.parametrize("lang", LANGS)
def test_a_breach_notice_names_the_dpo_address_not_a_help_page(
    render_bundled: Render, lang: str
) -> None:
    for scenario in ("billing-incident", "cyberattack"):
        notice = text_of(render_bundled, scenario, "breach-notice", lang)
        assert "dpo@onde-mobile.example" in notice, scenario
        dpo = sentences_with(notice, "dpo@")
        assert dpo and not any("https://aide" in s for s in dpo), scenario


@pytest.mark.parametrize("lang", LANGS)
def test_authority_notices_are_signed_by_a_named_duty_officer(
    render_bundled: Render, lang: str
) -> None:
    for scenario in ("nationwide-outage", "local-outage", "cyberattack"):
        notice = text_of(render_bundled, scenario, "authority-notice", lang)
        assert "Camille Roux" in notice and "01 99 00 40 00" in notice, scenario
        assert "L'équipe Onde Mobile" not in notice and "The Onde Mobile team" not in notice
        assert "par retour de ce message" not in notice and "by replying" not in notice


# ------------------------------------------------------------------ billing: the legal points


@pytest.mark.parametrize("lang", LANGS)
def test_billing_issues_a_credit_note_and_never_corrects_an_invoice(
    render_bundled: Render, lang: str
) -> None:
    wrong = {"issue_kind": "wrong-amount"}
    for message in ("faq", "holding", "resolution", "agent-script", "press-statement"):
        for which in ({}, wrong):
            text = text_of(render_bundled, "billing-incident", message, lang, **which)
            for old in ("facture corrigée", "corrected bill", "Factures corrigées"):
                assert old not in text, (message, which, old)
    faq = text_of(render_bundled, "billing-incident", "faq", lang, **wrong)
    assert ("facture d'avoir" if lang == "fr" else "credit note") in faq


@pytest.mark.parametrize("lang", LANGS)
def test_billing_says_the_sepa_right_the_mediator_the_transfer_and_the_leavers(
    render_bundled: Render, lang: str
) -> None:
    fr = lang == "fr"
    faq = text_of(render_bundled, "billing-incident", "faq", lang)
    assert ("8 semaines" if fr else "8 weeks") in faq
    assert ("deux fois puis reprise" if fr else "twice and then taken back") in faq
    assert "https://www.mediateur-telecom.fr" in faq
    assert ("virement immédiat" if fr else "immediate transfer") in faq
    assert ("contrat prend fin" if fr else "contract ends") in faq
    email = text_of(render_bundled, "billing-incident", "holding", lang)
    assert ("8 semaines" if fr else "8 weeks") in email
    assert ("virement immédiat" if fr else "immediate transfer") in email


def test_a_misdirected_invoice_completes_the_24h_notice_within_3_days(bundled: Playbook) -> None:
    steps = {step.id: step for _, step in bundled.scenario("billing-incident").steps()}
    complement = steps["complete-dpa-notice"]
    assert complement.after == ("notify-dpa-24h",)
    assert complement.deadline is not None
    assert complement.deadline.anchor == "breach_known_at"
    assert complement.deadline.total_seconds() == 72 * 3600


# ------------------------------------------------------------------ cyberattack: the legal points


@pytest.mark.parametrize("lang", LANGS)
def test_the_cyberattack_names_the_authorities(render_bundled: Render, lang: str) -> None:
    fr = lang == "fr"
    for message in ("update", "faq", "press-statement", "agent-script"):
        text = text_of(render_bundled, "cyberattack", message, lang)
        assert "compétentes" not in text and "competent authorit" not in text, message
        assert "ANSSI" in text and "CNIL" in text, message
    network = text_of(
        render_bundled, "cyberattack", "faq", lang, services_disrupted=["voice", "data"]
    )
    assert "ARCEP" in network
    assert ("ministère chargé des communications" if fr else "ministry in charge") in network


@pytest.mark.parametrize("lang", LANGS)
def test_the_threat_is_cleared_only_once_the_attack_is_contained(
    render_bundled: Render, lang: str
) -> None:
    cleared = "la menace est écartée" if lang == "fr" else "the threat has been cleared"
    open_ = text_of(render_bundled, "cyberattack", "resolution", lang, contained=False)
    assert cleared not in open_.lower()
    done = text_of(render_bundled, "cyberattack", "resolution", lang, contained=True)
    assert cleared in done.lower()


@pytest.mark.parametrize("lang", LANGS)
def test_the_cyberattack_gives_sim_swap_advice_help_and_the_13_months(
    render_bundled: Render, lang: str
) -> None:
    fr = lang == "fr"
    for message in ("faq", "breach-notice", "update"):
        text = text_of(render_bundled, "cyberattack", message, lang)
        assert "cybermalveillance.gouv.fr" in text, message
        assert ("carte SIM" if fr else "SIM card") in text or (
            "prendre votre numéro" if fr else "take your number"
        ) in text, message
    faq = text_of(render_bundled, "cyberattack", "faq", lang)
    assert ("13 mois" if fr else "13 months") in faq


@pytest.mark.parametrize("lang", LANGS)
def test_the_callback_after_the_end_does_not_say_the_teams_are_stopping_the_attack(
    render_bundled: Render, lang: str
) -> None:
    text = text_of(render_bundled, "cyberattack", "recontact", lang, contained=True)
    assert "mobilisées pour stopper" not in text and "working to stop" not in text


def test_the_large_local_outage_alerts_the_authorities_at_serious(bundled: Playbook) -> None:
    scenario = bundled.scenario("local-outage")
    step = next(step for _, step in scenario.steps() if step.id == "alert-authorities")
    assert step.when is not None
    values = {**sample_facts(scenario), "severity": "serious", "sensitive_sites": False}
    values["emergency_calls_ok"] = True
    assert holds(step.when, values)
    assert "authority-notice" in step.messages


# ------------------------------------------------------------------ the missing messages


MISSING = {
    "nationwide-outage": [
        "qa",
        "banner",
        "estimate-slip",
        "rectification",
        "relapse",
        "business-credit",
    ],
    "local-outage": [
        "qa",
        "banner",
        "estimate-slip",
        "rectification",
        "relapse",
        "partial-restoration",
        "prefecture-script",
        "mayor-script",
        "radio-script",
        "shop-brief",
        "business-credit",
    ],
    "billing-incident": ["qa", "banner", "estimate-slip", "rectification", "partner-notice"],
    "cyberattack": ["qa", "banner", "rectification", "relapse", "partner-notice"],
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_missing_messages_exist_and_a_step_carries_each(
    bundled: Playbook, scenario: str
) -> None:
    chosen = bundled.scenario(scenario)
    carried = {m for _, step in chosen.steps() for m in step.messages}
    carried |= {m for action in chosen.post_crisis for m in action.messages}
    for message in MISSING[scenario]:
        assert chosen.message(message) is not None, (scenario, message)
        assert message in carried, (scenario, message)


@pytest.mark.parametrize("lang", LANGS)
def test_the_qa_answers_the_hard_questions(render_bundled: Render, lang: str) -> None:
    fr = lang == "fr"
    nationwide = text_of(render_bundled, "nationwide-outage", "qa", lang)
    assert ("Le 112 a-t-il échoué" if fr else "Did 112 fail") in nationwide
    assert ("redondance" if fr else "redundancy") in nationwide
    cyber = text_of(render_bundled, "cyberattack", "qa", lang)
    assert ("rançon" if fr else "ransom") in cyber


@pytest.mark.parametrize("lang", LANGS)
def test_a_slipped_estimate_says_the_old_time_was_wrong(render_bundled: Render, lang: str) -> None:
    for item in rendered(
        render_bundled, "nationwide-outage", "estimate-slip", lang, eta_previous="10:15"
    ):
        assert "10h15" in item.text or "10:15" in item.text, item.channel
        assert "10h45" in item.text or "10:45" in item.text, item.channel


# ------------------------------------------------------------------ the gesture by segment


@pytest.mark.parametrize("lang", LANGS)
def test_the_gesture_fits_each_segment_and_has_a_validity(
    render_bundled: Render, lang: str
) -> None:
    fr = lang == "fr"
    for scenario in ("nationwide-outage", "local-outage", "cyberattack"):
        faq = text_of(render_bundled, scenario, "faq", lang, partners_affected=True)
        assert ("valable" if fr else "valid for") in faq, scenario
        assert ("illimités" if fr else "nlimited") in faq, scenario
        assert ("opérateur hébergé" if fr else "hosted") in faq, scenario
    network = text_of(render_bundled, "nationwide-outage", "faq", lang)
    assert ("crédits de service" if fr else "service credits") in network
