"""render_message: missing facts, channel conditions, the drill marker, the output's shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crisisplay.errors import InputError, UsageError
from crisisplay.home import Home
from crisisplay.messages.render import MissingFacts
from crisisplay.messages.rendered import sha256_of
from crisisplay.messages.variables import RenderContext
from crisisplay.playbook.load import Playbook, load_playbook
from tests.messages.conftest import CONTEXT, Render, render_with, write_template

SAMPLE = {
    "services_down": ["voice", "data"],
    "affected_share": 60,
    "started_at": "07:42",
    "emergency_calls_ok": True,
    "detected_by": "noc",
    "mentions_per_hour": 2300,
    "media_attention": True,
    "cause_known": True,
    "cause_plain": "une panne logicielle",
    "eta": 180,
    "partners_affected": False,
}


def test_missing_facts_are_all_named_at_once(render_bundled: Render) -> None:
    with pytest.raises(MissingFacts) as caught:
        render_bundled("nationwide-outage", "holding", facts={"started_at": "07:42"})
    # services_down is read by the SMS and push conditions too; every missing one is listed.
    assert caught.value.names == ("affected_share", "emergency_calls_ok", "services_down")
    assert "affected_share, emergency_calls_ok, services_down" in caught.value.message


def test_missing_facts_count_the_facts_read_by_channel_conditions(render_bundled: Render) -> None:
    facts = {k: v for k, v in SAMPLE.items() if k != "services_down"}
    with pytest.raises(MissingFacts) as caught:
        render_bundled("nationwide-outage", "holding", facts=facts, channels=["sms"])
    assert caught.value.names == ("services_down",)


def test_a_channel_whose_condition_is_false_is_skipped_with_its_reason(
    render_bundled: Render,
) -> None:
    facts = {**SAMPLE, "services_down": ["voice", "sms"]}
    rendered = {r.channel: r for r in render_bundled("nationwide-outage", "holding", facts=facts)}
    assert rendered["sms"].skipped == "Les SMS sont coupés ; ils n'arriveraient pas."
    assert rendered["sms"].text == "" and rendered["sms"].ok
    assert rendered["push"].skipped is None and rendered["push"].text
    as_json = rendered["sms"].as_json()
    assert as_json["skipped"] is True and as_json["reason"] == rendered["sms"].skipped
    assert "text" not in as_json


def test_the_skip_reason_is_in_the_language_of_the_render(render_bundled: Render) -> None:
    facts = {**SAMPLE, "services_down": ["sms"]}
    sms = render_bundled("nationwide-outage", "holding", lang="en", facts=facts, channels=["sms"])
    assert sms[0].skipped == "SMS is down; the texts would not arrive."


def test_a_drill_marks_every_text_title_and_html(render_bundled: Render) -> None:
    context = RenderContext("10:00", "11:00", drill=True)
    facts = {**SAMPLE, "services_down": ["voice"]}
    for item in render_bundled("nationwide-outage", "holding", facts=facts, context=context):
        assert item.text.startswith("EXERCICE EXERCICE EXERCICE\n"), item.channel
        if item.title is not None:
            assert item.title.startswith("EXERCICE EXERCICE EXERCICE - "), item.channel
        if item.html is not None:
            assert "EXERCICE EXERCICE EXERCICE</p>" in item.html


def test_without_a_drill_there_is_no_marker(render_bundled: Render) -> None:
    for item in render_bundled("nationwide-outage", "holding", facts=SAMPLE):
        assert "EXERCICE" not in item.text


def test_the_json_form_carries_the_stable_fields(render_bundled: Render) -> None:
    facts = {**SAMPLE, "services_down": ["voice"]}
    rendered = {r.channel: r for r in render_bundled("nationwide-outage", "holding", facts=facts)}
    sms = rendered["sms"].as_json()
    for key in ("channel", "lang", "text", "length", "limit", "ok", "findings", "encoding"):
        assert key in sms
    assert sms["encoding"] == "GSM-7" and sms["parts"] == 2 and sms["non_gsm_chars"] == []
    assert sms["sha256"] == sha256_of(rendered["sms"].text)
    assert rendered["email"].as_json()["subject"] == rendered["email"].title
    assert rendered["push"].as_json()["title"] == rendered["push"].title
    assert str(rendered["email"].as_json()["html"]).startswith("<!DOCTYPE html>")
    assert rendered["x"].as_json()["limit"] == 280


def test_no_time_is_said_that_nobody_promised(render_bundled: Render) -> None:
    """Without a promise neither a holding statement nor a briefing says a next-update time."""
    context = RenderContext("10:07")
    x = render_bundled(
        "nationwide-outage", "holding", facts=SAMPLE, context=context, channels=["x"]
    )
    assert "Prochain point" not in x[0].text
    brief = render_bundled("nationwide-outage", "internal-brief", facts=SAMPLE, context=context)
    assert all("Prochain point" not in item.text for item in brief)
    promised = RenderContext("10:07", next_update="11:15")
    x = render_bundled(
        "nationwide-outage", "holding", facts=SAMPLE, context=promised, channels=["x"]
    )
    assert "Prochain point à 11h15." in x[0].text and x[0].ok


def test_channels_can_be_chosen_and_unknown_ones_are_refused(render_bundled: Render) -> None:
    chosen = render_bundled("nationwide-outage", "holding", facts=SAMPLE, channels=["sms", "x"])
    assert [r.channel for r in chosen] == ["sms", "x"]
    with pytest.raises(UsageError, match="not written for tiktok"):
        render_bundled("nationwide-outage", "holding", facts=SAMPLE, channels=["tiktok"])


def test_an_unknown_message_or_language_is_a_usage_error(render_bundled: Render) -> None:
    with pytest.raises(UsageError, match="did you mean 'holding'"):
        render_bundled("nationwide-outage", "holdng", facts=SAMPLE)
    with pytest.raises(UsageError, match="language 'de'"):
        render_bundled("nationwide-outage", "holding", lang="de", facts=SAMPLE)


def test_a_variable_that_is_neither_fact_nor_builtin_names_template_and_line(
    tmp_home: Path,
) -> None:
    write_template(
        tmp_home, "nationwide-outage/holding/x.fr.j2", "Panne.\n{{ regoin }} {{ next_update }}\n"
    )
    render = render_with(load_playbook(Home(tmp_home)))
    with pytest.raises(InputError) as caught:
        render("nationwide-outage", "holding", facts=SAMPLE, channels=["x"])
    assert str(caught.value.location) == "templates/nationwide-outage/holding/x.fr.j2:2"
    assert "'regoin'" in caught.value.message


def test_a_missing_template_is_named(tmp_home: Path) -> None:
    (tmp_home / "templates/nationwide-outage/holding/x.en.j2").unlink()
    render = render_with(load_playbook(Home(tmp_home)))
    expected = re.escape("missing template: templates/nationwide-outage/holding/x.en.j2")
    with pytest.raises(InputError, match=expected):
        render("nationwide-outage", "holding", lang="en", facts=SAMPLE, channels=["x"])


def test_a_runtime_error_names_the_template_line(tmp_home: Path) -> None:
    write_template(tmp_home, "nationwide-outage/holding/x.fr.j2", "ok\n\n{{ eta / 0 }}\n")
    render = render_with(load_playbook(Home(tmp_home)))
    with pytest.raises(InputError) as caught:
        render("nationwide-outage", "holding", facts=SAMPLE, channels=["x"])
    assert str(caught.value.location) == "templates/nationwide-outage/holding/x.fr.j2:3"
    assert "ZeroDivisionError" in caught.value.message


def test_facts_reach_templates_in_canonical_form_and_builtins_are_there(tmp_home: Path) -> None:
    write_template(
        tmp_home,
        "nationwide-outage/holding/x.fr.j2",
        "{{ services_down|join('+') }} {{ eta|duration }} {{ started_at|clock }} "
        "{{ affected_share|number }} {{ brand.name }} {{ links.status_page }} "
        "{{ links['status-page'] }} {{ lang }} {{ channel }} {{ handle }} {{ severity }} "
        "{{ severity_title }} {{ drill }} {{ incident_id }} {{ now }} {{ next_update }} "
        "{{ scenario_title }} {{ choices.detected_by.noc }} "
        "{{ services_down|choice_labels('services_down', lower=true) }}",
    )
    render = render_with(load_playbook(Home(tmp_home)))
    text = render("nationwide-outage", "holding", facts=SAMPLE, channels=["x"], context=CONTEXT)[
        0
    ].text
    assert text == (
        "voice+data 3\u00a0h 7h42 60 Onde Mobile https://status.onde-mobile.example "
        "https://status.onde-mobile.example fr x @OndeMobile critical Critique False inc-test "
        "10:00 11:00 Panne nationale du réseau mobile Supervision réseau (NOC) "
        "appels et internet mobile"
    )


def test_severity_comes_from_the_context_when_given(tmp_home: Path) -> None:
    write_template(tmp_home, "nationwide-outage/holding/x.fr.j2", "{{ severity_title }}")
    render = render_with(load_playbook(Home(tmp_home)))
    context = RenderContext("10:00", severity="serious")
    assert (
        render("nationwide-outage", "holding", facts=SAMPLE, channels=["x"], context=context)[
            0
        ].text
        == "Sérieuse"
    )


def test_render_context_refuses_times_that_are_not_hh_mm() -> None:
    with pytest.raises(ValueError, match="HH:MM"):
        RenderContext("9h30")


def test_the_bundled_playbook_is_what_the_tests_render(bundled: Playbook) -> None:
    assert "nationwide-outage" in bundled.scenarios
