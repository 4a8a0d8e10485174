"""The report's first section: whether the whole record verified, with its head, and for each
decision whether it was signed by the person named.

``with_record`` adds the check to a report read from a timeline file (``report.run``); a report
built from events alone (no file to verify) says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crisisplay.attestation import RecordCheck, check_record, signature_summary, witness_summary
from crisisplay.home import Home
from crisisplay.report import fmt
from crisisplay.report.document import Report
from crisisplay.report.table import Cell, Section, Times, rows_of
from crisisplay.timeline.events import Event

DECISIONS = (
    "incident.activated",
    "gate.passed",
    "gate.refused",
    "gate.overridden",
    "decision.logged",
    "message.published",
    "step.skipped",
    "incident.resolved",
)
_SIGNED = {
    "own": ("signed by {actor}", "ok"),
    "on-behalf": ("recorded on their behalf by {by}", ""),
    "system": ("written by crisisplay", ""),
    "unsigned": ("unsigned", ""),
    "bad": ("signature does not hold", "late"),
}


@dataclass(frozen=True)
class SignedDecision:
    seq: int
    event: Event
    state: str
    by: str | None


@dataclass(frozen=True)
class SignedReport(Report):
    record: RecordCheck | None = None
    decisions: tuple[SignedDecision, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {**super().as_json(), "record": record_json(self)}


def with_record(report: Report, home: Home, path: Path, events: Sequence[Event]) -> Report:
    """``report`` with the check of the file it was read from."""
    check = check_record(home, path)
    by_seq = {e.seq: e for e in events if e.kind in DECISIONS}
    signatures = check.result.signatures
    decisions = tuple(
        SignedDecision(e.seq, by_seq[e.seq], state, e.by)
        for e, state in zip(signatures.events, signatures.states, strict=True)
        if e.seq in by_seq
    )
    fields = {name: getattr(report, name) for name in Report.__dataclass_fields__}
    return SignedReport(**fields, record=check, decisions=decisions)


def record(r: Report) -> Section:
    check = r.record if isinstance(r, SignedReport) else None
    if check is None:
        return Section("record", "The record", "Not verified: no timeline file.", (), ())
    times = Times(r)
    rows = [
        (
            str(d.seq),
            times.at(d.event.at),
            _what(d.event),
            d.event.actor,
            _signed(d),
        )
        for d in (r.decisions if isinstance(r, SignedReport) else ())
    ]
    return Section(
        "record",
        "The record",
        _verdict(check),
        ("#", "at (UTC)", "decision", "named", "signature"),
        rows_of(rows),
        "No decision recorded.",
    )


def _verdict(check: RecordCheck) -> str:
    result = check.result
    head = result.short_head
    if result.ok:
        verdict = f"Verified: the whole record holds ({fmt.count(result.events, 'event')})."
    else:
        verdict = (
            f"NOT verified: {fmt.count(len(result.flaws), 'problem')}, the first at seq "
            f"{result.first_bad_seq}: {result.reason}."
        )
    return (
        f"{verdict} Head {head}: written down, it lets timeline verify --expect {head} check "
        f"any copy. Signatures: {signature_summary(check)}. Witness: {witness_summary(result)}."
    )


def _what(event: Event) -> str:
    payload = event.payload
    name = payload.get("gate") or payload.get("message") or payload.get("step")
    text = payload.get("text") or payload.get("reason") or payload.get("scenario")
    parts = [event.kind, *(str(p) for p in (name, text) if p)]
    return " ".join(parts)


def _signed(decision: SignedDecision) -> Cell:
    text, tone = _SIGNED[decision.state]
    return Cell(text.format(actor=decision.event.actor, by=decision.by), tone)


def record_json(report: SignedReport) -> dict[str, Any] | None:
    check = report.record
    if check is None:
        return None
    result = check.result
    return {
        "verified": result.ok,
        "events": result.events,
        "head": result.head,
        "short_head": result.short_head,
        "problems": [{"seq": f.seq, "reason": f.reason} for f in result.flaws],
        "decisions": [
            {
                "seq": d.seq,
                "kind": d.event.kind,
                "actor": d.event.actor,
                "by": d.by,
                "state": d.state,
            }
            for d in report.decisions
        ],
    }
