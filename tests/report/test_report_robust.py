"""Odd payloads never break the report: any event after an activation gives a report."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from crisisplay.report.document import build_report
from crisisplay.report.run import render
from tests.report.conftest import CRAFTED, Row, sealed

KINDS = [
    "fact.set",
    "fact.validated",
    "severity.assessed",
    "role.assigned",
    "role.gap",
    "phase.entered",
    "step.started",
    "step.done",
    "step.skipped",
    "gate.passed",
    "gate.refused",
    "gate.overridden",
    "message.rendered",
    "message.channel_skipped",
    "message.published",
    "message.skipped",
    "promise.made",
    "escalation.fired",
    "escalation.done",
    "incident.resolved",
    "post.started",
    "post.done",
    "post.skipped",
    "note.added",
    "decision.logged",
    "drill.inject",
    "some.future_kind",
]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.text(max_size=6),
    st.just("2026-11-23T10:30:00.000Z"),
    st.just("2026-11-29T10:30:00.000Z"),
    st.lists(st.text(max_size=4), max_size=3),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)
KEYS = [
    "at",
    "by",
    "fact",
    "value",
    "gate",
    "facts",
    "message",
    "kind",
    "channel",
    "channels",
    "due",
    "public",
    "next_update",
    "role",
    "person",
    "rule",
    "step",
    "phase",
    "level",
    "reason",
    "text",
    "action",
    "inject",
    "target",
    "comment",
    "declined",
    "gates_overridden",
    "detected",
]
PAYLOADS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=6)
CLOCKS = st.sampled_from(["10:01", "10:20", "10:45", "11:30", "12:00"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(CLOCKS, st.sampled_from(KINDS), PAYLOADS), max_size=25))
def test_any_events_after_an_activation_give_a_report(
    items: list[tuple[str, str, dict[str, object]]],
) -> None:
    rows: list[Row] = [CRAFTED[0]]
    rows += [
        (clock, kind, "tester", None, json.loads(json.dumps(p)))
        for clock, kind, p in sorted(items, key=lambda item: item[0])
    ]
    report = build_report(sealed(rows))
    for fmt in ("md", "json", "html"):
        assert render(report, fmt)
