"""What the local-outage texts must say, and the wordings they must never fall back to.

Rendered with the fixed context of the message tests (today 2026-03-14, now 10:00, next update
11:00), with the scenario's sample facts and with a minimal set where nearly nothing is known
yet. Texts are compared after undoing the typography pass, as a person would type them.
"""

from __future__ import annotations

import re

import pytest

from crisisplay.messages.fact_sources import sample_facts
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Fact, Gate, Message, Scenario, Step
from tests.messages.conftest import Render, plain

SCENARIO = "local-outage"
LANGS = ("fr", "en")


def texts(render: Render, message: str, lang: str, facts: dict[str, object]) -> str:
    rendered = render(SCENARIO, message, lang=lang, facts=facts)
    return "\n".join(plain(f"{item.title or ''}\n{item.text}") for item in rendered)


def channel_text(
    render: Render, message: str, lang: str, facts: dict[str, object], channel: str
) -> str:
    (item,) = render(SCENARIO, message, lang=lang, facts=facts, channels=[channel])
    return plain(item.text)


def step_of(scenario: Scenario, step_id: str) -> Step:
    return next(step for _, step in scenario.steps() if step.id == step_id)


def message_of(scenario: Scenario, message_id: str) -> Message:
    message = scenario.message(message_id)
    assert message is not None, message_id
    return message


def gate_of(scenario: Scenario, gate_id: str) -> Gate:
    gate = scenario.gate(gate_id)
    assert gate is not None, gate_id
    return gate


def fact_of(scenario: Scenario, fact_id: str) -> Fact:
    fact = scenario.fact(fact_id)
    assert fact is not None, fact_id
    return fact


def sample(bundled: Playbook, **changes: object) -> dict[str, object]:
    return {**sample_facts(bundled.scenario(SCENARIO)), **changes}


def minimal(bundled: Playbook) -> dict[str, object]:
    """The first minutes: no count, no estimate, no cause, no gesture, no towns."""
    return sample(
        bundled,
        cities="",
        customers_affected=None,
        cause="unknown",
        cause_confirmed=False,
        eta=None,
        eta_at=None,
        eta_confirmed=False,
        gesture="undecided",
        data_bonus_gb=None,
        refund_days=None,
        gesture_date=None,
        media_attention=False,
    )


#: Everything known and announced: the estimate the NOC stands by, the cause, the gesture.
def announced(bundled: Playbook, **changes: object) -> dict[str, object]:
    return sample(bundled, eta_confirmed=True, eta_at="13:40", cause_confirmed=True, **changes)


FACT_SETS = ("sample", "minimal", "announced")


def facts_named(bundled: Playbook, name: str) -> dict[str, object]:
    return {"sample": sample, "minimal": minimal, "announced": announced}[name](bundled)


# --- defects that must never come back ------------------------------------------------------


