"""The billing-incident texts a communications director would sign, pinned on what renders.

Each text is compared after undoing the typography pass, so wordings are written as typed.
"""

from __future__ import annotations

import re

import pytest

from crisisplay.messages.fact_sources import sample_facts
from crisisplay.playbook.load import Playbook
from tests.messages.conftest import Render, plain

SCENARIO = "billing-incident"
LANGS = ("fr", "en")


def sample(bundled: Playbook, **changes: object) -> dict[str, object]:
    return {**sample_facts(bundled.scenario(SCENARIO)), **changes}


def minimal(bundled: Playbook) -> dict[str, object]:
    """What the cell may have in the first hour: no count, no refund date, no gesture."""
    return sample(
        bundled,
        customers_affected=None,
        refund_date="",
        gesture_amount=0,
        cause="under-investigation",
        media_attention=True,
    )


def text(render: Render, message: str, lang: str, facts: dict[str, object]) -> str:
    rendered = render(SCENARIO, message, lang=lang, facts=facts)
    return "\n".join(plain(f"{item.title or ''}\n{item.text}") for item in rendered)


FACT_SETS = ("sample", "minimal")


def facts_for(bundled: Playbook, which: str) -> dict[str, object]:
    return sample(bundled) if which == "sample" else minimal(bundled)


