"""What the texts say about the legal duties: 112 never promised to get through (it works through
any available network, with 114 beside it), the way round when the NOC has not confirmed it, and
the notice to customers whose bill went to another customer."""

from __future__ import annotations

import pytest

from crisisplay.messages.fact_sources import sample_facts
from crisisplay.playbook.load import Playbook
from tests.conftest import ROOT
from tests.messages.conftest import Render

# Every nationwide-outage message that speaks of emergency calls, with the channel it does so on.
EMERGENCY_TEXTS = [
    ("press-statement", "press"),
    ("faq", "faq"),
    ("ivr", "ivr"),
    ("agent-script", "agent-script"),
    ("internal-brief", "internal"),
    ("authority-notice", "email"),
]
# What would promise a customer that their call gets through, what says 112 works through any
# network (the NOC confirmed it), and what tells them how to reach help instead.
GETS_THROUGH = {
    "fr": ("restent possibles", "aboutit.", "aboutissent"),
    "en": ("still get", "gets through.", "get through,"),
}
WORKS = {"fr": "fonctionne via tout réseau disponible", "en": "works via any available network"}
WAY_ROUND = {"fr": ("fixe", "PEUVENT NE PAS ABOUTIR"), "en": ("landline", "MAY NOT GET THROUGH")}


def _facts(bundled: Playbook, **changes: object) -> dict[str, object]:
    return {**sample_facts(bundled.scenario("nationwide-outage")), **changes}


def test_the_press_statement_no_longer_asserts_that_112_gets_through() -> None:
    for lang, sentence in (
        ("fr", "Les appels d'urgence au 112 peuvent aboutir par un autre réseau mobile disponible"),
        ("en", "Emergency calls to 112 may get through on another available mobile network"),
    ):
        source = ROOT / "templates" / "nationwide-outage" / "press-statement" / f"press.{lang}.j2"
        assert sentence not in source.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("message", "channel"), EMERGENCY_TEXTS)
def test_without_112_the_texts_give_the_way_round_and_never_say_it_works(
    bundled: Playbook, render_bundled: Render, message: str, channel: str, lang: str
) -> None:
    facts = _facts(bundled, emergency_calls_ok=False)
    [item] = render_bundled(
        "nationwide-outage", message, lang=lang, facts=facts, channels=[channel]
    )
    assert item.ok, [f.message for f in item.findings if f.is_error]
    assert "112" in item.text
    assert any(words in item.text for words in WAY_ROUND[lang]), item.text
    assert not any(words in item.text for words in GETS_THROUGH[lang]), item.text


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("message", "channel"), EMERGENCY_TEXTS)
def test_with_112_confirmed_the_texts_say_it_works_through_any_network_and_never_promise_a_call(
    bundled: Playbook, render_bundled: Render, message: str, channel: str, lang: str
) -> None:
    facts = _facts(bundled, emergency_calls_ok=True, services_down=["voice", "data"])
    [item] = render_bundled(
        "nationwide-outage", message, lang=lang, facts=facts, channels=[channel]
    )
    assert item.ok, [f.message for f in item.findings if f.is_error]
    assert WORKS[lang] in item.text and "114" in item.text, item.text
    assert not any(words in item.text for words in GETS_THROUGH[lang]), item.text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_billing_breach_notice_renders_on_email_and_sms_without_a_link(
    render_bundled: Render, lang: str
) -> None:
    rendered = render_bundled("billing-incident", "breach-notice", lang=lang)
    assert [item.channel for item in rendered] == ["email", "sms"]
    for item in rendered:
        assert item.ok, [f.message for f in item.findings if f.is_error]
        assert item.kind == "breach-notice"
        assert "CNIL" in item.text or item.channel == "sms"
    email, sms = rendered
    assert email.title and email.html
    assert ("mars 2025" if lang == "fr" else "March 2025") in email.text
    assert "http" not in sms.text
    assert sms.measurement is not None and sms.measurement.sms is not None
    assert sms.measurement.sms.encoding == "GSM-7"
