"""The KPIs of the crafted timeline (conftest.CRAFTED), each computed by hand.

Activation 10:00, first alert 09:48, target 30 min, update interval 60 min, record ends 12:10.
"""

from __future__ import annotations

import dataclasses
import json

from crisisplay.home import Home
from crisisplay.incident.situation import Situation
from crisisplay.playbook.load import load_playbook
from crisisplay.report.document import build_report
from crisisplay.report.kpis import Kpis
from crisisplay.report.markdown import to_markdown
from crisisplay.report.measure import compute_kpis
from crisisplay.timeline.events import Event
from crisisplay.timeline.state import fold
from tests.conftest import ROOT
from tests.report.conftest import CRAFTED, LEAD, at, sealed


def test_alert_activation_and_resolution(crafted: list[Event]) -> None:
    k = compute_kpis(crafted)
    assert k.alert_to_activation_min == 12.0  # 09:48 -> 10:00
    assert k.time_to_resolution_min == 100.0  # 10:00 -> 11:40
    assert k.alert_to_resolution_min == 112.0  # 09:48 -> 11:40
    assert k.incident.ended_at == at("12:10") and k.incident.events == len(CRAFTED)
    assert k.incident.severity == "critical" and k.incident.completed


def test_first_public_message_against_the_30_minute_target(crafted: list[Event]) -> None:
    word = compute_kpis(crafted).first_public_message
    # the internal brief (10:40) never counts; the holding statement went out at 10:34
    assert (word.message, word.at, word.after_min) == ("holding", at("10:34"), 34.0)
    assert (word.target_min, word.met, word.late_by_min) == (30.0, False, 4.0)


def test_first_public_message_per_channel(crafted: list[Event]) -> None:
    words = compute_kpis(crafted).first_public_message_per_channel
    got = [(w.channel, w.message, w.after_min, w.met, w.late_by_min) for w in words]
    assert got == [
        ("sms", "holding", 34.0, False, 4.0),
        ("x", "holding", 34.0, False, 4.0),
        ("facebook", "update", 72.0, False, 42.0),  # 11:12
    ]


def test_each_promise_kept_or_missed_and_by_how_much(crafted: list[Event]) -> None:
    k = compute_kpis(crafted)
    got = [
        (p.message, p.due, p.answered_at, p.outcome, p.late_by_min, p.early_by_min)
        for p in k.promises
    ]
    assert got == [
        # due 11:00, answered by the update at 11:12: 12 minutes late
        ("holding", at("11:00"), at("11:12"), "missed", 12.0, 0.0),
        # due 11:45, answered by the resolution at 11:40: 5 minutes to spare
        ("update", at("11:45"), at("11:40"), "kept", 0.0, 5.0),
        # due 11:50, never answered; the record stops at 12:10: 20 minutes past due
        ("resolution", at("11:50"), None, "unanswered", 20.0, 0.0),
    ]
    c = k.promise_counts
    assert (c.made, c.kept, c.missed, c.unanswered, c.open) == (3, 1, 1, 1, 0)


def test_a_promise_not_yet_due_is_open() -> None:
    rows = [
        *CRAFTED[:-1],
        (
            "11:58",
            "promise.made",
            "x",
            None,
            {"due": "2026-11-23T13:00:00.000Z", "message": "update"},
        ),
    ]
    last = compute_kpis(sealed(rows)).promises[-1]
    assert (last.outcome, last.late_by_min, last.answered_at) == ("open", 0.0, None)


def test_update_cadence(crafted: list[Event]) -> None:
    c = compute_kpis(crafted).update_cadence
    # holding 10:34, update 11:12, resolution 11:40 (the internal brief is not public)
    assert c.publications == 3
    assert c.intervals_min == (38.0, 28.0)
    assert (c.mean_interval_min, c.longest_interval_min) == (33.0, 38.0)
    assert (c.target_min, c.over_target) == (60.0, 0)


def test_gates_with_who_and_why(crafted: list[Event]) -> None:
    k = compute_kpis(crafted)
    (gate,) = k.gates
    assert gate.gate == "noc-scope" and gate.status == "overridden"
    got = [(d.outcome, d.at, d.by, d.comment) for d in gate.decisions]
    assert got == [
        ("refused", at("10:10"), "noc-duty", "figure wrong"),
        ("passed", at("10:14"), "noc-duty", "confirmed"),
        ("reopened", at("10:20"), "camille-roux", "region changed"),  # a validated fact changed
        ("overridden", at("10:22"), "camille-roux", "the lead goes on"),
    ]
    g = k.gate_decisions
    assert (g.passed, g.refused, g.overridden, g.reopened) == (1, 1, 1, 1)


def test_steps_skipped_with_reasons(crafted: list[Event]) -> None:
    k = compute_kpis(crafted)
    s = k.step_counts
    assert (s.done, s.skipped, s.open) == (1, 1, 2)  # publish-holding and press never ended
    (skipped,) = k.steps_skipped
    assert (skipped.step, skipped.phase, skipped.at, skipped.reason) == (
        "social-sweep",
        "detect",
        at("10:09"),
        "no media interest yet",
    )


def test_roster_gaps_and_how_long_they_lasted(crafted: list[Event]) -> None:
    legal, moderation = compute_kpis(crafted).roster_gaps
    # seen by the roster at 10:02, covered at 10:45
    assert (legal.role, legal.lasted_min, legal.still_open, legal.closed_at) == (
        "legal",
        43.0,
        False,
        at("10:45"),
    )
    assert not legal.acknowledged  # only detected, never explained by the lead
    # opened at 11:00, never covered: 70 minutes until the record stops at 12:10
    assert (moderation.lasted_min, moderation.still_open, moderation.acknowledged) == (
        70.0,
        True,
        True,
    )