# ------------------------------------------------------------------ press statement


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_press_statement_has_a_date_line_a_named_quote_and_a_press_contact(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    press = text(render_bundled, "press-statement", lang, facts_for(bundled, which))
    date_line = "Paris, le 14 mars 2026 - " if lang == "fr" else "Paris, 14 March 2026 - "
    assert date_line in press
    if lang == "fr":
        assert re.search(
            r"« [^»]+ », déclare Anne Lefèvre, directrice de la communication d'Onde Mobile\.",
            press,
        )
        assert "de Onde Mobile" not in press
        assert "Contact presse : Anne Lefèvre" in press
        assert "Prochain point public à" not in press
    else:
        assert re.search(
            r'"[^"]+," said Anne Lefèvre, Communications Director of Onde Mobile\.', press
        )
        assert "Press contact: Anne Lefèvre" in press
        assert "Next public update at" not in press
    # One voice: "nous" only inside the quote.
    outside = re.sub(r"«[^»]*»" if lang == "fr" else r'"[^"]*"', "", press)
    pronoun = r"\b(nous|notre|nos)\b" if lang == "fr" else r"\b(we|our|us)\b"
    assert not re.search(pronoun, outside, re.IGNORECASE)


# ------------------------------------------------------------------ executive statement


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_chief_executive_speaks_in_the_first_person_and_signs(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    rendered = render_bundled(
        SCENARIO, "executive-statement", lang=lang, facts=facts_for(bundled, which)
    )
    assert {item.channel for item in rendered} == {"email", "linkedin"}
    for item in rendered:
        body = plain(item.text)
        if lang == "fr":
            assert "je présente mes excuses" in body.lower()
            assert "Je m'engage à expliquer" in body
            assert "Marc Dubois, directeur général d'Onde Mobile" in body
        else:
            assert "I apologise personally" in body
            assert "I will explain publicly" in body
            assert "Marc Dubois, Chief Executive Officer, Onde Mobile" in body


# ------------------------------------------------------------------ the first word


def test_the_first_word_needs_only_the_comms_approval(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    message = scenario.message("first-word")
    assert message is not None and message.kind == "holding"
    assert message.gates == ("comms-approval",)
    assert scenario.messages[0].id == "first-word"
    step = next(step for _, step in scenario.steps() if step.id == "publish-first-word")
    assert step.gates == ("comms-approval",)
    # The site and app banner goes with it, and waits for nothing more.
    assert step.messages == ("first-word", "banner")
    banner = scenario.message("banner")
    assert banner is not None and banner.gates == ("comms-approval",)
    assert "billing-scope" not in step.gates


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_first_word_prints_no_figure_but_the_next_update_time(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    first = text(render_bundled, "first-word", lang, facts_for(bundled, which))
    assert "11h" in first if lang == "fr" else "11:00" in first
    without_clock_and_links = re.sub(r"https?://\S+|\b\d{1,2}(h\d{2}|h\b|:\d{2})", "", first)
    assert not re.search(r"\d", without_clock_and_links), without_clock_and_links
    assert ("L'erreur vient de nous" if lang == "fr" else "The mistake is ours") in first


# ------------------------------------------------------------------ data-protection authority


def test_the_authority_is_notified_within_24h_of_learning_of_the_breach(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    fact = scenario.fact("breach_known_at")
    assert fact is not None and fact.type == "datetime"
    step = next(step for _, step in scenario.steps() if step.id == "notify-dpa-24h")
    assert step.owner == "dpo"
    assert step.when == "invoices_misdirected == true"
    assert step.deadline is not None
    assert step.deadline.anchor == "breach_known_at"
    assert step.deadline.total_seconds() == 24 * 3600
    assert step.gates == ("dpa-notified",)
    gate = scenario.gate("dpa-notified")
    assert gate is not None and gate.validator == "dpo"
    notice = scenario.message("breach-notice")
    assert notice is not None and "dpo-review" in notice.gates


# ------------------------------------------------------------------ IVR and agent script


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_ivr_speaks_in_sentences(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    ivr = text(render_bundled, "ivr", lang, facts_for(bundled, which))
    assert "Prochain point à" not in ivr and "Next update at" not in ivr
    assert "Remboursement automatique" not in ivr and "Automatic refund" not in ivr
    assert ("Nous ferons un nouveau point à 11h" if lang == "fr" else "at 11:00") in ivr


@pytest.mark.parametrize("lang", LANGS)
def test_the_agent_may_state_the_decided_gesture_and_the_public_refund_date(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = sample(bundled)
    script = text(render_bundled, "agent-script", lang, facts)
    update = text(render_bundled, "update", lang, facts)
    gesture = "5 €" if lang == "fr" else "€5"
    assert gesture in script
    assert ("Vous pouvez l'annoncer" if lang == "fr" else "You may announce") in script
    refund_day = "8 avril" if lang == "fr" else "8 April"
    assert refund_day in update and refund_day in script
    # Lines never glued together (a missing line break after a condition).
    assert "application. »-" not in script and 'app."-' not in script
    none = text(render_bundled, "agent-script", lang, sample(bundled, gesture_amount=0))
    assert ("Vous pouvez l'annoncer" if lang == "fr" else "You may announce") not in none


# ------------------------------------------------------------------ compensation as facts


@pytest.mark.parametrize("lang", LANGS)
def test_the_compensation_says_what_how_much_for_whom_and_when(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    email = text(render_bundled, "compensation", lang, sample(bundled))
    if lang == "fr":
        assert "un avoir de 5 € sur votre prochaine facture, enregistré le mardi 15 avril" in email
        assert "chaque client concerné" in email
        assert "un avantage" not in email
    else:
        assert "a credit of €5 on your next bill, applied on Tuesday 15 April" in email
        assert "every customer affected" in email
        assert "a benefit" not in email
    transfer = text(
        render_bundled,
        "compensation",
        lang,
        sample(bundled, gesture_form="bank-transfer", gesture_date=""),
    )
    if lang == "fr":
        assert "5 € versés sur le compte bancaire prélevé" in transfer
        assert "nous vous confirmerons la date d'application" in transfer
    else:
        assert "€5 paid into the bank account we debited" in transfer
        assert "we will confirm the date it applies" in transfer
    press = text(render_bundled, "press-statement", lang, sample(bundled))
    assert (
        "un avoir de 5 € sur sa prochaine facture"
        if lang == "fr"
        else "a credit of €5 on their next bill"
    ) in press


# ------------------------------------------------------------------ the CM kit

KIT = {
    "reply-angry": {"x", "facebook"},
    "reply-compensation": {"x", "facebook"},
    "moderation-charter": {"internal"},
    "relay-brief": {"internal"},
}


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("message", sorted(KIT))
def test_every_cm_kit_message_renders_on_each_of_its_channels(
    bundled: Playbook, render_bundled: Render, message: str, lang: str, which: str
) -> None:
    rendered = render_bundled(SCENARIO, message, lang=lang, facts=facts_for(bundled, which))
    assert {item.channel for item in rendered} == KIT[message]
    for item in rendered:
        body = plain(item.text)
        assert body.strip(), (message, item.channel)
        assert "None" not in body and "  " not in body, (message, item.channel)


@pytest.mark.parametrize("lang", LANGS)
def test_the_relay_brief_names_every_relay_of_the_scenario_on_its_own_line(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    brief = text(render_bundled, "relay-brief", lang, sample(bundled))
    names = [
        "Rédaction économie, agence de presse nationale",
        "Association locale de consommateurs",
        "Réseau des boutiques Onde Mobile",
    ]
    for name in names:
        assert re.search(rf"^- {re.escape(name)} \(", brief, re.MULTILINE), name
    assert "Lien Mobile" not in brief  # briefed only in the outage scenarios


@pytest.mark.parametrize("lang", LANGS)
def test_the_replies_never_ask_for_bank_details_and_carry_the_decided_gesture(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    angry = text(render_bundled, "reply-angry", lang, sample(bundled))
    assert ("sans coordonnées bancaires" if lang == "fr" else "without any bank details") in angry
    gesture = text(render_bundled, "reply-compensation", lang, sample(bundled))
    assert ("un avoir de 5 €" if lang == "fr" else "a credit of €5") in gesture
    none = text(render_bundled, "reply-compensation", lang, sample(bundled, gesture_amount=0))
    assert "5 €" not in none and "€5" not in none
