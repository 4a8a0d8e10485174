"""The HTML report stands alone (nothing to fetch), prints, and its chart reads without colour."""

from __future__ import annotations

import re
from datetime import timedelta

from crisisplay.report.chart import build_chart, time_scale
from crisisplay.report.chart_model import PLOT_X1, SHAPES, Mark, merge_marks
from crisisplay.report.document import build_report
from crisisplay.report.html import to_html
from crisisplay.timeline.events import Event
from tests.report.conftest import CRAFTED, Row, at, sealed
from tests.report.test_report_escaping import parse


def test_one_self_contained_file(crafted: list[Event]) -> None:
    page = to_html(build_report(crafted))
    parsed = parse(page)
    assert not {"script", "link", "img", "iframe", "object", "embed", "base"} & set(parsed.tags)
    linking = [(n, v) for n, v in parsed.attributes if n in ("src", "href", "srcset", "action")]
    assert linking == []
    # CSS only refers to the page's own SVG patterns; no @import, no font or image from elsewhere
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {"#hatch", "#hatch-late"}
    assert "@import" not in page and "@font-face" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_readable_on_paper(crafted: list[Event]) -> None:
    page = to_html(build_report(crafted))
    assert "@media print" in page and "@page" in page
    assert "break-inside: avoid" in page


def test_the_chart_is_accessible(crafted: list[Event]) -> None:
    page = to_html(build_report(crafted))
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in page
    assert '<title id="chart-title">Timeline of Local outage in Lyon' in page
    assert "first public message at T+34 min against a target of 30 min (✘ missed)" in page


def test_every_mark_has_a_shape_a_title_and_a_legend(crafted: list[Event]) -> None:
    chart = build_chart(build_report(crafted))
    assert chart.marks
    for mark in chart.marks:
        assert mark.shape in SHAPES and mark.title, mark
    legend = {(item.shape, item.css) for item in chart.legend}
    assert {(m.shape, m.css) for m in chart.marks} <= legend
    # in black and white, a kept and a missed promise still differ: by shape
    shapes = {item.title: item.shape for item in chart.legend}
    assert shapes["promise kept"] != shapes["promise missed"]
    assert shapes["gate passed"] != shapes["gate refused"] != shapes["gate overridden"]


def test_the_chart_shows_what_the_issue_lists(crafted: list[Event]) -> None:
    report = build_report(crafted)
    chart = build_chart(report)
    texts = [label.text for label in chart.labels]
    assert "target 30 min" in texts and "activation" in texts and "resolved" in texts
    assert "first alert" in texts
    assert [b.title for b in chart.bands] == [
        "phase 1. detect from 10:05",
        "phase 2. first-word from 10:25",
    ]
    assert "+20 min" in texts  # the unanswered promise, 20 minutes past due
    assert "+12 min" in texts  # the late one
    assert {"Gates", "Steps", "Promised updates", "Channels"} <= set(texts)
    assert any(m.title.startswith("holding on sms at 10:34 (T+34 min) by") for m in chart.marks)
    target = time_scale(report).x(at("10:30"))
    assert any(line.css == "moment target" and line.x0 == target for line in chart.lines)


def test_a_drill_inject_is_numbered_on_the_chart() -> None:
    rows: list[Row] = [
        *CRAFTED[:-1],
        (
            "11:00",
            "drill.inject",
            "trainer",
            None,
            {
                "inject": "journalist-call",
                "kind": "media",
                "text": {"en": "A journalist calls"},
                "offset_min": 60,
            },
        ),
    ]
    chart = build_chart(build_report(sealed(rows)))
    (inject,) = [m for m in chart.marks if m.css == "inject"]
    assert inject.shape == "diamond" and "A journalist calls" in inject.title
    assert any(label.text == "1" and label.css == "inject-number" for label in chart.labels)


def test_a_promise_due_far_beyond_the_record_is_drawn_at_the_edge() -> None:
    rows: list[Row] = [
        *CRAFTED[:-1],
        (
            "12:00",
            "promise.made",
            "x",
            None,
            {"due": "2026-11-25T09:00:00.000Z", "message": "update"},
        ),
    ]
    report = build_report(sealed(rows))
    assert time_scale(report).end < at("13:00")
    flags = [m for m in build_chart(report).marks if "beyond the chart" in m.title]
    assert flags and flags[0].x == PLOT_X1


def test_crowded_rows_merge_and_keep_the_worst() -> None:
    marks = [Mark(300 + i * 0.001, 50, "check", "ok", f"kept {i}") for i in range(999)]
    marks.append(Mark(300.5, 50, "cross", "late", "missed"))
    (merged,) = merge_marks(marks)
    assert merged.count == 1000 and merged.css == "late" and merged.title == "missed"


def test_ticks_stay_few_on_a_long_incident() -> None:
    rows: list[Row] = [*CRAFTED[:-1], ("23:59", "note.added", "x", None, {"text": "late night"})]
    scale = time_scale(build_report(sealed(rows)))
    ticks = scale.ticks(at("10:00"))
    assert 4 <= len(ticks) <= 11
    assert ticks[1] - ticks[0] >= timedelta(minutes=60)
    assert at("10:00") in ticks  # ticks count from activation, not from the first alert
