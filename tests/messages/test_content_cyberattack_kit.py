"""The cyberattack's community-management kit: replies and private messages by situation, the
callback script, the survey and the report frames.

Each is rendered in both languages with the sample facts and with the facts of the first hour
(nothing qualified, no count, no data established, no gesture); what it says is pinned against
the public posts: the data only behind the gates the FAQ and the breach notice need, nothing on
a ransom or on who is behind the attack, no link but the status page, never a request for a
password, a code or bank details.
"""

from __future__ import annotations

import re

import pytest

from crisisplay.playbook.load import Playbook
from tests.messages.conftest import Render, kit_facts, plain, renders_on_each_channel

LANGS = ("fr", "en")
SCENARIO = "cyberattack"
REPLIES = (
    "reply-angry",
    "reply-vulnerable",
    "reply-compensation",
    "reply-journalist",
    "reply-rumour",
    "reply-phishing",
)
DMS = ("dm-open", "dm-vulnerable", "dm-compensation")
AFTER = ("recontact", "survey")
FRAMES = ("report-h6-frame", "report-d2-frame")
KIT = (*REPLIES, *DMS, *AFTER, *FRAMES)
#: What customers read, in public or in private.
CUSTOMER_FACING = (*REPLIES, *DMS, *AFTER)
#: The first hour: nothing qualified, no count, no data established, nothing decided.
EARLY = {
    "attack_kind": "unknown",
    "customers_affected": None,
    "personal_data_exposed": False,
    "data_categories": [],
    "customers_exposed": None,
    "contained": False,
    "claimed_publicly": False,
    "data_published": False,
    "complaint_filed": False,
    "authorities_informed": False,
    "dedicated_line": "",
    "gesture_kind": "undecided",
    "gesture_amount": None,
    "gesture_date": "",
}
#: Words for the exposed data categories of the sample (identity, contact, IBAN) and the advice
#: they bring, as the update, the FAQ and the breach notice write them.
CATEGORY_WORDS = {
    "fr": ("IBAN", "identité", "date de naissance", "coordonnées (", "relevés bancaires"),
    "en": ("IBAN", "identity", "date of birth", "contact details (", "bank statements"),
}


def facts(bundled: Playbook, which: str, **changes: object) -> dict[str, object]:
    return kit_facts(bundled, SCENARIO, EARLY, which, **changes)


def texts_of(render: Render, message: str, lang: str, values: dict[str, object]) -> dict[str, str]:
    return {
        item.channel: plain(f"{item.title or ''}\n{item.text}")
        for item in render(SCENARIO, message, lang=lang, facts=values)
    }


def text_of(render: Render, message: str, lang: str, values: dict[str, object]) -> str:
    return "\n".join(texts_of(render, message, lang, values).values())


