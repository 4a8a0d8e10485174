"""The local outage's community-management kit: replies and private messages by situation, the
moderation charter, the relay brief, the callback script, the survey and the report frames.

Each is rendered in both languages with the sample facts and with the facts of the first
minutes (nothing measured, nothing decided); what it says is pinned against the public posts.
"""

from __future__ import annotations

import re

import pytest

from crisisplay.playbook.load import Playbook
from tests.messages.conftest import Render, joined_text, kit_facts, renders_on_each_channel

LANGS = ("fr", "en")
SCENARIO = "local-outage"
REPLIES = (
    "reply-angry",
    "reply-vulnerable",
    "reply-my-phone",
    "reply-compensation",
    "reply-journalist",
    "reply-rumour",
    "dm-open",
    "dm-vulnerable",
    "dm-compensation",
)
KIT = (*REPLIES, "moderation-charter", "relay-brief", "recontact", "survey")
FRAMES = ("report-h6-frame", "report-d2-frame")
#: The first minutes: no count, no cause, no time, no gesture.
EARLY = {
    "customers_affected": None,
    "cause": "unknown",
    "cause_confirmed": False,
    "eta": None,
    "eta_at": None,
    "eta_confirmed": False,
    "gesture": "undecided",
    "data_bonus_gb": None,
    "refund_days": None,
    "gesture_date": None,
}


def facts(bundled: Playbook, which: str, **changes: object) -> dict[str, object]:
    return kit_facts(bundled, SCENARIO, EARLY, which, **changes)


def text_of(render: Render, message: str, lang: str, values: dict[str, object]) -> str:
    return joined_text(render, SCENARIO, message, lang, values)


@pytest.mark.parametrize("which", ["sample", "early"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("message", KIT + FRAMES)
def test_every_kit_message_renders_on_each_of_its_channels(
    bundled: Playbook, render_bundled: Render, message: str, lang: str, which: str
) -> None:
    values = facts(bundled, which)
    renders_on_each_channel(bundled, render_bundled, SCENARIO, message, lang, values)


def test_the_kit_is_wired_into_the_steps_and_the_after_crisis_actions(bundled: Playbook) -> None:
    scenario = bundled.scenario(SCENARIO)
    steps = {step.id: step for _, step in scenario.steps()}
    assert set(REPLIES) | {"moderation-charter"} <= set(steps["moderate"].messages)
    assert steps["brief-relays"].messages == ("relay-brief",)
    post = {action.kind: action.messages for action in scenario.post_crisis}
    assert post["recontact"] == ("recontact",)
    assert post["survey"] == ("survey",)
    assert post["report-h6"] == ("report-h6-frame",)
    assert post["report-d2"] == ("report-d2-frame",)


@pytest.mark.parametrize(("lang", "clock"), [("fr", "vers 15h30"), ("en", "around 15:30")])
def test_replies_give_the_time_the_noc_stands_by_and_only_then(
    bundled: Playbook, render_bundled: Render, lang: str, clock: str
) -> None:
    kept = facts(bundled, "sample", eta_at="15:30", eta_confirmed=True)
    assert clock in text_of(render_bundled, "reply-angry", lang, kept)
    assert clock in text_of(render_bundled, "reply-rumour", lang, kept)
    loose = facts(bundled, "sample", eta_at="15:30", eta_confirmed=False)
    for message in REPLIES:
        text = text_of(render_bundled, message, lang, loose)
        assert "15h30" not in text and "15:30" not in text, message


@pytest.mark.parametrize(
    ("lang", "amount", "date"),
    [("fr", "20 Go", "16 mars 2026"), ("en", "20 GB", "16 March 2026")],
)
def test_the_compensation_reply_states_what_how_much_for_whom_and_when(
    bundled: Playbook, render_bundled: Render, lang: str, amount: str, date: str
) -> None:
    for message in ("reply-compensation", "dm-compensation", "recontact"):
        text = text_of(render_bundled, message, lang, facts(bundled, "sample"))
        assert amount in text and date in text, message
        assert ("zone touchée" if lang == "fr" else "affected area") in text, message
        assert "un avantage" not in text and "a benefit" not in text, message
    early = text_of(render_bundled, "reply-compensation", lang, facts(bundled, "early"))
    assert not re.search(r"\d+ ?(Go|GB)\b", early)
    assert ("pas encore décidé" if lang == "fr" else "not been decided yet") in text_of(
        render_bundled, "dm-compensation", lang, facts(bundled, "early")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_cause_is_told_only_once_the_noc_confirms_it(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    storm = "intempéries" if lang == "fr" else "Severe weather"
    confirmed = facts(bundled, "sample", cause="storm", cause_confirmed=True)
    assert storm in text_of(render_bundled, "reply-rumour", lang, confirmed)
    doubtful = facts(bundled, "sample", cause="storm", cause_confirmed=False)
    for message in (*REPLIES, "relay-brief", "moderation-charter"):
        assert storm.lower() not in text_of(render_bundled, message, lang, doubtful).lower(), (
            message
        )


@pytest.mark.parametrize("lang", LANGS)
def test_the_relay_brief_names_each_relay_and_what_to_tell_them(
    bundled: Playbook, render_bundled: Render, lang: str
) -> None:
    text = text_of(render_bundled, "relay-brief", lang, facts(bundled, "sample"))
    relays = [r for r in bundled.organisation.relays if not r.scenarios or SCENARIO in r.scenarios]
    assert relays
    for relay in relays:
        assert relay.name in text and relay.contact in text, relay.name
    assert "Finistère" in text and "85" in text


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("fr", ("Ce que nous ne supprimons jamais", "Ce que nous masquons", "message privé")),
        ("en", ("What we never delete", "What we hide", "private messages")),
    ],
)
def test_the_moderation_charter_says_what_stays_what_is_hidden_and_when_to_go_private(
    bundled: Playbook, render_bundled: Render, lang: str, headings: tuple[str, ...]
) -> None:
    text = text_of(render_bundled, "moderation-charter", lang, facts(bundled, "sample"))
    for heading in headings:
        assert heading in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("frame", FRAMES)
def test_report_frames_are_filled_with_the_facts_known(
    bundled: Playbook, render_bundled: Render, lang: str, frame: str
) -> None:
    text = text_of(render_bundled, frame, lang, facts(bundled, "sample"))
    assert ("H+6" if frame == "report-h6-frame" else ("J+2" if lang == "fr" else "D+2")) in text
    assert "Finistère" in text and ("5h40" if lang == "fr" else "05:40") in text
    assert ("85 000" if lang == "fr" else "85,000") in text
    early = text_of(render_bundled, frame, lang, facts(bundled, "early"))
    assert "85" not in early.replace("1 200", "").replace("1,200", "")
