"""The nationwide outage's texts, as a communications director would sign them.

Each defect found in review is pinned as absent from what renders, in both languages, with the
sample facts and with minimal facts (every optional fact left out, every figure that may be
unknown unknown). Texts are compared after undoing the typography pass, so a defect is written
here as a person would type it.
"""

from __future__ import annotations

import re

import pytest

from crisisplay.messages.fact_sources import sample_facts
from crisisplay.messages.render import Renderer
from crisisplay.messages.variables import RenderContext
from crisisplay.playbook.load import Playbook
from tests.messages.conftest import Render, plain

SCENARIO = "nationwide-outage"
LANGS = ("fr", "en")
FACT_SETS = ("sample", "minimal")
CONTEXT = RenderContext(now="10:00", next_update="11:00", today="2026-03-14", incident_id="inc-t")
#: the CM kit: each message with the channels it must render on
KIT = {
    "reply-angry": ("x", "facebook"),
    "reply-vulnerable": ("x", "facebook"),
    "reply-my-phone": ("x", "facebook"),
    "reply-compensation": ("x", "facebook"),
    "reply-journalist": ("x", "facebook"),
    "reply-rumour": ("x", "facebook"),
    "dm-open": ("x", "facebook"),
    "dm-vulnerable": ("x", "facebook"),
    "dm-compensation": ("x", "facebook"),
    "moderation-charter": ("internal",),
    "relay-brief": ("internal",),
    "recontact": ("agent-script", "email"),
    "survey": ("sms", "email"),
    "report-h6": ("internal",),
    "report-d2": ("internal",),
    "executive-statement": ("linkedin", "email", "status-page"),
    "authority-notice": ("email",),
    "partner-notice": ("email",),
    "shop-brief": ("internal",),
    "business-notice": ("email", "linkedin"),
}


def facts_of(bundled: Playbook, which: str, **changes: object) -> dict[str, object]:
    scenario = bundled.scenario(SCENARIO)
    facts: dict[str, object] = dict(sample_facts(scenario))
    if which == "minimal":
        facts = {
            f.id: (None if f.unknown_ok else facts[f.id])
            for f in scenario.facts
            if f.required or f.unknown_ok
        }
    return {**facts, **changes}


def render_all(
    render: Render, message: str, lang: str, facts: dict[str, object], **kw: object
) -> dict[str, str]:
    items = render(SCENARIO, message, lang=lang, facts=facts, context=CONTEXT, **kw)
    return {i.channel: plain(f"{i.title or ''}\n{i.text}") for i in items if i.text}