@pytest.mark.parametrize("which", ["sample", "early"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("message", KIT)
def test_every_kit_message_renders_on_each_of_its_channels(
    bundled: Playbook, render_bundled: Render, message: str, lang: str, which: str
) -> None:
    values = facts(bundled, which)
    renders_on_each_channel(bundled, render_bundled, SCENARIO, message, lang, values)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("message", (*REPLIES, *DMS))
def test_the_x_versions_fit_with_calls_cut_and_every_fact_at_its_longest(
    bundled: Playbook, render_bundled: Render, message: str, lang: str
) -> None:
    longest = facts(
        bundled,
        "sample",
        services_disrupted=["voice", "sms", "data", "app", "website", "care", "shops"],
        data_categories=["identity", "contact", "iban", "passwords", "sim-data"],
        data_published=True,
        gesture_kind="days-refunded",
        gesture_amount=14,
        gesture_for="affected",
    )
    (item,) = render_bundled(SCENARIO, message, lang=lang, facts=longest, channels=["x"])
    assert item.ok, (item.text, [f.message for f in item.findings])


def test_the_kit_is_wired_into_moderation_and_the_after_crisis_actions(
    bundled: Playbook,
) -> None:
    scenario = bundled.scenario(SCENARIO)
    steps = {step.id: step for _, step in scenario.steps()}
    assert set(REPLIES) | set(DMS) | {"moderation-charter"} <= set(steps["moderate"].messages)
    post = {action.kind: action for action in scenario.post_crisis}
    assert post["recontact"].messages == ("recontact",)
    assert post["survey"].messages == ("survey",)
    assert post["survey"].owner == "care-liaison"
    assert post["report-h6"].messages == ("report-h6-frame",)
    assert post["report-d2"].messages == ("report-d2-frame",)
    for frame in FRAMES:
        message = scenario.message(frame)
        assert message is not None and message.kind == "report-frame"


def test_a_reply_that_can_speak_of_the_data_waits_for_the_gates_of_the_faq_and_the_notice(
    bundled: Playbook, render_bundled: Render
) -> None:
    scenario = bundled.scenario(SCENARIO)
    notice = scenario.message("breach-notice")
    faq = scenario.message("faq")
    assert notice is not None and faq is not None
    data_gates = {"security-facts", "dpo-review"}
    assert data_gates <= set(notice.gates) and data_gates <= set(faq.gates)
    speaking = []
    for message in (*REPLIES, *DMS):
        text = text_of(render_bundled, message, "fr", facts(bundled, "sample"))
        if any(word in text for word in CATEGORY_WORDS["fr"]):
            speaking.append(message)
            declared = scenario.message(message)
            assert declared is not None and data_gates <= set(declared.gates), message
    # the rumour, the angry customer and the IBAN advice do speak of the data
    assert {"reply-rumour", "reply-angry", "reply-vulnerable"} <= set(speaking)


@pytest.mark.parametrize("lang", LANGS)
def test_no_reply_names_a_data_category_before_exposure_is_established(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    # categories ticked but exposure not confirmed: nothing leaves the cell
    doubtful = facts(bundled, "sample", personal_data_exposed=False)
    for message in CUSTOMER_FACING:
        text = text_of(render_bundled, message, lang, doubtful)
        for word in CATEGORY_WORDS[lang]:
            assert word not in text, (message, word)
        assert "420" not in text, message
    checking = "Nous vérifions si des données" if lang == "fr" else "We are checking whether"
    assert checking in text_of(render_bundled, "reply-rumour", lang, doubtful)


@pytest.mark.parametrize("which", ["sample", "early"])
@pytest.mark.parametrize("lang", LANGS)
def test_nothing_on_a_ransom_or_an_attacker_and_no_link_but_the_status_page(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    status = bundled.organisation.links["status-page"]
    claimed = facts(bundled, which, ransom_demand=True, claimed_publicly=True)
    for message in CUSTOMER_FACING:
        text = text_of(render_bundled, message, lang, claimed)
        assert not re.search(r"ran[cç]on|ransom|hacker|pirate|groupe", text, re.I), message
        assert set(re.findall(r"https?://\S+?(?=[\s.,;)]*(?:\s|$))", text)) <= {status}, message


@pytest.mark.parametrize("lang", LANGS)
def test_the_rumour_reply_carries_the_shared_sentence_and_what_is_established(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    # A rumour gets the same answer in every scenario; the charter keeps its own sentence for
    # claims about the attacker or a ransom.
    sentence = (
        "Cette information ne vient pas de nous : voici ce qui est établi."
        if lang == "fr"
        else "This information does not come from us: here is what is established."
    )
    charter = (
        "Nous ne commentons pas l'enquête ; voici ce qui est établi."
        if lang == "fr"
        else "We do not comment on the investigation; here is what is established."
    )
    assert charter in text_of(render_bundled, "moderation-charter", lang, facts(bundled, "sample"))
    for which in ("sample", "early"):
        for channel, text in texts_of(
            render_bundled, "reply-rumour", lang, facts(bundled, which)
        ).items():
            assert sentence in text, (which, channel)
    exposed = texts_of(render_bundled, "reply-rumour", lang, facts(bundled, "sample"))
    assert "IBAN" in exposed["x"] and "IBAN" in exposed["facebook"]
    # never "this is false" about a leak the investigation may yet confirm
    for text in exposed.values():
        assert not re.search(r"inexact|faux|not (?:accurate|true)|false", text, re.I)


@pytest.mark.parametrize(
    ("lang", "never"),
    [
        ("fr", r"ni mot de passe, ni code(?: reçu par SMS)?, ni coordonnées bancaires"),
        ("en", r"a password, a code(?: received by text)? or bank details"),
    ],
)
def test_the_private_messages_say_we_never_ask_for_a_password_a_code_or_bank_details(
    bundled: Playbook, render_bundled: Render, lang: str, never: str
) -> None:
    for which in ("sample", "early"):
        for message in ("dm-open", "dm-vulnerable"):
            for channel, text in texts_of(
                render_bundled, message, lang, facts(bundled, which)
            ).items():
                assert re.search(never, text), (which, message, channel)
        nothing = "rien à payer" if lang == "fr" else "othing to pay"
        if which == "sample":
            for channel, text in texts_of(
                render_bundled, "dm-compensation", lang, facts(bundled, which)
            ).items():
                assert nothing in text.lower(), channel
    # a public invitation to write in private always says what not to put in it
    sensitive = ("mot de passe", "coordonnées bancaires") if lang == "fr" else ("password", "bank")
    for message in ("reply-angry", "reply-vulnerable"):
        for channel, text in texts_of(
            render_bundled, message, lang, facts(bundled, "sample")
        ).items():
            assert all(word in text for word in sensitive), (message, channel)


@pytest.mark.parametrize(
    ("lang", "amount", "date", "who"),
    [
        ("fr", "35 Go", "10 décembre 2026", "chaque client privé de service"),
        ("en", "35 GB", "10 December 2026", "every customer left without service"),
    ],
)
def test_the_gesture_is_the_decided_one_its_figure_the_fact(
    bundled: Playbook, render_bundled: Render, lang: str, amount: str, date: str, who: str
) -> None:
    decided = facts(bundled, "sample", gesture_amount=35)
    compensation = text_of(render_bundled, "compensation", lang, decided)
    assert amount in compensation and date in compensation
    for message in ("reply-compensation", "dm-compensation", "recontact"):
        texts = texts_of(render_bundled, message, lang, decided)
        for channel, text in texts.items():
            assert amount in text and date in text, (message, channel)
            assert "20 Go" not in text and "20 GB" not in text, (message, channel)
        assert who in "\n".join(texts.values()), message
    undated = facts(bundled, "sample", gesture_date="")
    for message in ("reply-compensation", "dm-compensation"):
        text = text_of(render_bundled, message, lang, undated)
        assert ("confirmerons sa date" if lang == "fr" else "confirm the date") in text, message
    early = facts(bundled, "early")
    for message in (*CUSTOMER_FACING, *FRAMES):
        text = text_of(render_bundled, message, lang, early)
        assert not re.search(r"\d+ ?(Go|GB)\b", text), message
    pending = "est à l'étude" if lang == "fr" else "is being looked at"
    for message in ("reply-compensation", "dm-compensation"):
        assert pending in text_of(render_bundled, message, lang, early), message


@pytest.mark.parametrize("lang", LANGS)
def test_the_dedicated_line_and_the_emergency_number_appear_when_the_facts_call_for_them(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    line = "09 70 00 00 00"
    assert line in text_of(render_bundled, "dm-open", lang, facts(bundled, "sample"))
    assert line in text_of(render_bundled, "recontact", lang, facts(bundled, "sample"))
    for message in CUSTOMER_FACING:
        assert line not in text_of(render_bundled, message, lang, facts(bundled, "early"))
        assert "112" not in text_of(render_bundled, message, lang, facts(bundled, "sample"))
    calls_cut = facts(bundled, "early", services_disrupted=["voice", "app"])
    for message in ("reply-vulnerable", "dm-vulnerable"):
        for channel, text in texts_of(render_bundled, message, lang, calls_cut).items():
            assert "112" in text, (message, channel)


@pytest.mark.parametrize("lang", LANGS)
def test_the_callback_and_the_survey_ask_for_nothing_sensitive(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    script = texts_of(render_bundled, "recontact", lang, facts(bundled, "sample"))
    opening = (
        "Je ne vous demanderai ni mot de passe, ni code, ni coordonnées bancaires."
        if lang == "fr"
        else "I will not ask you for a password, a code or bank details."
    )
    assert opening in script["agent-script"]
    sms_rule = "aucun lien" if lang == "fr" else "no link"
    assert sms_rule in script["sms"]
    survey = texts_of(render_bundled, "survey", lang, facts(bundled, "sample"))
    assert set(survey) == {"sms", "email"}
    assert sms_rule in survey["sms"]
    assert not re.search(r"https?://", survey["email"])
    assert ("ni mot de passe" if lang == "fr" else "no password") in survey["email"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("frame", FRAMES)
def test_report_frames_carry_the_known_facts_and_the_cyberattack_headings(
    bundled: Playbook, render_bundled: Render, lang: str, frame: str
) -> None:
    sample = text_of(render_bundled, frame, lang, facts(bundled, "sample"))
    assert ("H+6" if frame == "report-h6-frame" else ("J+2" if lang == "fr" else "D+2")) in sample
    assert ("2 600" if lang == "fr" else "2,600") in sample
    assert ("420 000" if lang == "fr" else "420,000") in sample
    headings = (
        ("hameçonnage signalées par des clients", "Revendication :", "Données publiées :")
        if lang == "fr"
        else ("Phishing attempts reported by customers", "Claim:", "Data published:")
    )
    for heading in headings:
        assert heading in sample, heading
    for topic in (
        ("Tonalité", "Questions les plus posées", "Rumeurs", "Couverture médiatique")
        if lang == "fr"
        else ("Tone", "questions asked most", "Rumours", "Media coverage")
    ):
        assert topic in sample, topic
    early = text_of(render_bundled, frame, lang, facts(bundled, "early"))
    assert "420" not in early and "1,8" not in early and "1.8" not in early
    assert ("à compléter" if lang == "fr" else "to fill in") in early
    leak = facts(bundled, "sample", claimed_publicly=True, data_published=True)
    leaked = text_of(render_bundled, frame, lang, leak)
    assert ("revendiquée publiquement" if lang == "fr" else "claimed publicly") in leaked
    assert ("mises en vente" if lang == "fr" else "offered for sale") in leaked