def test_escalations_and_their_delay(crafted: list[Event]) -> None:
    viral, executive = compute_kpis(crafted).escalations
    assert (viral.delay_min, viral.person, viral.outcome) == (13.0, "anne-lefevre", "answered")
    assert (executive.delay_min, executive.done_at, executive.outcome) == (None, None, "pending")


def test_severity_changes(crafted: list[Event]) -> None:
    first, second = compute_kpis(crafted).severity_changes
    assert (first.level, first.previous, first.overridden, first.reason) == (
        "serious",
        None,
        False,
        "one city",
    )
    assert (
        second.at,
        second.level,
        second.previous,
        second.suggested,
        second.overridden,
        second.reason,
    ) == (at("10:50"), "critical", "serious", "serious", True, "media")


def test_messages_per_channel_and_left_out(crafted: list[Event]) -> None:
    k = compute_kpis(crafted)
    got = [(c.channel, c.published, c.messages) for c in k.messages_per_channel]
    assert got == [
        ("facebook", 2, ("update", "resolution")),
        ("internal", 1, ("internal-brief",)),
        ("sms", 2, ("holding", "resolution")),
        ("x", 3, ("holding", "update", "resolution")),
    ]
    assert [(s.message, s.channel, s.reason) for s in k.channels_skipped] == [
        ("holding", "push", "data is down")
    ]
    assert [(s.message, s.reason) for s in k.messages_skipped] == [("faq", "not needed")]


def test_post_crisis_actions(crafted: list[Event]) -> None:
    p = compute_kpis(crafted).post_crisis
    assert [(a.action, a.kind, a.status, a.reason) for a in p.actions] == [
        ("compensate", "compensation", "done", None),  # kind recorded in the payload
        ("report-h6", "report-h6", "done", None),  # no kind recorded: the id names one
        ("review", "review", "skipped", "next week"),
    ]
    assert p.done == 2
    assert (p.compensation, p.recontact, p.report_h6, p.report_d2, p.review) == (
        "done",
        "not recorded",
        "done",
        "not recorded",
        "skipped",
    )


def test_an_action_its_condition_rules_out_is_not_needed_and_not_missing() -> None:
    # the callback is skipped by its `when:` (nobody got in touch): not owed, not "not done"
    payload = {"action": "recontact", "kind": "recontact", "reason": "when: false", "auto": True}
    auto = ("11:57", "post.skipped", LEAD, "cell-lead", payload)
    events = sealed([*CRAFTED[:-1], auto, CRAFTED[-1]])
    p = compute_kpis(events).post_crisis
    assert ("recontact", "recontact", "not needed") in [
        (a.action, a.kind, a.status) for a in p.actions
    ]
    assert p.recontact == "not needed"
    summary = to_markdown(build_report(events))
    post = next(line for line in summary.splitlines() if "Post-crisis actions" in line)
    assert "2 of 4 done" in post and "recontact" not in post.lower(), post


def test_not_a_drill_has_no_score(crafted: list[Event]) -> None:
    assert compute_kpis(crafted).drill is None


def test_kpis_are_a_pure_function_of_the_events(crafted: list[Event]) -> None:
    assert compute_kpis(crafted) == compute_kpis(list(crafted))
    assert build_report(crafted).as_json() == build_report(sealed(CRAFTED)).as_json()


def test_json_names_every_kpi(crafted: list[Event]) -> None:
    document = json.loads(json.dumps(build_report(crafted).as_json()))
    for field in dataclasses.fields(Kpis):
        assert field.name in document, field.name
    assert document["first_public_message"]["after_min"] == 34.0
    assert document["promises"][0]["late_by_min"] == 12.0


def test_docs_name_every_kpi_and_record_field(crafted: list[Event]) -> None:
    docs = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    for name in build_report(crafted).as_json():
        assert f"`{name}`" in docs, f"docs/report.md does not document {name}"


def test_a_render_sees_the_record_in_the_organisation_s_clock(crafted: list[Event]) -> None:
    # the same figures as the report, in Paris time (UTC+1 in November)
    state = fold(crafted)
    playbook = load_playbook(Home(ROOT), only=state.scenario)
    record = dict(Situation(state, playbook, crafted[-1].at).record_times())
    assert record == {
        "activated": "11:00",
        "resolved": "12:40",
        "first_public": "11:34",
        "first_public_after": 34,
        "first_public_target": 30,
        "promises_made": 3,
        "promises_kept": 1,
        "promises_missed": 2,  # one answered late, one never answered
    }


def test_a_callback_after_the_crisis_is_no_first_word_on_its_channel() -> None:
    callback = {
        "message": "recontact",
        "kind": "recontact",
        "channels": ["agent-script", "sms"],
        "lang": "fr",
        "public": True,
        "gates_overridden": [],
    }
    rows = [*CRAFTED[:-1], ("11:58", "message.published", LEAD, "cell-lead", callback), CRAFTED[-1]]
    words = compute_kpis(sealed(rows)).first_public_message_per_channel
    assert "agent-script" not in [w.channel for w in words]
    assert [(w.channel, w.message) for w in words if w.channel == "sms"] == [("sms", "holding")]
