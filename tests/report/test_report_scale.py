"""A long, busy incident: the report completes in every format and the chart stays bounded.

The 100,000-event timing, as a ratio against the fold alone, is `benchmarks/bench_report.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

from crisisplay.report.chart import build_chart
from crisisplay.report.document import build_report
from crisisplay.report.run import render
from crisisplay.timeline.events import Event
from tests.report.conftest import CRAFTED, Row, sealed

CHANNELS = ["x", "facebook", "sms", "status-page", "bluesky", "mastodon"]


def _clock(minute: int) -> str:
    return f"{10 + minute // 60:02d}:{minute % 60:02d}"


def _cycle(n: int) -> Iterator[Row]:
    """One minute of a busy cell (the day is cut short at 23:59: 840 minutes)."""
    clock = _clock(n % 840)
    yield clock, "note.added", "monitoring", None, {"text": f"mentions up #{n}"}
    yield clock, "gate.refused", "noc", None, {"gate": f"gate-{n % 5}", "comment": "check"}
    yield clock, "gate.passed", "noc", None, {"gate": f"gate-{n % 5}", "comment": "ok"}
    yield (
        clock,
        "message.published",
        "cm",
        None,
        {
            "message": "update",
            "kind": "update",
            "channels": CHANNELS,
            "lang": "en",
            "public": True,
        },
    )
    due = f"2026-11-23T{_clock(n % 839 + 1)}:30.000Z"
    yield clock, "promise.made", "cm", None, {"due": due, "message": "update"}


def busy(count: int) -> list[Event]:
    rows: list[Row] = list(CRAFTED[:-1])
    n = 0
    while len(rows) < count:
        rows += _cycle(n)
        n += 1
    rows.sort(key=lambda row: row[0])  # a timeline's times never go back
    return sealed(rows[:count])


def test_a_report_of_ten_thousand_events_in_every_format() -> None:
    events = busy(10_000)
    report = build_report(events)
    assert report.kpis.incident.events == 10_000
    assert report.kpis.promise_counts.made > 1_500
    for fmt in ("md", "json", "html"):
        assert len(render(report, fmt)) > 100_000
    chart = build_chart(report)
    # ~1,600 publications on 6 channels, ~3,200 gate decisions: merged to what a page can show
    assert len(chart.marks) < 3_000
    assert sum(m.count for m in chart.marks) > 10_000
