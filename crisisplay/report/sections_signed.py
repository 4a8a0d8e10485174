"""The report's first section: whether the whole record verified, with its head, and for each
decision whether it was signed by the person named.

``with_record`` adds the check to a report read from a timeline file (``report.run``); a report
built from events alone (no file to verify) says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crisisplay.attestation import RecordCheck, expected_logins
from crisisplay.home import Home
from crisisplay.report.document import Report
from crisisplay.report.lazy import listed, mapped
from crisisplay.report.table import Cell, Section, Times, rows_of
from crisisplay.texts import t
from crisisplay.timeline.events import Event, parse_time
from crisisplay.timeline.place import Place
from crisisplay.timeline.signatures import STATES
from crisisplay.timeline.verify import VerifyResult

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
_TONES = {"own": "ok", "bad": "late"}


@dataclass(frozen=True, slots=True)
class Decided:
    """A decision as the record's table shows it: what is kept of its event."""

    seq: int
    time: str
    kind: str
    actor: str
    by: str | None
    #: the payload's fields the table reads (gate, message, step, text, reason), as pairs
    fields: tuple[tuple[str, Any], ...]

    @property
    def at(self) -> datetime:
        return parse_time(self.time)

    @property
    def payload(self) -> dict[str, Any]:
        return dict(self.fields)


@dataclass(frozen=True)
class SignedDecision:
    seq: int
    event: Decided
    state: str
    by: str | None
    #: the login the shared store recorded, when it is not the one the actor logs in with
    login: str | None = None


@dataclass(frozen=True)
class SignedReport(Report):
    record: RecordCheck | None = None
    decisions: Sequence[SignedDecision] = ()

    def as_json(self) -> dict[str, Any]:
        return {**super().as_json(), "record": record_json(self)}


class Decisions:
    """The decisions of a timeline as it is walked: of each, only what its row shows (the
    texts a publication carried are in the report's own sections)."""

    _KEPT = ("gate", "message", "step", "text", "reason")

    def __init__(self) -> None:
        self.found: list[Decided] = []

    def take(self, events: Sequence[Event]) -> None:
        kept = self._KEPT
        for e in events:
            if e.kind in DECISIONS:
                fields = tuple((key, e.payload[key]) for key in kept if key in e.payload)
                self.found.append(Decided(e.seq, e.time, e.kind, e.actor, e.by, fields))


def with_record(
    report: Report, home: Home, place: Place, check: RecordCheck, decisions: Decisions
) -> Report:
    """``report`` with the check of the timeline it was read from and its decisions."""
    signatures = check.result.signatures
    logins = place.logins()
    expected = expected_logins(home) if logins else {}

    def login(decided: Decided) -> str | None:
        found = logins.get(decided.seq)
        return found if found and found != expected.get(decided.actor, decided.actor) else None

    def signed(decided: Decided) -> SignedDecision:
        state = signatures.state_of(decided.seq) or "unsigned"
        return SignedDecision(decided.seq, decided, state, decided.by, login(decided))

    fields = {name: getattr(report, name) for name in Report.__dataclass_fields__}
    return SignedReport(**fields, record=check, decisions=mapped(decisions.found, signed))


def record(r: Report) -> Section:
    lang = r.reading.lang
    check = r.record if isinstance(r, SignedReport) else None
    if check is None:
        return Section("record", _t("title", lang), _t("no_file", lang), (), ())
    times = Times(r)

    def row(d: SignedDecision) -> tuple[Cell | str, ...]:
        return (
            str(d.seq),
            times.at(d.event.at),
            _what(d.event, r),
            _on_behalf_of(d, r),
            _signed(d, r),
        )

    rows = mapped(r.decisions if isinstance(r, SignedReport) else (), row)
    return Section(
        "record",
        _t("title", lang),
        _verdict(check, lang),
        tuple(_t("headers", lang).split(" | ")),
        rows_of(rows),
        _t("empty", lang),
    )


def _witness(result: VerifyResult, lang: str) -> str:
    if not result.heads:
        return _t("no_witness", lang)
    furthest = max(head.seq for head in result.heads)
    reaches = _t("reaches" if result.events >= furthest else "falls_short", lang)
    return _t("witnessed", lang, seq=furthest, reaches=reaches)


def _t(key: str, lang: str, **values: Any) -> str:
    return t(f"record.{key}", lang, **values)


def _verdict(check: RecordCheck, lang: str) -> str:
    result = check.result
    if result.ok:
        verdict = _t("verified", lang, events=result.events)
    else:
        seq, reason = result.first_bad_seq, result.reason
        verdict = _t("broken", lang, problems=len(result.flaws), seq=seq, reason=reason)
    signatures = result.signatures
    counts = {state.replace("-", "_"): signatures.count(state) for state in STATES}
    return " ".join(
        (
            verdict,
            _t("head", lang, head=result.short_head),
            _t("counts", lang, **counts),
            _witness(result, lang),
        )
    )


def _what(event: Decided, r: Report) -> str:
    """The decision in the reader's words: its kind, what it was about, its text."""
    w, payload = r.reading, event.payload
    gate, message = payload.get("gate"), payload.get("message")
    name = w.gate(gate) if gate else w.message(message) if message else payload.get("step")
    text = payload.get("text") or payload.get("reason")
    parts = [_t(f"kind.{event.kind}", w.lang), *(str(p) for p in (name, text) if p)]
    return " ".join(parts)


def _on_behalf_of(decision: SignedDecision, r: Report) -> str:
    """Who the decision names, and the login that recorded it when that is someone else's."""
    who = r.reading.person(decision.event.actor)
    if decision.login is None:
        return who
    return f"{who} {_t('login', r.reading.lang, login=decision.login)}"


def _signed(decision: SignedDecision, r: Report) -> Cell:
    who = {"actor": r.reading.person(decision.event.actor), "by": r.reading.person(decision.by)}
    text = _t(decision.state, r.reading.lang, **who)
    return Cell(text, _TONES.get(decision.state, ""))


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
        "decisions": listed(report.decisions, _decision_json),
    }


def _decision_json(d: SignedDecision) -> dict[str, Any]:
    return {
        "seq": d.seq,
        "kind": d.event.kind,
        "actor": d.event.actor,
        "by": d.by,
        "login": d.login,
        "state": d.state,
    }
