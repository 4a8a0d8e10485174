"""Odd payloads never break the report: any event after an activation gives a report."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from crisisplay.report.document import build_report
from crisisplay.report.run import render
from tests.report.conftest import CRAFTED, Row, sealed
from tests.strategies import WELL_FORMED

# The activation is the test's own first event: a second one is not what crisisplay writes.
AFTER_ACTIVATION = WELL_FORMED.filter(lambda item: item[0] != "incident.activated")
CLOCKS = st.sampled_from(["10:01", "10:20", "10:45", "11:30", "12:00"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(CLOCKS, AFTER_ACTIVATION), max_size=25))
def test_any_events_after_an_activation_give_a_report(
    items: list[tuple[str, tuple[str, dict[str, object]]]],
) -> None:
    rows: list[Row] = [CRAFTED[0]]
    rows += [
        (clock, kind, "tester", None, json.loads(json.dumps(p)))
        for clock, (kind, p) in sorted(items, key=lambda item: item[0])
    ]
    report = build_report(sealed(rows))
    for fmt in ("md", "json", "html"):
        assert render(report, fmt)
