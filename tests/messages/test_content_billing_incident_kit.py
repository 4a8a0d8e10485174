"""The billing incident's community-management kit: replies and private messages by situation,
the moderation charter, the relay brief, the callback script, the survey and the report frames;
with them the first word on every holding channel and an IVR true for any caller.

Each is rendered in both languages with the sample facts and with the facts of the first hour
(no count, no refund date, no gesture, no cause); what it says is pinned against the public
posts.
"""

from __future__ import annotations

import re

import pytest

from crisisplay.playbook.load import Playbook
from tests.messages.conftest import Render, joined_text, kit_facts, plain, renders_on_each_channel

LANGS = ("fr", "en")
SCENARIO = "billing-incident"
REPLIES = (
    "reply-angry",
    "reply-vulnerable",
    "reply-my-bill",
    "reply-compensation",
    "reply-journalist",
    "reply-rumour",
    "dm-open",
    "dm-vulnerable",
    "dm-compensation",
)
KIT = (*REPLIES, "moderation-charter", "relay-brief", "recontact", "survey")
FRAMES = ("report-h6-frame", "report-d2-frame")
#: The first hour: billing has not counted, the refund is not scheduled, nothing is decided.
EARLY = {
    "customers_affected": None,
    "refund_date": "",
    "gesture_amount": 0,
    "gesture_date": "",
    "cause": "under-investigation",
}
REFUND_DAY = {"fr": "8 avril", "en": "8 April"}


def facts(bundled: Playbook, which: str, **changes: object) -> dict[str, object]:
    return kit_facts(bundled, SCENARIO, EARLY, which, **changes)


def text_of(render: Render, message: str, lang: str, values: dict[str, object]) -> str:
    return joined_text(render, SCENARIO, message, lang, values)


