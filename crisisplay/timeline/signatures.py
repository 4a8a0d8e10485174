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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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


@dataclass
class SignatureCheck:
    """The state of each event (``states[i]`` is that of ``events[i]``) and the flaws found."""

    events: Sequence[Event] = ()
    states: list[str] = field(default_factory=list)
    flaws: list[Flaw] = field(default_factory=list)
    #: whether signers were compared with a roster (False: only the signatures' integrity)
    roster_checked: bool = True

    def count(self, state: str) -> int:
        return self.states.count(state)

    def having(self, state: str) -> list[Event]:
        return [e for e, s in zip(self.events, self.states, strict=True) if s == state]

    def seqs(self, state: str) -> list[int]:
        return [e.seq for e in self.having(state)]

    @property
    def refused(self) -> list[Flaw]:
        """Acts of a person not signed by that person's own key (--require-signatures)."""
        pairs = zip(self.events, self.states, strict=True)
        return [flaw for e, s in pairs if (flaw := _refusal(e, s)) is not None]

    def unsigned_by_key_holders(self, roster: RosterKeys) -> list[Flaw]:
        """Unsigned acts of people the organisation file gives a key: their signature was
        removed, or someone recorded in their name without any key. (People without a key,
        and timelines of an organisation that gives none, stay merely unsigned.)"""
        pairs = zip(self.events, self.states, strict=True)
        return [
            Flaw(
                e.seq,
                f"{e.actor}'s act is not signed, though the organisation file gives "
                f"{e.actor} a key (its signature was removed, or it was recorded without it)",
            )
            for e, s in pairs
            if s == "unsigned" and roster.get(e.actor) is not None
        ]


class _Keys:
    """Public keys decoded once each: a timeline holds a handful of signers."""

    def __init__(self) -> None:
        self._known: dict[str, Ed25519PublicKey | None] = {}

    def get(self, public: str) -> Ed25519PublicKey | None:
        if public not in self._known:
            self._known[public] = public_key(public)
        return self._known[public]


def check_signatures(
    events: Sequence[Event], lines: Sequence[bytes], roster: RosterKeys | None, *, complete: bool
) -> SignatureCheck:
    """Check every act of ``events`` (``lines`` are their lines, in the same order).
    ``complete``: the events are the whole timeline, so an act left open at the end is a flaw."""
    check = SignatureCheck(events, roster_checked=roster is not None)
    if all(event.by is None for event in events):  # unsigned throughout: crisisplay 0.1
        check.states = ["system" if e.actor in SYSTEM_ACTORS else "unsigned" for e in events]
        return check
    keys = _Keys()
    start = 0  # the first event of the act being read
    for index, event in enumerate(events):
        if index > start and event.by != events[start].by:
            _unclosed(check, events[start:index])
            start = index
        if event.by is None:
            _attest(check, [event], None)
            start = index + 1
        elif event.sig is not None:
            act = events[start : index + 1]
            _attest(check, act, _act_flaw(event, lines[index], roster, keys))
            start = index + 1
    if start < len(events):
        if complete:
            _unclosed(check, events[start:])
        else:
            _attest(check, events[start:], None)
    return check


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


def _attest(check: SignatureCheck, act: Sequence[Event], flaw: tuple[str, str] | None) -> None:
    if flaw is not None:
        check.flaws.append(Flaw(act[0].seq, _span(act) + flaw[1]))
    check.states += [_state(event, flaw) for event in act]


def _state(event: Event, flaw: tuple[str, str] | None) -> str:
    if flaw is not None:
        return flaw[0]
    if event.actor in SYSTEM_ACTORS:
        return "system"
    if event.by is None:
        return "unsigned"
    return "own" if event.by == event.actor else "on-behalf"


def _unclosed(check: SignatureCheck, act: Sequence[Event]) -> None:
    """Events naming a signer whose act never got its signature: lines removed or edited."""
    reason = (
        f"recorded by {act[0].by}, but the signature that closes the act is missing "
        "(its last event was removed or altered)"
    )
    _attest(check, act, ("bad", reason))


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
