"""Report benchmarks: the after-action report of a 100,000-event incident against the fold alone.

    .venv/bin/python benchmarks/bench_report.py [--events 100000]

The timeline is a long, busy incident (not 100k notes): facts corrected, gates refused and
passed, updates rendered for six channels and published every few minutes with a promised next
update, steps, roster gaps, escalations, notes and decisions, then resolution and post-crisis
work. "ours" is the whole report from the events in memory (the fold, the KPIs and the output in
one format); the floor is `fold(events)` alone, the projection every reader of a timeline pays.
Uses the helpers of bench_timeline.py (Row, timed, report).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from bench_timeline import START, Row, report, timed

from crisisplay.report.run import render_events
from crisisplay.timeline.events import GENESIS, Event, NewEvent, format_time, seal
from crisisplay.timeline.state import fold

CHANNELS = ["x", "facebook", "sms", "status-page", "bluesky", "mastodon"]
#: a report may cost this many folds (it folds once, then measures and writes)
TARGETS = {"md": 4.0, "json": 4.0, "html": 6.0}
REPEATS = 3


def busy_incident(count: int) -> list[Event]:
    """``count`` events of one long incident, hash-chained as the store would write them."""
    events, prev = [], GENESIS
    for seq, (offset, kind, actor, payload) in enumerate(_script(count), start=1):
        new = NewEvent(kind, actor, "cell-lead", payload, START + timedelta(seconds=offset))
        event, _ = seal(new, seq=seq, prev=prev, incident="bench-incident")
        events.append(event)
        prev = event.hash
    return events


def _script(count: int) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    yield (
        0,
        "incident.activated",
        "lead",
        {
            "scenario": "nationwide-outage",
            "title": "Bench",
            "lang": "en",
            "drill": False,
            "lead_role": "cell-lead",
            "first_message_target_min": 30,
            "update_interval_min": 60,
        },
    )
    made, cycle = 1, 0
    closing = 8
    while made < count - closing:
        for item in _cycle(cycle):
            if made >= count - closing:
                break
            yield item
            made += 1
        cycle += 1
    end = cycle * 300 + 60
    yield end, "incident.resolved", "lead", {}
    for i, action in enumerate(["compensate", "recontact", "report-h6", "report-d2", "review"]):
        yield end + 60 + i, "post.done", "lead", {"action": action}
    yield end + 120, "walkthrough.completed", "lead", {}
    yield end + 121, "note.added", "lead", {"text": "closed"}


def _cycle(n: int) -> Iterator[tuple[int, str, str, dict[str, Any]]]:
    """Five minutes of a busy cell: about 25 events."""
    t = n * 300
    step = f"step-{n % 20}"
    yield t, "step.started", "lead", {"step": step, "phase": f"phase-{n % 5}"}
    yield t + 5, "fact.set", "noc", {"fact": f"fact-{n % 12}", "value": n, "source": "correction"}
    yield t + 10, "gate.refused", "noc", {"gate": f"gate-{n % 6}", "comment": "figure to check"}
    yield t + 20, "gate.passed", "noc", {"gate": f"gate-{n % 6}", "comment": "confirmed"}
    yield t + 21, "fact.validated", "noc", {"gate": f"gate-{n % 6}", "facts": [f"fact-{n % 12}"]}
    for i in range(5):
        yield t + 30 + i, "note.added", "monitoring", {"text": f"Mentions up again #{n}.{i}"}
    yield t + 40, "decision.logged", "lead", {"text": f"Hold the press line #{n}"}
    if n % 10 == 0:
        yield t + 45, "role.gap", "lead", {"role": f"role-{n % 7}", "reason": "off duty"}
        yield t + 90, "role.assigned", "lead", {"role": f"role-{n % 7}", "person": "p"}
        yield (
            t + 50,
            "escalation.fired",
            "lead",
            {"rule": f"rule-{n % 9}", "role": "legal", "because": "viral"},
        )
        yield (
            t + 95,
            "escalation.done",
            "lead",
            {"rule": f"rule-{n % 9}", "role": "legal", "person": "julie"},
        )
    due = format_time(START + timedelta(seconds=t + 300 + (n % 3) * 60))
    for channel in CHANNELS:
        yield (
            t + 120,
            "message.rendered",
            "cm",
            {
                "message": "update",
                "kind": "update",
                "channel": channel,
                "lang": "en",
                "sha256": "0" * 64,
                "length": 200,
                "ok": True,
                "next_update": due,
            },
        )
    yield (
        t + 120,
        "message.channel_skipped",
        "cm",
        {"message": "update", "kind": "update", "channel": "push", "reason": "data down"},
    )
    yield (
        t + 121,
        "message.published",
        "cm",
        {
            "message": "update",
            "kind": "update",
            "channels": CHANNELS,
            "lang": "fr",
            "public": True,
            "gates_overridden": [],
        },
    )
    yield t + 121, "promise.made", "cm", {"promise": "next-update", "due": due, "message": "update"}
    yield t + 200, "step.done", "lead", {"step": step, "phase": f"phase-{n % 5}", "checklist": []}


def report_rows(events: list[Event]) -> list[Row]:
    rows = []
    for fmt, target in TARGETS.items():
        ours, floor = [], []
        for _ in range(REPEATS):  # interleaved and best-of, against other load on the machine
            ours.append(timed(lambda f=fmt: render_events(events, f)))
            floor.append(timed(lambda: fold(events)))
        rows.append(Row(f"report {fmt} {len(events)} events", min(ours), min(floor), target))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small run that only checks the benchmark still works",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.events = 2000
    events = busy_incident(args.events)
    sizes = {fmt: len(render_events(events, fmt)) for fmt in TARGETS}
    rows = report_rows(events)
    print(report(rows))
    print("sizes: " + ", ".join(f"{fmt} {size / 1e6:.1f} MB" for fmt, size in sizes.items()))
    return 0 if all(row.ratio <= row.target for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