@pytest.mark.parametrize("which", ["sample", "early"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("message", KIT + FRAMES + ("first-word", "ivr"))
def test_every_kit_message_renders_on_each_of_its_channels(
    bundled: Playbook, render_bundled: Render, message: str, lang: str, which: str
) -> None:
    values = facts(bundled, which)
    rendered = renders_on_each_channel(bundled, render_bundled, SCENARIO, message, lang, values)
    for item in rendered:
        body = plain(item.text)
        assert "None" not in body and "  " not in body, (message, item.channel)


def test_the_kit_is_wired_into_the_steps_and_the_after_crisis_actions(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    steps = {step.id: step for _, step in scenario.steps()}
    assert set(REPLIES) | {"moderation-charter"} <= set(steps["moderate"].messages)
    assert "relay-brief" in steps["brief-teams"].messages
    post = {action.kind: action.messages for action in scenario.post_crisis}
    assert post["recontact"] == ("recontact",)
    assert post["survey"] == ("survey",)
    assert post["report-h6"] == ("report-h6-frame",)
    assert post["report-d2"] == ("report-d2-frame",)
    for frame in FRAMES:
        message = scenario.message(frame)
        assert message is not None and message.kind == "report-frame"
        assert not message.is_public


def test_the_replies_keep_to_the_channels_and_gates_of_the_posts_they_repeat(
    bundled: Playbook,
) -> None:
    scenario = bundled.scenario(SCENARIO)
    angry = scenario.message("reply-angry")
    update = scenario.message("update")
    assert angry is not None and update is not None
    channels = [use.channel for use in angry.channel_uses()]
    for message_id in REPLIES:
        message = scenario.message(message_id)
        assert message is not None and message.kind == "reply", message_id
        assert [use.channel for use in message.channel_uses()] == channels, message_id
        assert "comms-approval" in message.gates, message_id
    # What repeats the update's refund wording waits on the same gates as the update.
    for message_id in ("reply-vulnerable", "reply-my-bill", "reply-rumour", "dm-open"):
        message = scenario.message(message_id)
        assert message is not None
        assert set(update.gates) <= set(message.gates), message_id


@pytest.mark.parametrize("lang", LANGS)
def test_a_refund_date_is_given_only_once_scheduled_and_as_the_fact_says(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    scenario = bundled.scenario(SCENARIO)
    scheduled = facts(bundled, "sample")
    update = text_of(render_bundled, "update", lang, scheduled)
    assert REFUND_DAY[lang] in update
    dated = [
        message
        for message in REPLIES
        if REFUND_DAY[lang] in text_of(render_bundled, message, lang, scheduled)
    ]
    assert {"reply-vulnerable", "reply-my-bill", "reply-rumour", "dm-open"} <= set(dated)
    for message in dated:
        declared = scenario.message(message)
        assert declared is not None and "refund-scheduled" in declared.gates, message
    moved = facts(bundled, "sample", refund_date="2025-04-11")
    for message in dated:
        text = text_of(render_bundled, message, lang, moved)
        assert ("11 avril" if lang == "fr" else "11 April") in text, message
        assert REFUND_DAY[lang] not in text, message
    not_yet = facts(bundled, "sample", refund_date="")
    for message in (*REPLIES, "ivr", "recontact"):
        text = text_of(render_bundled, message, lang, not_yet)
        assert REFUND_DAY[lang] not in text, message
        assert not re.search(r"\b(d'ici|by) (le )?\w*\s?\d{1,2} (avril|April)", text), message


@pytest.mark.parametrize("lang", LANGS)
def test_is_my_bill_wrong_tells_how_to_check_from_the_scope(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    double = text_of(render_bundled, "reply-my-bill", lang, facts(bundled, "sample"))
    assert ("relevé bancaire" if lang == "fr" else "bank statement") in double
    assert ("48 000" if lang == "fr" else "48,000") in double
    assert ("mars 2025" if lang == "fr" else "March 2025") in double
    wrong = text_of(
        render_bundled, "reply-my-bill", lang, facts(bundled, "sample", issue_kind="wrong-amount")
    )
    # The order of magnitude the FAQ gives, from the typical overcharge.
    assert ("environ 35 €" if lang == "fr" else "about €35") in wrong
    bigger = facts(bundled, "sample", issue_kind="wrong-amount", typical_overcharge=61.2)
    assert ("environ 61 €" if lang == "fr" else "about €61") in text_of(
        render_bundled, "reply-my-bill", lang, bigger
    )
    early = text_of(render_bundled, "reply-my-bill", lang, facts(bundled, "early"))
    assert "48" not in early


@pytest.mark.parametrize("lang", LANGS)
def test_private_messages_say_we_never_ask_for_a_password_or_a_code(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    for which in ("sample", "early"):
        for message in ("dm-open", "dm-vulnerable"):
            rendered = render_bundled(SCENARIO, message, lang=lang, facts=facts(bundled, which))
            for item in rendered:
                body = plain(item.text).lower()
                assert ("mot de passe" if lang == "fr" else "password") in body, item.channel
                assert "code" in body, (message, item.channel)
                assert ("bancaires" if lang == "fr" else "bank details") in body, item.channel
                assert ("jamais" if lang == "fr" else "never") in body, item.channel


@pytest.mark.parametrize("lang", LANGS)
def test_the_gesture_in_private_messages_is_the_decided_one_and_only_once_decided(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    gesture = "5 €" if lang == "fr" else "€5"
    for message in ("dm-compensation", "reply-compensation", "recontact"):
        text = text_of(render_bundled, message, lang, facts(bundled, "sample"))
        assert gesture in text, message
        assert ("15 avril" if lang == "fr" else "15 April") in text, message
    seven = text_of(
        render_bundled, "dm-compensation", lang, facts(bundled, "sample", gesture_amount=7)
    )
    assert ("7 €" if lang == "fr" else "€7") in seven
    early = text_of(render_bundled, "dm-compensation", lang, facts(bundled, "early"))
    assert not re.search(r"\d+ ?€|€\d", early)
    assert ("n'a pas annoncé d'autre geste" if lang == "fr" else "not announced any other") in early


@pytest.mark.parametrize("lang", LANGS)
def test_the_vulnerable_customer_is_told_how_to_get_help_first(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    for message in ("reply-vulnerable", "dm-vulnerable"):
        text = text_of(render_bundled, message, lang, facts(bundled, "sample"))
        assert ("priorité" if lang == "fr" else "first") in text, message
        assert ("message privé" if lang == "fr" else "private message") in text or (
            "rappel" if lang == "fr" else "call you back"
        ) in text, message


@pytest.mark.parametrize("which", ["sample", "early"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_ivr_never_promises_a_refund_to_every_caller(
    bundled: Playbook, render_bundled: Render, lang: str, which: str
) -> None:
    ivr = text_of(render_bundled, "ivr", lang, facts(bundled, which))
    assert "Nous vous remboursons" not in ivr and "We are refunding you" not in ivr
    assert ("Si vous êtes concerné" if lang == "fr" else "If you are affected") in ivr
    assert "(" not in ivr and ")" not in ivr
    assert not re.search(r"https?://", ivr)
    if which == "sample":
        assert REFUND_DAY[lang] in ivr
    else:
        assert REFUND_DAY[lang] not in ivr
        assert ("dès qu'elle sera fixée" if lang == "fr" else "as soon as it is set") in ivr
    declared = bundled.scenario(SCENARIO).message("ivr")
    assert declared is not None and "refund-scheduled" in declared.gates


def test_the_first_word_goes_on_every_channel_of_the_holding_posts(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    first = scenario.message("first-word")
    holding = scenario.message("holding")
    assert first is not None and holding is not None
    channels = [use.channel for use in first.channel_uses()]
    assert {"bluesky", "mastodon"} <= set(channels)
    social = {"x", "bluesky", "mastodon", "facebook", "status-page"}
    assert social & {use.channel for use in holding.channel_uses()} <= set(channels)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("frame", FRAMES)
def test_report_frames_are_filled_with_the_facts_known(
    bundled: Playbook, render_bundled: Render, lang: str, frame: str
) -> None:
    text = text_of(render_bundled, frame, lang, facts(bundled, "sample"))
    assert ("H+6" if frame == "report-h6-frame" else ("J+2" if lang == "fr" else "D+2")) in text
    assert ("1 400" if lang == "fr" else "1,400") in text  # mentions per hour, the fact
    assert ("48 000" if lang == "fr" else "48,000") in text
    assert ("8h20" if lang == "fr" else "08:20") in text
    headings = (
        ("Tonalité", "Questions les plus posées", "Rumeurs", "Médias", "remboursement")
        if lang == "fr"
        else ("Tone", "Top questions", "Rumours", "Media", "Refund questions")
    )
    for heading in headings:
        assert heading in text, heading
    assert ("Rejets de prélèvement" if lang == "fr" else "Rejected direct debits") in text
    assert ("Recommandations" if lang == "fr" else "Recommendations") in text or (
        "retour d'expérience" if lang == "fr" else "after-action review"
    ) in text
    early = text_of(render_bundled, frame, lang, facts(bundled, "early"))
    assert "48 000" not in early and "48,000" not in early
    assert ("à compléter" if lang == "fr" else "to fill in") in early
