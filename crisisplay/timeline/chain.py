"""Walking a timeline's bytes line by line and checking the hash chain as it goes.

Shared by the readers, `verify` and the store (which catches up incrementally from the last
offset it knows), so that all of them agree on what a good, torn or broken timeline is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

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


def _scan(
    buf: bytes,
    tip: ChainTip,
    hashed: bool,
    lines: list[bytes] | None = None,
    *,
    final: bool = True,
) -> Scan:
    """``final``: ``buf`` ends where the timeline ends (else a bad last line is no tear)."""
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
            line = buf[pos:end]
            event = parse_line(line, hashed=hashed)
            if (
                event.seq != seq + 1
                or event.prev != head
                or (incident is not None and event.incident != incident)
            ):
                raise BadLine(_unlinked(event, ChainTip(seq, head, incident)))
        except BadLine as exc:
            last = ChainTip(seq, head, incident)
            kept = _last_line(buf, events, pos)
            if final and exc.unparsable and end + 1 == size and not _whole_event(buf[pos:end]):
                return Scan(events, last, pos, kept, torn=buf[pos:])
            return Scan(events, last, pos, kept, broken=Break(seq + 1, exc.reason))
        events.append(event)
        if lines is not None:
            lines.append(line)
        seq, head, incident = event.seq, event.hash, event.incident
        pos = end + 1
    torn = buf[pos:] if pos < size else None
    return Scan(events, ChainTip(seq, head, incident), pos, _last_line(buf, events, pos), torn)


@dataclass
class Walk:
    """A timeline walked block by block, so that reading it takes memory for one block, not for
    the whole incident: iterating gives each block's good events and their lines (the line of
    ``events[i]`` is ``lines[i]``, without its newline); once it is over, :attr:`end` says what
    the whole walk found (its ``events`` are left empty) exactly as :func:`scan` of the whole
    buffer would. The last line read is always held back until the next block (or the end) is
    seen, so a bad last line is judged torn or broken as it would be on the whole file.
    """

    blocks: Iterable[bytes]
    size_hint: int = 0
    #: the event just before the first block (START: the blocks are the whole timeline)
    start: ChainTip = START
    end: Scan = field(default_factory=lambda: Scan([], START, 0))
    #: how many good events were walked, and the time of the last one
    events: int = 0
    last_time: str | None = None

    def __iter__(self) -> Iterator[tuple[list[Event], list[bytes]]]:
        tip, carry, offset = self.start, b"", 0
        self.end = Scan([], tip, 0)
        last: bytes | None = None
        with no_cycle_collection(self.size_hint // 1000):
            for block in self.blocks:
                buf = carry + block if carry else block
                final_newline = buf.rfind(b"\n")
                cut = buf.rfind(b"\n", 0, final_newline) + 1 if final_newline > 0 else 0
                if cut == 0:
                    carry = buf
                    continue
                found = self._step(buf[:cut], tip, offset, last, final=False)
                yield found
                if self.end.broken is not None:
                    return
                tip, last, offset, carry = self.end.tip, self.end.last_line, offset + cut, buf[cut:]
            if carry:
                yield self._step(carry, tip, offset, last, final=True)
            else:
                self.end = Scan([], tip, offset, last)

    def _step(
        self, buf: bytes, tip: ChainTip, offset: int, last: bytes | None, *, final: bool
    ) -> tuple[list[Event], list[bytes]]:
        lines: list[bytes] = []
        found = _scan(buf, tip, True, lines, final=final)
        if found.events:
            self.events += len(found.events)
            self.last_time = found.events[-1].time
        self.end = Scan(
            [],
            found.tip,
            offset + found.good_end,
            found.last_line or last,
            found.torn,
            found.broken,
        )
        return found.events, lines


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
