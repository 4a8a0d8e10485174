"""Walking a timeline's bytes line by line and checking the hash chain as it goes.

Shared by the readers, `verify` and the store (which catches up incrementally from the last
offset it knows), so that all of them agree on what a good, torn or broken timeline is.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.timeline.bulk import no_cycle_collection
from crisisplay.timeline.events import GENESIS, VERSION, BadLine, Event, parse_line

_CR = ord("\r")
_FIRST_FIELD = b'{"actor":'
_LAST_FIELD = b',"v":' + str(VERSION).encode() + b"}"
_CRLF = (
    "the line ends with CR LF: the file was converted to Windows line endings (by an editor or "
    "a transfer); convert it back (dos2unix) and verify again"
)


@dataclass(frozen=True, slots=True)
class ChainTip:
    """Where a chain stands after its last good event: what the next one must link to."""

    seq: int = 0
    head: str = GENESIS
    incident: str | None = None


START = ChainTip()


@dataclass(frozen=True, slots=True)
class Break:
    """The first place the chain breaks. ``seq`` is the position (the line's ordinal), which is
    the seq the event there should have had, whatever its own seq field now says."""

    seq: int
    reason: str


@dataclass(frozen=True, slots=True)
class Scan:
    """What a walk over a buffer found: the good events, the tip after them, how many bytes
    they take, and either a torn last line (a crash mid-write) or a break (tampering)."""

    events: list[Event]
    tip: ChainTip
    good_end: int
    last_line: bytes | None = None
    torn: bytes | None = None
    broken: Break | None = None

    @property
    def clean(self) -> bool:
        return self.torn is None and self.broken is None


def scan(buf: bytes, tip: ChainTip = START, *, hashed: bool = True) -> Scan:
    """Walk ``buf`` (which starts right after the event ``tip`` describes).

    ``hashed=False``: each line's own hash is not computed again (lines the shared store's
    append function hashed as it took them); order, links and shapes are checked all the same.
    """
    with no_cycle_collection(len(buf) // 1000):
        return _scan(buf, tip, hashed)


def _scan(buf: bytes, tip: ChainTip, hashed: bool) -> Scan:
    events: list[Event] = []
    pos, size = 0, len(buf)
    seq, head, incident = tip.seq, tip.head, tip.incident  # locals: this loop runs per event
    while pos < size:
        end = buf.find(b"\n", pos)
        if end < 0:
            break
        try:
            if end > pos and buf[end - 1] == _CR:
                raise BadLine(_CRLF)
            event = parse_line(buf[pos:end], hashed=hashed)
            if (
                event.seq != seq + 1
                or event.prev != head
                or (incident is not None and event.incident != incident)
            ):
                raise BadLine(_unlinked(event, ChainTip(seq, head, incident)))
        except BadLine as exc:
            last = ChainTip(seq, head, incident)
            line = _last_line(buf, events, pos)
            if exc.unparsable and end + 1 == size and not _whole_event(buf[pos:end]):
                return Scan(events, last, pos, line, torn=buf[pos:])
            return Scan(events, last, pos, line, broken=Break(seq + 1, exc.reason))
        events.append(event)
        seq, head, incident = event.seq, event.hash, event.incident
        pos = end + 1
    torn = buf[pos:] if pos < size else None
    return Scan(events, ChainTip(seq, head, incident), pos, _last_line(buf, events, pos), torn)


def _whole_event(line: bytes) -> bool:
    """Whether a line has an event's whole shape, first field to last. A crash leaves a prefix,
    zeros or stale blocks, never that: such a line that does not parse was damaged afterwards
    (a flipped bit, an edit), which is tampering to report, not a tear to repair."""
    return line.startswith(_FIRST_FIELD) and line.endswith(_LAST_FIELD)


def _unlinked(event: Event, tip: ChainTip) -> str:
    """Why ``event`` does not follow ``tip``."""
    if event.seq != tip.seq + 1:
        return (
            f"seq is {event.seq} where {tip.seq + 1} was expected "
            "(an event was deleted, duplicated or moved)"
        )
    if event.prev != tip.head:
        if not tip.seq:
            return "prev of the first event is not 64 zeros"
        return (
            f"prev does not match the hash of #{tip.seq} "
            "(an earlier event was edited, removed or reordered)"
        )
    return f"incident is {event.incident!r}, the timeline's is {tip.incident!r}"


def _last_line(buf: bytes, events: list[Event], end: int) -> bytes | None:
    """The last good line of ``buf`` with its newline (kept to notice a rewrite later)."""
    if not events:
        return None
    start = buf.rfind(b"\n", 0, end - 1) + 1
    return buf[start:end]
