"""`timeline verify`: is every event intact, in order and linked to the one before it; is every
act signed by a key the roster gives; does the timeline reach every head that was witnessed?"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crisisplay.timeline.chain import Break, Walk
from crisisplay.timeline.events import Event
from crisisplay.timeline.place import Place, place_of
from crisisplay.timeline.signatures import (
    STATES,
    Flaw,
    RosterKeys,
    SignatureCheck,
    SignatureWalk,
)
from crisisplay.timeline.witness import HeadCheck, WitnessedHead, WitnessSource, short_head


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
    #: where the chain breaks before its end (what follows the break was not read)
    broken: Break | None = None
    #: the size of a torn last line (a write a crash cut short, never acknowledged)
    torn_bytes: int = 0

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


#: what else reads the events while they are verified: each block of good events, in order
Reader = Callable[[Sequence[Event]], object]


def verify(
    place: Place | Path,
    *,
    roster: RosterKeys | None = None,
    witnesses: Sequence[WitnessSource] = (),
    expect: Sequence[WitnessedHead] = (),
    require_signatures: bool = False,
    readers: Sequence[Reader] = (),
) -> VerifyResult:
    """Check every line of ``path`` (JSON, fields, version, hash, prev link, seq, incident),
    every signature (against ``roster`` when given: an unsigned act of a person it gives a key
    is refused), and every head the ``witnesses`` saw or the caller ``expect``s;
    ``require_signatures`` also refuses every act of a person that is not signed by that
    person's own key. The timeline is read block by block, each block of good events handed
    to the ``readers`` as it is checked: one walk serves them all, in the memory of one block."""
    where = place_of(place)
    return _verified(
        where.walk(), where.path, roster, witnesses, expect, require_signatures, readers
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
    """:func:`verify` of a timeline's bytes already in memory (a transfer)."""
    return _verified(
        Walk([data], len(data)), path, roster, witnesses, expect, require_signatures, ()
    )


def _verified(
    walk: Walk,
    path: Path,
    roster: RosterKeys | None,
    witnesses: Sequence[WitnessSource],
    expect: Sequence[WitnessedHead],
    require_signatures: bool,
    readers: Sequence[Reader],
) -> VerifyResult:
    signing = SignatureWalk(roster, require=require_signatures)
    heads: HeadCheck | None = None
    for events, lines in walk:
        if heads is None and events:
            incident = events[0].incident
            heads = HeadCheck([*expect, *(h for w in witnesses for h in w.heads(incident))])
        if heads is not None:
            heads.take(events)
        signing.take(events, lines)
        for reader in readers:
            reader(events)
    found = walk.end
    good = walk.events
    heads = heads or HeadCheck(expect)
    flaws: list[Flaw] = []
    if found.broken is not None:
        at = found.broken
        flaws.append(Flaw(at.seq, f"line {at.seq}: {at.reason}"))
    elif found.torn is not None:
        flaws.append(Flaw(good + 1, _torn_reason(path, good + 1)))
    signatures = signing.finish(complete=found.clean)
    flaws += signatures.flaws
    flaws += signatures.refusals
    flaws += heads.flaws(good, complete=found.clean)
    flaws.sort(key=_seq)
    head, furthest = found.tip.head, _furthest(heads.heads)
    torn = len(found.torn or b"")
    if not flaws:
        return VerifyResult(True, good, head, signatures=signatures, heads=furthest)
    first = flaws[0]
    return VerifyResult(
        False,
        good,
        head,
        first.seq,
        first.reason,
        tuple(flaws),
        signatures,
        furthest,
        broken=found.broken,
        torn_bytes=torn,
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
