"""Paris time across the changes of summer time: the last Sunday of March and of October.

Events stay in UTC on disk; what a person reads or types is Paris time, which jumps from 02:00
to 03:00 on 28 March 2027 and falls back from 03:00 to 02:00 on 25 October 2026.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from crisisplay.localtime import LocalTimes
from crisisplay.report.document import build_report
from crisisplay.report.plan import Plan
from crisisplay.report.table import Times
from crisisplay.timeline.events import GENESIS, Event, NewEvent, seal
from crisisplay.timeline.export import parse_bound

ZONE = "Europe/Paris"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def test_spring_forward_skips_an_hour_of_clock_time() -> None:
    times = LocalTimes.spanning(ZONE, "fr", [utc("2027-03-28T00:30")])
    assert times.clock(utc("2027-03-28T00:30")) == "01:30"  # winter time, UTC+1
    assert times.clock(utc("2027-03-28T01:30")) == "03:30"  # summer time, UTC+2


def test_fall_back_shows_the_same_clock_time_twice() -> None:
    times = LocalTimes.spanning(ZONE, "fr", [utc("2026-10-25T00:30")])
    assert times.clock(utc("2026-10-25T00:30")) == "02:30"  # summer time, UTC+2
    assert times.clock(utc("2026-10-25T01:30")) == "02:30"  # winter time, UTC+1


def test_an_incident_across_midnight_and_the_change_shows_its_days() -> None:
    moments = [utc("2027-03-27T22:50"), utc("2027-03-28T01:10")]
    times = LocalTimes.spanning(ZONE, "fr", moments)
    assert times.with_day
    assert times.clock(moments[0]) == "sam. 27 mars 23:50"
    assert times.clock(moments[1]) == "dim. 28 mars 03:10"
    english = LocalTimes.spanning(ZONE, "en", moments)
    assert english.clock(moments[1]) == "Sun 28 Mar 03:10"


def test_since_reads_a_paris_clock_time_on_either_side_of_the_change() -> None:
    zone = LocalTimes.spanning(ZONE, "fr", []).zone
    reference = utc("2027-03-28T02:00")  # 04:00 in Paris
    assert parse_bound("01:30", reference, "--since", zone) == utc("2027-03-28T00:30")
    assert parse_bound("03:30", reference, "--since", zone) == utc("2027-03-28T01:30")
    autumn = utc("2026-10-25T03:00")  # 04:00 in Paris, winter time again
    assert parse_bound("03:30", autumn, "--since", zone) == utc("2026-10-25T02:30")
    assert parse_bound("01:00", autumn, "--since", zone) == utc("2026-10-24T23:00")


def _events(rows: list[tuple[str, str, dict[str, Any]]]) -> list[Event]:
    events, prev = [], GENESIS
    for seq, (at, kind, payload) in enumerate(rows, start=1):
        event, _ = seal(
            NewEvent(kind, "camille-roux", "cell-lead", payload, utc(at)),
            seq=seq,
            prev=prev,
            incident="20261025-0020-local-outage-dst",
        )
        events.append(event)
        prev = event.hash
    return events


def test_the_report_counts_elapsed_time_in_utc_and_writes_paris_time() -> None:
    events = _events(
        [
            ("2026-10-25T00:20", "incident.activated", {
                "scenario": "local-outage", "title": "Coupure", "lang": "fr", "drill": False,
                "lead_role": "cell-lead", "first_message_target_min": 30,
                "update_interval_min": 60,
            }),
            ("2026-10-25T00:20", "fact.set", {"fact": "started_at", "value": "02:10",
                                              "source": "answer"}),
            ("2026-10-25T01:40", "note.added", {"text": "après le changement d'heure"}),
        ]
    )  # fmt: skip
    report = build_report(events, Plan("local-outage", zone=ZONE))
    times = Times(report)
    assert report.reading.times.zone_label == "heure de Paris"
    assert times.at(utc("2026-10-25T00:20")).text == "02:20 (T+0 min)"  # summer time
    # an hour and twenty minutes later, though the clock only moved by twenty minutes
    assert times.at(utc("2026-10-25T01:40")).text == "02:40 (T+1 h 20 min)"
    # the start given as 02:10 in Paris is read before the activation, in summer time
    assert report.kpis.incident.alert_at == utc("2026-10-25T00:10")
