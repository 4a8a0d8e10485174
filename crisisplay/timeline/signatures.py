"""Checking who signed each act of a timeline, against the organisation's roster of keys.

An act is the run of events one writer recorded at once: each names the signer (``by``), the
last carries the signature, which covers the others through its ``prev``. Each event ends up
in one of these states:

- ``own``: signed by the key the roster gives for the person named as actor;
- ``on-behalf``: signed by another person's key (the lead typing in what the NOC said);
- ``system``: written by crisisplay itself (a repair, a drill inject), signed or not;
- ``unsigned``: no signature (crisisplay 0.1, or a person without a key);
- ``bad``: the signature does not hold (see the flaw reported at its seq).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from crisisplay.timeline.events import Event
from crisisplay.timeline.signing import public_key, signed_body, split_sig

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

#: the actors of the events crisisplay writes by itself: a repair, exercise control's injects
SYSTEM_ACTORS = frozenset({"crisisplay", "exercise-control"})
#: each person of the organisation file and the public key it gives them (None: no key)
RosterKeys = Mapping[str, "str | None"]
STATES = ("own", "on-behalf", "system", "unsigned", "bad")


@dataclass(frozen=True, slots=True)
class Flaw:
    """Something wrong at ``seq``, said for a person reading it."""

    seq: int
    reason: str


class Signed(NamedTuple):
    """An event recorded on someone's behalf: whose act, typed by whom."""

    seq: int
    actor: str
    by: str | None


@dataclass
class SignatureCheck:
    """The state of each event, as runs of consecutive seqs in one state (a long incident is a
    handful of runs, not a list as long as it), and the flaws found."""

    #: [first seq, last seq, state], in seq order
    runs: list[list[Any]] = field(default_factory=list)
    flaws: list[Flaw] = field(default_factory=list)
    #: whether signers were compared with a roster (False: only the signatures' integrity)
    roster_checked: bool = True
    #: each event recorded on someone's behalf
    on_behalf: list[Signed] = field(default_factory=list)
    #: acts the caller's policy refuses (--require-signatures, or unsigned key holders)
    refusals: list[Flaw] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(last - first + 1 for first, last, kind in self.runs if kind == state)

    def ranges(self, state: str) -> list[tuple[int, int]]:
        """The runs of seqs in ``state``, neighbouring runs joined."""
        found: list[tuple[int, int]] = []
        for first, last, kind in self.runs:
            if kind != state:
                continue
            if found and found[-1][1] + 1 == first:
                found[-1] = (found[-1][0], last)
            else:
                found.append((first, last))
        return found

    def state_of(self, seq: int) -> str | None:
        """The state of the event at ``seq`` (None: no such event was checked)."""
        at = bisect.bisect_right(self.runs, seq, key=_first) - 1
        if at < 0 or self.runs[at][1] < seq:
            return None
        return str(self.runs[at][2])

    def add(self, seq: int, state: str) -> None:
        runs = self.runs
        if runs and runs[-1][2] == state and runs[-1][1] + 1 == seq:
            runs[-1][1] = seq
        else:
            runs.append([seq, seq, state])


def _first(run: list[Any]) -> int:
    return int(run[0])


class _Keys:
    """Public keys decoded once each: a timeline holds a handful of signers."""

    def __init__(self) -> None:
        self._known: dict[str, Ed25519PublicKey | None] = {}

    def get(self, public: str) -> Ed25519PublicKey | None:
        if public not in self._known:
            self._known[public] = public_key(public)
        return self._known[public]