def every_text(bundled: Playbook, render: Render, lang: str, facts: dict[str, object]) -> str:
    return "\n".join(
        text
        for message in bundled.scenario(SCENARIO).messages
        for text in render_all(render, message.id, lang, facts).values()
    )


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_defect_found_in_review_renders_again(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    text = every_text(bundled, render_bundled, lang, facts_of(bundled, which))
    for defect in (
        "une panne touche le réseau mobile Onde Mobile",
        "Elle concerne",
        "pour appels et internet mobile",
        "dans toute la France depuis 7h42, une panne touche",
        "un avantage est ajouté à votre ligne",
        "a benefit is being added to your line",
        "Panne nationale du 7h42",
        "Pas d'heure de retour du service",
        "pas de cause tant qu",
        "Pas de geste commercial",
        "No commercial gesture:",
        "environ 3 h",
        "about 3 h",
        "Estimation de nos équipes pour le retour du service",
        "direction générale de Onde",
        "de Onde Mobile",
    ):
        assert defect not in text, defect
    assert not re.search(r"\bdu \d{1,2}h\d{0,2}\b", text)
    assert not re.search(r"\b(?:environ|about) \d+ ?h\b", text)


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_press_statement_has_a_date_line_one_voice_and_a_named_quote(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    press = render_all(render_bundled, "press-statement", lang, facts_of(bundled, which))["press"]
    if lang == "fr":
        assert "Paris, le 14 mars 2026 - Depuis " in press
        assert "», déclare Anne Lefèvre, directrice de la communication d'Onde Mobile." in press
        body = re.sub(r"«.*?»", "", press, flags=re.S)
        assert not re.search(r"\b(?:nous|nos|notre)\b", body, flags=re.I), body
        assert "Contact presse : " in press
    else:
        assert "Paris, 14 March 2026 - " in press
        assert '," said Anne Lefèvre, Communications Director of Onde Mobile.' in press
        body = re.sub(r'".*?"', "", press, flags=re.S)
        assert not re.search(r"\b(?:we|our|us)\b", body, flags=re.I), body
        assert "Press contact: " in press


def test_the_press_statement_gives_the_estimate_as_a_clock_time(
    bundled: Playbook, render_bundled: Render
) -> None:
    facts = facts_of(bundled, "sample", eta_at="16:30")
    assert "vers 16h30" in render_all(render_bundled, "press-statement", "fr", facts)["press"]
    assert "around 16:30" in render_all(render_bundled, "press-statement", "en", facts)["press"]


def test_the_holding_statement_needs_no_noc_gate(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    holding = scenario.message("holding")
    assert holding is not None and holding.gates == ("comms-approval",)
    [step] = [s for p in scenario.phases for s in p.steps if "holding" in s.messages]
    assert step.messages[0] == "holding" and "noc-scope" not in step.gates
    for message_id in step.messages:  # the banner goes with it: no figure either
        message = scenario.message(message_id)
        assert message is not None and "noc-scope" not in message.gates
    assert step.after == ("confirm-alert",)
    update = scenario.message("update")
    assert update is not None and "noc-scope" in update.gates  # the figured version


@pytest.mark.parametrize("lang", LANGS)
def test_the_holding_statement_prints_no_figure_the_noc_must_confirm(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = facts_of(
        bundled, "sample", affected_share=37, started_at="06:13", eta_at="13:27",
        emergency_calls_ok=True,
    )  # fmt: skip
    texts = render_all(render_bundled, "holding", lang, facts)
    assert {"x", "facebook", "email", "status-page"} <= set(texts)
    for channel, text in texts.items():
        for figure in ("37", "6h13", "06:13", "13h27", "13:27", "%"):
            assert figure not in text, (channel, figure)
        assert "11h" in text or "11:00" in text, channel  # the next update, always


@pytest.mark.parametrize("lang", LANGS)
def test_the_holding_statement_renders_when_every_figure_is_unknown(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    items = render_bundled(
        SCENARIO, "holding", lang=lang, facts=facts_of(bundled, "minimal"), context=CONTEXT
    )
    assert items and all(i.ok for i in items if i.text is not None)


@pytest.mark.parametrize("lang", LANGS)
def test_the_agent_script_says_what_the_public_update_says(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = facts_of(bundled, "sample", eta_at="16:30", cause_known=True)
    script = render_all(render_bundled, "agent-script", lang, facts)["agent-script"]
    update = render_all(render_bundled, "update", lang, facts)["facebook"]
    clock = "16h30" if lang == "fr" else "16:30"
    assert clock in update and clock in script
    if lang == "fr":
        cause = str(facts["cause_plain"])
        assert cause in update and cause in script
        assert "10 Go d'internet mobile" in script
        assert "16 mars 2026" in script
        assert "Vous pouvez l'annoncer et l'expliquer vous-même" in script
    else:
        assert "identified the cause" in update and "identified the cause" in script
        assert "10 GB mobile data bonus" in script and "16 March 2026" in script
        assert "You may announce and explain it yourself" in script


@pytest.mark.parametrize("lang", LANGS)
def test_the_agent_script_and_the_faq_say_the_same_when_nothing_is_known(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = facts_of(bundled, "minimal")
    script = render_all(render_bundled, "agent-script", lang, facts)["agent-script"]
    faq = render_all(render_bundled, "faq", lang, facts)["faq"]
    estimate = (
        "Nous n'avons pas encore d'estimation fiable"
        if lang == "fr"
        else "We do not have a reliable estimate yet"
    )
    assert estimate in script and estimate in faq
    studied = "Un geste commercial est à l'étude" if lang == "fr" else "is being considered"
    assert studied in script and studied in faq


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("kind", "amount", "fr", "en"),
    [
        ("data-bonus", 20, "un bonus de 20 Go d'internet mobile", "a 20 GB mobile data bonus"),
        ("days-refunded", 3, "le remboursement de 3 jours d'abonnement", "a refund of 3 days"),
        ("bill-credit", 5, "un avoir de 5 € sur votre prochaine facture", "a credit of €5 on your"),
    ],
)
def test_the_compensation_says_what_how_much_for_whom_and_when(
    bundled: Playbook,
    render_bundled: Render,
    lang: str,
    kind: str,
    amount: int,
    fr: str,
    en: str,
) -> None:
    facts = facts_of(
        bundled, "sample", gesture_kind=kind, gesture_amount=amount, gesture_for="all",
        gesture_date="2026-03-18",
    )  # fmt: skip
    texts = render_all(render_bundled, "compensation", lang, facts)
    assert set(texts) == {"sms", "email", "push", "status-page"}
    for channel, text in texts.items():
        assert (fr if lang == "fr" else en) in text, channel
        assert ("18 mars 2026" if lang == "fr" else "18 March 2026") in text, channel
        assert ("tous nos clients" if lang == "fr" else "all our customers") in text or (
            "every mobile customer" in text
        ), channel


@pytest.mark.parametrize("lang", LANGS)
def test_an_amount_not_set_yet_is_said_to_be_pending_never_guessed(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = facts_of(bundled, "sample", gesture_amount=None, gesture_date="")
    for channel, text in render_all(render_bundled, "compensation", lang, facts).items():
        assert not re.search(r"\d+ ?(?:Go|GB)\b", text), channel
        assert re.search(r"validation|confirm|follow", text), channel


@pytest.mark.parametrize("lang", LANGS)
def test_the_updates_give_the_estimate_as_a_clock_time(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = facts_of(bundled, "sample", eta=180, eta_at="16:30")
    texts = render_all(render_bundled, "update", lang, facts)
    clock = "vers 16h30" if lang == "fr" else "around 16:30"
    for channel in ("x", "bluesky", "mastodon", "facebook", "status-page", "sms"):
        assert clock in texts[channel], channel
    assert "3 h" not in "".join(texts.values())


def test_the_old_duration_estimate_still_loads(bundled: Playbook) -> None:
    facts = {f.id: f for f in bundled.scenario(SCENARIO).facts}
    assert facts["eta"].type == "duration" and facts["eta_at"].type == "time"
    gate = next(g for g in bundled.scenario(SCENARIO).gates if g.id == "noc-scope")
    assert {"eta", "eta_at"} <= set(gate.facts)


@pytest.mark.parametrize("lang", LANGS)
def test_the_voice_server_speaks_in_full_sentences(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    for which in FACT_SETS:
        [item] = render_bundled(
            SCENARIO, "ivr", lang=lang, facts=facts_of(bundled, which), context=CONTEXT
        )
        assert item.ok
        text = plain(item.text or "")
        assert "Coupure" not in text and "Nationwide outage of" not in text
        assert "Prochain point à" not in text and "Next update at" not in text
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            assert len(sentence.split()) >= 3, sentence


def test_shops_business_partners_and_vulnerable_customers_have_their_steps(
    bundled: Playbook,
) -> None:
    scenario = bundled.scenario(SCENARIO)
    steps = {s.id: s for p in scenario.phases for s in p.steps}
    assert steps["brief-shops"].messages == ("shop-brief",)
    assert steps["inform-business"].messages == ("business-notice",)
    assert steps["inform-partners"].messages == ("partner-notice",)
    assert steps["priority-line"].checklist
    assert steps["inform-authorities"].gates == ("authorities-informed",)
    assert steps["inform-authorities"].messages == ("authority-notice",)
    gate = next(g for g in scenario.gates if g.id == "authorities-informed")
    assert gate.validator == "legal" and gate.facts == ()
    assert steps["executive-word"].messages == ("executive-statement",)
    assert steps["brief-relays"].messages == ("relay-brief",)
    post = {a.id: a for a in scenario.post_crisis}
    assert post["recontact"].messages == ("recontact",)
    assert post["survey"].messages == ("survey",)
    assert post["report-h6"].messages == ("report-h6",)
    assert post["report-d2"].messages == ("report-d2",)


@pytest.mark.parametrize("lang", LANGS)
def test_the_priority_line_reaches_the_texts_that_need_it(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = facts_of(bundled, "sample", priority_line="0 800 111 222")
    for message, channel in (
        ("faq", "faq"),
        ("agent-script", "agent-script"),
        ("ivr", "ivr"),
        ("shop-brief", "internal"),
        ("dm-vulnerable", "facebook"),
    ):
        assert "0 800 111 222" in render_all(render_bundled, message, lang, facts)[channel]


@pytest.mark.parametrize("lang", LANGS)
def test_the_executive_speaks_in_the_first_person_and_signs(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    for which in FACT_SETS:
        texts = render_all(render_bundled, "executive-statement", lang, facts_of(bundled, which))
        for channel, text in texts.items():
            assert "Marc Dubois" in text, channel
            apology = "Je vous présente mes excuses" if lang == "fr" else "I apologise"
            commitment = "Je m'engage" if lang == "fr" else "I commit"
            assert apology in text and commitment in text, channel


@pytest.mark.parametrize("lang", LANGS)
def test_the_authority_notice_keeps_to_the_validated_facts(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = facts_of(bundled, "sample", affected_share=42, eta_at="15:45")
    notice = render_all(render_bundled, "authority-notice", lang, facts)["email"]
    assert "42" in notice and ("15h45" in notice or "15:45" in notice)
    assert re.search(r"analyse des causes|analysis of the causes", notice)


@pytest.mark.parametrize("which", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("message", list(KIT))
def test_every_cm_kit_message_renders_on_each_of_its_channels(
    bundled: Playbook, render_bundled: Render, message: str, lang: str, which: str
) -> None:
    declared = bundled.scenario(SCENARIO).message(message)
    assert declared is not None
    assert tuple(c.channel for c in declared.channel_uses()) == KIT[message]
    items = render_bundled(
        SCENARIO, message, lang=lang, facts=facts_of(bundled, which), context=CONTEXT
    )
    assert {i.channel for i in items} == set(KIT[message])
    for item in items:
        assert item.text and item.ok, (item.channel, [f.message for f in item.findings])
        assert "None" not in item.text and "  " not in item.text


def test_the_relay_brief_lists_every_relay_of_the_scenario(
    bundled: Playbook, render_bundled: Render
) -> None:
    text = render_all(render_bundled, "relay-brief", "fr", facts_of(bundled, "sample"))["internal"]
    for name in ("Lien Mobile", "Fédération des aidants", "Réseau des boutiques"):
        assert name in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_restoration_reads_no_estimate_so_a_late_return_can_be_announced(
    bundled: Playbook, lang: str
) -> None:
    # A text reading a fact that must lie ahead is refused once that moment has passed: the
    # restoration, announced after the estimated return time, must not read eta_at. Nor must
    # the holding need the cause to be settled before it can go out.
    scenario = bundled.scenario(SCENARIO)
    renderer = Renderer(bundled, scenario, lang)
    ahead = {fact.id for fact in scenario.facts if fact.ahead}
    resolution, holding = scenario.message("resolution"), scenario.message("holding")
    assert resolution is not None and holding is not None
    assert "cause_known" in renderer.facts_read(resolution)
    assert not renderer.facts_read(resolution) & ahead
    assert "cause_known" not in renderer.facts_read(holding)