@pytest.mark.parametrize("name", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_no_local_text_gives_the_restoration_estimate_as_a_duration(
    bundled: Playbook, render_bundled: Render, lang: str, name: str
) -> None:
    facts = facts_named(bundled, name)
    for message in bundled.scenario(SCENARIO).messages:
        text = texts(render_bundled, message.id, lang, facts)
        assert not re.search(r"d'ici \d+ (?:heure|jour|minute)", text), message.id
        assert not re.search(r"\bwithin \d+ (?:hour|day|minute)", text), message.id
        assert not re.search(r"\benviron \d+ ?h\b", text), message.id
        assert not re.search(r"\bdu \d{1,2}h\d{0,2}\b", text), message.id
        assert "None" not in text, message.id


@pytest.mark.parametrize("lang", LANGS)
def test_an_announced_estimate_is_a_clock_time_everywhere_it_is_given(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    facts = announced(bundled)
    clock = "vers 13h40" if lang == "fr" else "around 13:40"
    for message in ("update", "press-statement", "agent-script", "faq", "executive-statement"):
        assert clock in texts(render_bundled, message, lang, facts), message
    ivr = texts(render_bundled, "ivr", lang, facts)
    assert "13h40" in ivr if lang == "fr" else "13:40" in ivr


def test_the_old_duration_fact_still_loads_and_a_missing_time_announces_nothing(
    bundled: Playbook, render_bundled: Render
) -> None:
    scenario = bundled.scenario(SCENARIO)
    assert fact_of(scenario, "eta").type == "duration"
    assert fact_of(scenario, "eta_at").type == "time"
    facts = sample(bundled, eta_confirmed=True, eta_at=None)
    text = texts(render_bundled, "update", "fr", facts)
    assert "Nous ne pouvons pas encore annoncer d'heure de retour fiable" in text
    assert "vers " not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_ivr_speaks_in_sentences(bundled: Playbook, render_bundled: Render, lang: str) -> None:
    for facts in (announced(bundled), minimal(bundled)):
        text = texts(render_bundled, "ivr", lang, facts)
        for fragment in ("Prochain point à", "Retour prévu", "Next update at", "Service expected"):
            assert fragment not in text
        assert (
            "Nous ferons un nouveau point à 11h" if lang == "fr" else "next update at 11:00"
        ) in (text)
    fr = texts(render_bundled, "ivr", "fr", announced(bundled))
    assert "Le service devrait revenir vers 13h40." in fr


# --- press statement: dated, one voice, a named quote ---------------------------------------


@pytest.mark.parametrize("name", FACT_SETS)
def test_the_press_statement_is_dated_and_quotes_the_spokesperson_by_name(
    bundled: Playbook, render_bundled: Render, name: str
) -> None:
    facts = facts_named(bundled, name)
    fr = texts(render_bundled, "press-statement", "fr", facts)
    assert "Paris, le 14 mars 2026 - Depuis 5h40" in fr
    assert "», déclare Anne Lefèvre, directrice de la communication d'Onde Mobile." in fr
    assert "Contact presse : " in fr
    en = texts(render_bundled, "press-statement", "en", facts)
    assert "Paris, 14 March 2026 - Since 05:40" in en
    assert '," said Anne Lefèvre, Communications Director of Onde Mobile.' in en
    assert "Press contact: " in en


@pytest.mark.parametrize("name", FACT_SETS)
@pytest.mark.parametrize(
    ("lang", "quote", "first_person"),
    [
        ("fr", r"«[^»]*»", r"\b(?:nous|nos|notre|Nous|Nos|Notre)\b"),
        ("en", r'"[^"]*"', r"\b(?:we|our|us|We|Our)\b"),
    ],
)
def test_the_press_statement_keeps_one_voice_outside_the_quote(
    bundled: Playbook, render_bundled: Render, lang: str, quote: str, first_person: str, name: str
) -> None:
    facts = {**facts_named(bundled, name), "emergency_calls_ok": False}
    text = texts(render_bundled, "press-statement", lang, facts)
    assert re.search(quote, text)
    outside = re.sub(quote, "", text)
    assert not re.search(first_person, outside), re.findall(
        rf".{{0,40}}{first_person}.{{0,40}}", outside
    )


def test_the_press_statement_names_the_gesture_in_the_third_person(
    bundled: Playbook, render_bundled: Render
) -> None:
    fr = texts(render_bundled, "press-statement", "fr", sample(bundled))
    assert (
        "Onde Mobile offre un bonus de 20 Go d'internet mobile valable 30 jours à tous ses clients"
        in fr
    )
    assert "16 mars 2026" in fr


# --- executive statement --------------------------------------------------------------------


@pytest.mark.parametrize("name", FACT_SETS)
@pytest.mark.parametrize(
    ("lang", "signature", "apology", "explain"),
    [
        (
            "fr",
            "Marc Dubois, directeur général d'Onde Mobile",
            "mes excuses personnelles",
            "Je m'engage à expliquer",
        ),
        (
            "en",
            "Marc Dubois, Chief Executive Officer, Onde Mobile",
            "my personal apology",
            "I am committed to explaining",
        ),
    ],
)
def test_the_executive_speaks_in_his_own_name_on_each_channel(
    bundled: Playbook,
    render_bundled: Render,
    lang: str,
    signature: str,
    apology: str,
    explain: str,
    name: str,
) -> None:
    message = message_of(bundled.scenario(SCENARIO), "executive-statement")
    assert message.kind == "executive-statement" and message.is_public
    facts = facts_named(bundled, name)
    for channel in ("linkedin", "status-page"):
        text = channel_text(render_bundled, "executive-statement", lang, facts, channel)
        assert text.rstrip().endswith(signature)
        assert apology in text and explain in text
    step = step_of(bundled.scenario(SCENARIO), "press")
    assert "executive-statement" in step.messages


# --- holding: no figure, no NOC gate; the figures follow the gate ----------------------------


@pytest.mark.parametrize("name", FACT_SETS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_holding_statement_states_no_figure(
    bundled: Playbook, render_bundled: Render, lang: str, name: str
) -> None:
    facts = {**facts_named(bundled, name), "services_down": ["voice"]}  # SMS and push go out too
    rendered = render_bundled(SCENARIO, "holding", lang=lang, facts=facts)
    assert {item.channel for item in rendered} >= {"x", "sms", "push", "email", "status-page"}
    clock = "11h" if lang == "fr" else "11:00"
    for item in rendered:
        text = plain(f"{item.title or ''}\n{item.text}")
        assert "Finistère" in item.text, item.channel
        assert clock in text, item.channel
        # links, the 112 and 114 of the shared emergency sentence, the customer-care number
        bare = re.sub(r"https?://\S+|\b11[24]\b|\b0\d(?: \d\d){4}\b", "", text)
        bare = bare.replace(clock, "")
        assert not re.search(r"\d", bare), (item.channel, bare)
        assert "Brest" not in text, item.channel


def test_the_holding_statement_waits_for_comms_approval_only(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    assert list(message_of(scenario, "holding").gates) == ["comms-approval"]
    step = step_of(scenario, "publish-holding")
    assert list(step.after or ()) == ["confirm-alert"] and "noc-scope" not in step.gates
    assert step.messages[0] == "holding"
    for message_id in step.messages:  # the banner goes with it, with no figure either
        assert "noc-scope" not in message_of(scenario, message_id).gates
    figured = message_of(scenario, "scope-update")
    assert "noc-scope" in figured.gates
    scope_step = step_of(scenario, "publish-scope")
    assert "scope-update" in scope_step.messages and "confirm-scope" in (scope_step.after or ())


def test_the_holding_warns_about_112_but_never_reassures_before_the_noc(
    bundled: Playbook, render_bundled: Render
) -> None:
    ok = texts(render_bundled, "holding", "fr", sample(bundled, emergency_calls_ok=True))
    assert "le 112 fonctionne via tout réseau disponible ou d'un fixe" in ok
    assert "aboutit" not in ok and "reste joignable" not in ok
    failing = texts(render_bundled, "holding", "fr", sample(bundled, emergency_calls_ok=False))
    assert "appelez le 112 d'un fixe ou d'un mobile d'un autre opérateur" in failing


def test_the_figured_update_after_the_gate_carries_the_validated_scope(
    bundled: Playbook, render_bundled: Render
) -> None:
    text = texts(render_bundled, "scope-update", "fr", sample(bundled))
    assert "85 000" in text and "5h40" in text and "Brest" in text


# --- compensation as facts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "what", "when"),
    [
        ("fr", "un bonus de 20 Go d'internet mobile", "16 mars 2026"),
        ("en", "a 20 GB mobile data bonus", "16 March 2026"),
    ],
)
def test_the_gesture_says_what_how_much_for_whom_and_when(
    bundled: Playbook, render_bundled: Render, lang: str, what: str, when: str
) -> None:
    email = channel_text(render_bundled, "compensation", lang, sample(bundled), "email")
    assert what in email and when in email
    assert (
        "tous les clients Onde Mobile de la zone touchée"
        if lang == "fr"
        else "every Onde Mobile customer in the affected area"
    ) in email
    for message in ("compensation", "faq", "agent-script"):
        assert what in texts(render_bundled, message, lang, sample(bundled)), message


def test_a_refund_gives_its_days_and_an_unknown_date_is_said_to_come(
    bundled: Playbook, render_bundled: Render
) -> None:
    facts = sample(
        bundled, gesture="prorata-refund", refund_days=2, gesture_date=None, gesture_for="cut-off"
    )
    email = channel_text(render_bundled, "compensation", "fr", facts, "email")
    assert "le remboursement de 2 jours d'abonnement" in email
    assert "privés de service pendant la coupure" in email
    assert "nous vous confirmerons la date d'application" in email
    assert "avantage" not in email


def test_a_gesture_without_its_amount_is_not_announced(
    bundled: Playbook, render_bundled: Render
) -> None:
    facts = sample(bundled, data_bonus_gb=None)
    for message in ("compensation", "agent-script", "press-statement"):
        text = texts(render_bundled, message, "fr", facts)
        assert "Go" not in text.replace("Google", ""), message


def test_the_gesture_gate_covers_every_gesture_fact(bundled: Playbook) -> None:
    gate = gate_of(bundled.scenario(SCENARIO), "gesture-approved")
    assert set(gate.facts) >= {
        "gesture",
        "data_bonus_gb",
        "refund_days",
        "gesture_for",
        "gesture_date",
    }


# --- agent script parity --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "clock", "cause", "gesture"),
    [
        (
            "fr",
            "vers 13h40",
            "Les intempéries ont endommagé une partie de nos installations",
            "20 Go",
        ),
        ("en", "around 13:40", "Severe weather has damaged", "20 GB"),
    ],
)
def test_the_agents_may_say_everything_the_public_update_says(
    bundled: Playbook, render_bundled: Render, lang: str, clock: str, cause: str, gesture: str
) -> None:
    facts = announced(bundled)
    public = texts(render_bundled, "update", lang, facts)
    assert clock in public and cause in public
    agent = texts(render_bundled, "agent-script", lang, facts)
    assert clock in agent and cause in agent and gesture in agent
    assert "Pas de promesse de geste commercial" not in agent
    assert "No promise of a commercial gesture" not in agent
    assert (
        "Vous pouvez l'annoncer vous-même" if lang == "fr" else "You may announce it yourself"
    ) in agent


def test_without_a_decision_the_agents_promise_no_gesture(
    bundled: Playbook, render_bundled: Render
) -> None:
    agent = texts(render_bundled, "agent-script", "fr", minimal(bundled))
    assert "pas encore décidé. N'en promettez aucun." in agent
    assert "Go d'internet" not in agent


# --- the authorities step has its gate ------------------------------------------------------


def test_alerting_the_authorities_is_recorded_by_the_cell_lead(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    step = step_of(scenario, "alert-authorities")
    assert list(step.gates) == ["authorities-informed"]
    gate = gate_of(scenario, "authorities-informed")
    assert gate.validator == "cell-lead"
    assert not gate.facts  # a new fact never re-opens it
    assert "à quelle heure" in gate.confirms["fr"] and "what time" in gate.confirms["en"]
