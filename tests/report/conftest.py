"""A small crafted timeline whose KPIs are computed by hand in test_report_kpis.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from crisisplay.timeline.events import GENESIS, Event, NewEvent, canonical_line, seal

DAY = "2026-11-23"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = f"Lyon {SCRIPT} {IMG}"
#: the region after its correction: still hostile, as the report shows facts as they ended
FINAL_REGION = f"{HOSTILE} and Villeurbanne"

Row = tuple[str, str, str, str | None, dict[str, Any]]


def at(clock: str) -> datetime:
    return datetime.fromisoformat(f"{DAY}T{clock}:00+00:00").astimezone(timezone.utc)


def iso(clock: str) -> str:
    return f"{DAY}T{clock}:00.000Z"


def sealed(rows: Sequence[Row], incident: str = "20261123-1000-local-outage-test") -> list[Event]:
    """Events with a valid hash chain, from (HH:MM, kind, actor, role, payload) rows."""
    events: list[Event] = []
    prev = GENESIS
    for seq, (clock, kind, actor, role, payload) in enumerate(rows, start=1):
        event, _ = seal(
            NewEvent(kind, actor, role, payload, at(clock)), seq=seq, prev=prev, incident=incident
        )
        events.append(event)
        prev = event.hash
    return events


def write(path: Path, events: Sequence[Event]) -> Path:
    path.write_bytes(b"".join(canonical_line(e) for e in events))
    return path


LEAD = "camille-roux"

CRAFTED: list[Row] = [
    (
        "10:00",
        "incident.activated",
        LEAD,
        "cell-lead",
        {
            "scenario": "local-outage",
            "title": "Local outage in Lyon",
            "lang": "en",
            "drill": False,
            "lead_role": "cell-lead",
            "first_message_target_min": 30,
            "update_interval_min": 60,
            "alert_at": iso("09:48"),
        },
    ),
    (
        "10:00",
        "fact.set",
        LEAD,
        "cell-lead",
        {"fact": "region", "value": HOSTILE, "source": "answer"},
    ),
    (
        "10:01",
        "severity.assessed",
        LEAD,
        "cell-lead",
        {"level": "serious", "suggested": "serious", "overridden": False, "because": "one city"},
    ),
    (
        "10:02",
        "role.gap",
        LEAD,
        "cell-lead",
        {"role": "legal", "reason": "nobody on call", "detected": True},
    ),
    (
        "10:03",
        "escalation.fired",
        LEAD,
        "cell-lead",
        {"rule": "viral", "role": "comms-director", "because": "trending"},
    ),
    ("10:05", "phase.entered", LEAD, "cell-lead", {"phase": "detect"}),
    ("10:05", "step.started", LEAD, "cell-lead", {"step": "confirm-alert", "phase": "detect"}),
    (
        "10:08",
        "step.done",
        LEAD,
        "cell-lead",
        {"step": "confirm-alert", "phase": "detect", "checklist": []},
    ),
    (
        "10:09",
        "step.skipped",
        LEAD,
        "cell-lead",
        {"step": "social-sweep", "phase": "detect", "reason": "no media interest yet"},
    ),
    (
        "10:10",
        "gate.refused",
        "noc-duty",
        "noc-liaison",
        {"gate": "noc-scope", "validator": "noc-duty", "comment": "figure wrong"},
    ),
    (
        "10:14",
        "gate.passed",
        "noc-duty",
        "noc-liaison",
        {"gate": "noc-scope", "validator": "noc-duty", "comment": "confirmed"},
    ),
    (
        "10:15",
        "fact.validated",
        "noc-duty",
        "noc-liaison",
        {"gate": "noc-scope", "facts": ["region"]},
    ),
    (
        "10:16",
        "escalation.done",
        LEAD,
        "cell-lead",
        {"rule": "viral", "role": "comms-director", "person": "anne-lefevre"},
    ),
    (
        "10:20",
        "fact.set",
        LEAD,
        "cell-lead",
        {"fact": "region", "value": FINAL_REGION, "source": "correction"},
    ),
    (
        "10:22",
        "gate.overridden",
        LEAD,
        "cell-lead",
        {"gate": "noc-scope", "reason": "the lead goes on"},
    ),
    ("10:25", "phase.entered", LEAD, "cell-lead", {"phase": "first-word"}),
    (
        "10:25",
        "step.started",
        LEAD,
        "cell-lead",
        {"step": "publish-holding", "phase": "first-word"},
    ),
    (
        "10:34",
        "message.channel_skipped",
        LEAD,
        "cell-lead",
        {"message": "holding", "kind": "holding", "channel": "push", "reason": "data is down"},
    ),
    (
        "10:34",
        "message.published",
        LEAD,
        "cell-lead",
        {
            "message": "holding",
            "kind": "holding",
            "channels": ["sms", "x"],
            "lang": "fr",
            "public": True,
            "gates_overridden": ["noc-scope"],
        },
    ),
    (
        "10:34",
        "promise.made",
        LEAD,
        "cell-lead",
        {"promise": "next-update", "due": iso("11:00"), "message": "holding"},
    ),
    (
        "10:40",
        "message.published",
        LEAD,
        "cell-lead",
        {
            "message": "internal-brief",
            "kind": "internal-brief",
            "channels": ["internal"],
            "lang": "fr",
            "public": False,
            "gates_overridden": [],
        },
    ),
    (
        "10:45",
        "role.assigned",
        LEAD,
        "cell-lead",
        {"role": "legal", "person": "julie-fabre", "via": "assigned", "on_duty": False},
    ),
    (
        "10:50",
        "severity.assessed",
        LEAD,
        "cell-lead",
        {"level": "critical", "suggested": "serious", "overridden": True, "reason": "media"},
    ),
    (
        "10:50",
        "escalation.fired",
        LEAD,
        "cell-lead",
        {"rule": "executive", "role": "executive-sponsor", "because": "critical"},
    ),
    ("11:00", "role.gap", LEAD, "cell-lead", {"role": "moderation", "reason": "off sick"}),
    (
        "11:12",
        "message.published",
        "ines-haddad",
        "cm-lead",
        {
            "message": "update",
            "kind": "update",
            "channels": ["facebook", "x"],
            "lang": "fr",
            "public": True,
            "gates_overridden": [],
        },
    ),
    (
        "11:12",
        "promise.made",
        "ines-haddad",
        "cm-lead",
        {"promise": "next-update", "due": iso("11:45"), "message": "update"},
    ),
    ("11:15", "step.started", LEAD, "cell-lead", {"step": "press", "phase": "first-word"}),
    (
        "11:40",
        "message.published",
        "ines-haddad",
        "cm-lead",
        {
            "message": "resolution",
            "kind": "resolution",
            "channels": ["facebook", "sms", "x"],
            "lang": "fr",
            "public": True,
            "gates_overridden": [],
        },
    ),
    ("11:40", "incident.resolved", LEAD, "cell-lead", {"step": "announce-resolution"}),
    (
        "11:41",
        "promise.made",
        LEAD,
        "cell-lead",
        {"promise": "next-update", "due": iso("11:50"), "message": "resolution"},
    ),
    ("11:50", "post.done", LEAD, "cell-lead", {"action": "compensate", "kind": "compensation"}),
    ("11:55", "post.done", LEAD, "cell-lead", {"action": "report-h6"}),
    ("11:56", "post.skipped", LEAD, "cell-lead", {"action": "review", "reason": "next week"}),
    (
        "12:00",
        "message.skipped",
        LEAD,
        "cell-lead",
        {"message": "faq", "kind": "faq", "reason": "not needed"},
    ),
    ("12:05", "note.added", IMG, "monitoring", {"text": f"Call centre says {SCRIPT}"}),
    ("12:10", "walkthrough.completed", LEAD, "cell-lead", {}),
]


@pytest.fixture
def crafted() -> list[Event]:
    return sealed(CRAFTED)