class SignatureWalk:
    """Every act checked as the timeline is walked, block after block: only the act still
    open at the end of a block is kept for the next one. ``require`` refuses every act of a
    person not signed by that person's own key; else, with a ``roster``, the unsigned acts of
    people it gives a key are refused."""

    def __init__(self, roster: RosterKeys | None, *, require: bool = False) -> None:
        self.roster = roster
        self.require = require
        self.check = SignatureCheck(roster_checked=roster is not None)
        self.keys = _Keys()
        #: the open act: events naming one signer whose signature has not come yet
        self.act: list[Event] = []
        self.act_lines: list[bytes] = []

    def take(self, events: Sequence[Event], lines: Sequence[bytes]) -> None:
        if not self.act and all(event.by is None for event in events):  # crisisplay 0.1
            for event in events:
                self._settle([event], None)
            return
        for event, line in zip(events, lines, strict=True):
            if self.act and event.by != self.act[0].by:
                self._unclosed()
            if event.by is None:
                self._settle([event], None)
                continue
            self.act.append(event)
            self.act_lines.append(line)
            if event.sig is not None:
                act = self.act
                self.act, self.act_lines = [], []
                self._settle(act, _act_flaw(event, line, self.roster, self.keys))

    def finish(self, *, complete: bool) -> SignatureCheck:
        if self.act:
            if complete:
                self._unclosed()
            else:
                act, self.act = self.act, []
                self._settle(act, None)
        return self.check

    def _unclosed(self) -> None:
        """Events naming a signer whose act never got its signature: lines removed or edited."""
        act, self.act, self.act_lines = self.act, [], []
        reason = (
            f"recorded by {act[0].by}, but the signature that closes the act is missing "
            "(its last event was removed or altered)"
        )
        self._settle(act, ("bad", reason))

    def _settle(self, act: Sequence[Event], flaw: tuple[str, str] | None) -> None:
        check = self.check
        if flaw is not None:
            check.flaws.append(Flaw(act[0].seq, _span(act) + flaw[1]))
        for event in act:
            state = _state(event, flaw)
            check.add(event.seq, state)
            if state == "on-behalf":
                check.on_behalf.append(Signed(event.seq, event.actor, event.by))
            refusal = self._refusal(event, state)
            if refusal is not None:
                check.refusals.append(refusal)

    def _refusal(self, event: Event, state: str) -> Flaw | None:
        if self.require:
            return _refusal(event, state)
        holds_key = self.roster is not None and self.roster.get(event.actor) is not None
        if state == "unsigned" and holds_key:
            return Flaw(
                event.seq,
                f"{event.actor}'s act is not signed, though the organisation file gives "
                f"{event.actor} a key (its signature was removed, or it was recorded without it)",
            )
        return None


def _act_flaw(
    last: Event, line: bytes, roster: RosterKeys | None, keys: _Keys
) -> tuple[str, str] | None:
    """Why the signature closing an act does not hold, or None: (state, reason)."""
    assert last.by is not None and last.sig is not None
    parts = split_sig(last.sig)
    key = None if parts is None else keys.get(parts[0])
    if parts is None or key is None:
        return "bad", f"the signature of {last.by} is not an Ed25519 signature (altered)"
    from cryptography.exceptions import InvalidSignature  # noqa: PLC0415

    try:
        key.verify(parts[1], signed_body(line))
    except InvalidSignature:
        return "bad", (
            f"bad signature of {last.by}: the act was changed after it was signed "
            "(tampering), or its events were re-chained"
        )
    if roster is None:
        return None
    if last.by not in roster:
        return "bad", f"signed by {last.by}, who is not in the organisation file"
    expected = roster[last.by]
    if expected is None:
        return "bad", (
            f"signed by {last.by}, but the organisation file gives no key for {last.by} "
            "(add the output of their `crisisplay key show`)"
        )
    if expected != parts[0]:
        return "bad", (
            f"signed with a key that is not the one the organisation file gives for {last.by} "
            "(a forged record)"
        )
    return None


def _state(event: Event, flaw: tuple[str, str] | None) -> str:
    if flaw is not None:
        return flaw[0]
    if event.actor in SYSTEM_ACTORS:
        return "system"
    if event.by is None:
        return "unsigned"
    return "own" if event.by == event.actor else "on-behalf"


def _span(act: Sequence[Event]) -> str:
    if len(act) == 1:
        return ""
    return f"act #{act[0].seq}-#{act[-1].seq}: "


def _refusal(event: Event, state: str) -> Flaw | None:
    """Why --require-signatures refuses ``event``, or None. crisisplay's own events must be
    signed too (by whoever's terminal wrote them): they are no back door."""
    if state == "own" or (state == "system" and event.by is not None):
        return None
    if state == "on-behalf":
        return Flaw(
            event.seq,
            f"recorded on behalf of {event.actor} by {event.by}, not signed by "
            f"{event.actor}'s own key",
        )
    if state == "bad":
        return Flaw(event.seq, f"{event.actor}'s act has no valid signature")
    return Flaw(event.seq, f"{event.actor}'s act is not signed")
