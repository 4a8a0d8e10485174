"""`timeline verify`: is every event intact, in order and linked to the one before it; is every
act signed by a key the roster gives; does the timeline reach every head that was witnessed?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crisisplay.timeline.chain import scan
from crisisplay.timeline.place import Place, place_of
from crisisplay.timeline.signatures import (
    STATES,
    Flaw,
    RosterKeys,
    SignatureCheck,
    check_signatures,
)
from crisisplay.timeline.witness import WitnessedHead, WitnessSource, compare, short_head


@dataclass(frozen=True)
class VerifyResult:
    """``events`` and ``head`` describe the good prefix; ``first_bad_seq`` is the position of
    the first flaw (None when ok), ``flaws`` every one of them in seq order."""

    ok: bool
    events: int
    head: str
    first_bad_seq: int | None = None
    reason: str | None = None
    flaws: tuple[Flaw, ...] = ()
    signatures: SignatureCheck = field(default_factory=SignatureCheck)
    #: the furthest head of each witness it was compared with (and the one expected)
    heads: tuple[WitnessedHead, ...] = ()

    @property
    def short_head(self) -> str:
        return short_head(self.events, self.head)

    def as_json(self) -> dict[str, object]:
        """The stable machine-readable form (DESIGN.md, "Machine-readable outputs"), then the
        signatures and witnesses it was checked against."""
        if self.ok:
            stable: dict[str, object] = {"ok": True, "events": self.events, "head": self.head}
        else:
            stable = {"ok": False, "first_bad_seq": self.first_bad_seq, "reason": self.reason}
        counts = {state.replace("-", "_"): self.signatures.count(state) for state in STATES}
        return {
            **stable,
            "short_head": self.short_head,
            "signatures": {**counts, "roster_checked": self.signatures.roster_checked},
            "witnessed": [{"seq": h.seq, "head": h.head, "source": h.source} for h in self.heads],
            "problems": [{"seq": f.seq, "reason": f.reason} for f in self.flaws],
        }


def verify(
    place: Place | Path,
    *,
    roster: RosterKeys | None = None,
    witnesses: Sequence[WitnessSource] = (),
    expect: Sequence[WitnessedHead] = (),
    require_signatures: bool = False,
) -> VerifyResult:
    """Check every line of ``path`` (JSON, fields, version, hash, prev link, seq, incident),
    every signature (against ``roster`` when given: an unsigned act of a person it gives a key
    is refused), and every head the ``witnesses`` saw or the caller ``expect``s;
    ``require_signatures`` also refuses every act of a person that is not signed by that
    person's own key."""
    where = place_of(place)
    return verify_bytes(
        where.lines(),
        where.path,
        roster=roster,
        witnesses=witnesses,
        expect=expect,
        require_signatures=require_signatures,
    )


def verify_bytes(
    data: bytes,
    path: Path,
    *,
    roster: RosterKeys | None = None,
    witnesses: Sequence[WitnessSource] = (),
    expect: Sequence[WitnessedHead] = (),
    require_signatures: bool = False,
) -> VerifyResult:
    found = scan(data)
    events = found.events
    good = len(events)
    flaws: list[Flaw] = []
    if found.broken is not None:
        at = found.broken
        flaws.append(Flaw(at.seq, f"line {at.seq}: {at.reason}"))
    elif found.torn is not None:
        flaws.append(Flaw(good + 1, _torn_reason(path, good + 1)))
    signed = any(event.sig is not None for event in events)
    lines = data.split(b"\n") if signed else []
    signatures = check_signatures(events, lines, roster, complete=found.clean)
    flaws += signatures.flaws
    if require_signatures:
        flaws += signatures.refused
    elif roster is not None:
        flaws += signatures.unsigned_by_key_holders(roster)
    incident = events[0].incident if events else None
    heads = [*expect, *(h for w in witnesses if incident for h in w.heads(incident))]
    flaws += compare(events, heads, complete=found.clean)
    flaws.sort(key=_seq)
    head, furthest = found.tip.head, _furthest(heads)
    if not flaws:
        return VerifyResult(True, good, head, signatures=signatures, heads=furthest)
    first = flaws[0]
    return VerifyResult(
        False, good, head, first.seq, first.reason, tuple(flaws), signatures, furthest
    )


def _furthest(heads: Sequence[WitnessedHead]) -> tuple[WitnessedHead, ...]:
    """The furthest head of each source (a witness holds one per act: too many to show)."""
    by_source: dict[str, WitnessedHead] = {}
    for head in heads:
        known = by_source.get(head.source)
        if known is None or head.seq > known.seq:
            by_source[head.source] = head
    return tuple(by_source.values())


def _seq(flaw: Flaw) -> int:
    return flaw.seq


def _torn_reason(path: Path, lineno: int) -> str:
    return (
        f"line {lineno}: the last line is incomplete (a write cut short by a crash); it was "
        f"never acknowledged, and the next write moves it to {path.name}.broken"
    )
