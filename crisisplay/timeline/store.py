"""The timeline store: appends that are on disk before they are acknowledged, and readers.

Every append opens its own descriptor, takes an exclusive `flock`, catches up with whatever other
writers appended since (checking the chain), writes its line(s) with one `write`, and `fsync`s
before returning. A line torn by a crash is moved to `<timeline>.broken` and the repair recorded;
a damaged line followed by good ones is tampering and is never "repaired". Readers take a shared
lock (so they never see a half-written line of a live writer) and never modify the file.

Each act is signed in the seal step when the store has a signer, and once it is on disk the new
head goes to the witness (``crisisplay.timeline.recording`` gives both to the command line's
stores).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from crisisplay.errors import Location, NotRecorded, TimelineError
from crisisplay.infile import NOT_REGULAR, open_regular
from crisisplay.timeline.chain import START, Break, ChainTip, Walk, scan
from crisisplay.timeline.events import (
    MAX_LINE_BYTES,
    Event,
    NewEvent,
    Signer,
    format_time,
    parse_time,
    seal,
)
from crisisplay.timeline.fileio import (
    check_size,
    describe,
    fsync_dir,
    lock_exclusive,
    lock_shared_if_possible,
    pread_exactly,
    write_all,
)
from crisisplay.timeline.mounts import refuse_network_filesystem
from crisisplay.timeline.recorder import Recorder
from crisisplay.timeline.recording import CURRENT, Current, current
from crisisplay.timeline.vocabulary import TimelineRepaired, new_event
from crisisplay.timeline.witness import HeadWitness, witness_head

FILE_MODE = 0o640
REPAIR_ACTOR = "crisisplay"


@dataclass(frozen=True)
class ReadResult:
    """The good events of a timeline, and the bytes of a torn last line if a crash left one."""

    events: list[Event]
    torn_tail: bytes | None


def read_events(path: Path) -> ReadResult:
    """Every event of ``path``, chain checked; a damaged chain raises TimelineError."""
    found = scan(read_timeline_bytes(path))
    if found.broken is not None:
        raise damaged(path, found.broken, "cannot use it")
    return ReadResult(found.events, found.torn)


def read_timeline_bytes(path: Path) -> bytes:
    """The whole file, read under a shared lock so a live writer's line is never half seen."""
    return b"".join(read_timeline_blocks(path))


#: the size of the blocks a timeline is read in
BLOCK_BYTES = 1 << 20


def read_timeline_blocks(path: Path) -> Iterator[bytes]:
    """The file a block at a time, under a shared lock held until the last block is read."""
    try:
        with open_regular(path) as file:
            lock_shared_if_possible(file.fileno())
            check_size(path, os.fstat(file.fileno()).st_size, "is")
            while block := file.read(BLOCK_BYTES):
                yield block
    except FileNotFoundError:
        raise TimelineError(f"no timeline at {path}") from None
    except OSError as exc:
        raise TimelineError(f"cannot read the timeline {path}: {describe(exc)}") from None


def _blocks(fd: int, start: int, end: int) -> Iterator[bytes]:
    """The bytes of ``fd`` from ``start`` to ``end``, a block at a time."""
    offset = start
    while offset < end:
        block = pread_exactly(fd, offset, min(BLOCK_BYTES, end - offset))
        if not block:
            return  # shrank under us (a writer ignoring the lock): the walk ends there
        yield block
        offset += len(block)


def timeline_size(path: Path) -> int:
    """The file's size now, 0 when it cannot be seen (the read then says why)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def damaged(path: object, at: Break, consequence: str) -> TimelineError:
    """The error for a chain broken before its last line: tampering or corruption."""
    return TimelineError(
        f"the timeline is damaged at seq {at.seq}: {at.reason}; {consequence}",
        location=Location(str(path), at.seq),
        hint="see `crisisplay timeline verify`; a damaged timeline is never repaired automatically",
    )


@dataclass(slots=True)
class _View:
    """What this store knows of the file: which file, how far it has checked, the chain tip,
    and the last good line (to notice the file being rewritten behind our back)."""

    ident: tuple[int, int] | None = None
    offset: int = 0
    tip: ChainTip = START
    last_line: bytes | None = None
    #: the time of the last event: no event is recorded earlier than it
    last_time: str = ""

    def advance(
        self, size: int, tip: ChainTip, last_line: bytes | None, last_time: str | None
    ) -> None:
        self.offset += size
        self.tip = tip
        if last_line is not None:
            self.last_line = last_line
        if last_time is not None:
            self.last_time = last_time


class TimelineStore(Recorder):
    """Appends events to one timeline file; safe with several writers and processes at once.

    ``incident`` is needed to start a timeline (its first event); without it the store only
    joins an existing one and takes the incident from its first event. When given for an
    existing timeline it must match. ``signer`` signs each act, ``witness`` is told each new
    head (by default, those the command line set: see ``crisisplay.timeline.recording``).
    """

    def __init__(
        self,
        path: Path,
        *,
        incident: str | None = None,
        signer: Signer | Current | None = CURRENT,
        witness: HeadWitness | Current | None = CURRENT,
    ) -> None:
        self.path = Path(path)
        self._incident = incident
        self._signer = current().signer if signer is CURRENT else signer
        self._witness = current().witness if witness is CURRENT else witness
        #: why the last head could not be witnessed (the append itself is on disk)
        self.witness_failed: str | None = None
        self._view = _View()
        self._filesystem_checked = False
        #: the last seq handed to the caller (by commit or read_new)
        self._delivered = 0
        #: an event was dated later than its clock said, to stay after the last one
        self.clock_behind = False

    @property
    def tip(self) -> ChainTip:
        """The chain tip as of this store's last append (other writers may have moved on)."""
        return self._view.tip

    @property
    def signer(self) -> Signer | None:
        """Who signs what this store records (None: nothing is signed)."""
        return self._signer

    def commit_if(self, news: Sequence[NewEvent], expect: int | None) -> tuple[list[Event], bool]:
        """Check and append as one step: ``news`` is recorded only if the timeline still ends
        at seq ``expect`` (what the caller decided on), under the lock. Returns what was
        appended since this store last looked, and whether ``news`` were recorded; when they
        were not, the caller folds the others' events and decides again."""
        if not news:
            return self.read_new(), False
        if not self._filesystem_checked:
            refuse_network_filesystem(self.path)
            self._filesystem_checked = True
        if self._signer is not None:
            self._signer.unlock()  # a passphrase typed now keeps nobody else waiting
        fd = self._open()
        try:
            lock_exclusive(fd, self.path)
            seen: list[Event] = []
            torn = self._catch_up(fd, seen)
            incident = self._incident_for_writing()
            if expect is not None and self._view.tip.seq != expect:
                return seen, False
            if torn is not None:
                seen += self._repair(fd, torn, news[0], incident)
            return seen + self._commit(fd, news, incident), True
        finally:
            os.close(fd)  # also releases the lock

    def read_new(self) -> list[Event]:
        """The events appended since this store last looked (all of them the first time),
        under a shared lock; a torn last line is left for the next writer to repair."""
        seen: list[Event] = []
        self.read_new_into(seen.extend)
        return seen

    def read_new_into(self, take: Callable[[list[Event]], object]) -> None:
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            if self._incident is None:
                raise TimelineError(
                    f"no timeline at {self.path}",
                    hint="start one with `crisisplay activate`, or give --timeline FILE",
                ) from None
            return
        except OSError as exc:
            raise TimelineError(f"cannot read the timeline {self.path}: {describe(exc)}") from None
        try:
            lock_shared_if_possible(fd)
            try:
                self._read_new_lines(fd, take)
            except OSError as exc:
                self._view = _View()
                raise TimelineError(
                    f"cannot read the timeline {self.path}: {describe(exc)}"
                ) from None
        finally:
            os.close(fd)

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_APPEND | os.O_CLOEXEC
        if self._incident is not None:
            flags |= os.O_CREAT
        try:
            fd = os.open(self.path, flags | os.O_NONBLOCK, FILE_MODE)
        except FileNotFoundError:
            if self._incident is None:
                raise TimelineError(f"no timeline at {self.path}") from None
            raise self._not_recorded(f"its folder {self.path.parent} does not exist") from None
        except OSError as exc:
            raise self._not_recorded(f"cannot open it for writing: {describe(exc)}") from exc
        if not S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise self._not_recorded(f"it is {NOT_REGULAR}")
        os.set_blocking(fd, True)
        return fd

    def _catch_up(self, fd: int, seen: list[Event]) -> bytes | None:
        """Check what other writers appended since our last look (added to ``seen``); return a
        torn tail if any."""
        try:
            return self._read_new_lines(fd, seen.extend)
        except OSError as exc:
            self._view = _View()
            raise self._not_recorded(f"cannot read it: {describe(exc)}") from exc

    def _read_new_lines(self, fd: int, take: Callable[[list[Event]], object]) -> bytes | None:
        """Check what was appended since the last look, a block at a time, handing each block's
        new events to ``take``; return a torn tail if any."""
        stat = os.fstat(fd)
        check_size(self.path, stat.st_size, "is")
        view = self._view
        if (
            (stat.st_dev, stat.st_ino) != view.ident
            or stat.st_size < view.offset
            or not _still_ends_with(fd, view)
        ):
            # A new file, or one that shrank or changed behind us: check it all again.
            self._view = view = _View(ident=(stat.st_dev, stat.st_ino))
        elif stat.st_size == view.offset:
            return None  # nothing new since our last look: a lone writer's every append
        start = view.offset
        walk = Walk(_blocks(fd, start, stat.st_size), stat.st_size - start, view.tip)
        for events, _ in walk:
            self._deliver(events, take)
        found = walk.end
        if found.broken is not None:
            self._view = _View()
            raise damaged(self.path, found.broken, "refusing to write to it")
        view.advance(found.good_end, found.tip, found.last_line, walk.last_time)
        return found.torn

    def _deliver(self, events: list[Event], take: Callable[[list[Event]], object]) -> None:
        # After a failed write the view starts over from the top: what was delivered already
        # is not delivered twice.
        if not events:
            return
        if events[0].seq <= self._delivered:
            events = [e for e in events if e.seq > self._delivered]
        if events:
            take(events)
            self._delivered = max(self._delivered, events[-1].seq)

    def _incident_for_writing(self) -> str:
        known = self._view.tip.incident
        if known is None:
            if self._incident is None:
                raise TimelineError(
                    f"{self.path} has no complete event yet, so its incident is unknown",
                    hint="start the incident with `crisisplay activate`",
                )
            return self._incident
        if self._incident is not None and self._incident != known:
            raise TimelineError(f"{self.path} is the timeline of {known!r}, not {self._incident!r}")
        return known

    def _repair(self, fd: int, torn: bytes, cause: NewEvent, incident: str) -> list[Event]:
        """Move a crash's torn last line aside, cut it off, and record that we did."""
        broken = self.path.with_name(self.path.name + ".broken")
        broken_offset = self._keep_torn_bytes(broken, torn)
        try:
            os.ftruncate(fd, self._view.offset)
            os.fsync(fd)
        except OSError as exc:
            self._view = _View()
            raise self._not_recorded(f"cannot cut off its torn last line: {describe(exc)}") from exc
        repaired = TimelineRepaired(
            bytes=len(torn),
            sha256=hashlib.sha256(torn).hexdigest(),
            broken=broken.name,
            broken_offset=broken_offset,
            offset=self._view.offset,
        )
        # Dated like the write that found the tear: the store never reads the wall clock.
        note = new_event(repaired, REPAIR_ACTOR, None, cause.time)
        return self._commit(fd, [note], incident)

    def _keep_torn_bytes(self, broken: Path, torn: bytes) -> int:
        """Append ``torn`` to the .broken file, durably; return where it starts there."""
        try:
            fd = os.open(broken, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
        except OSError as exc:
            raise self._not_recorded(f"cannot open {broken}: {describe(exc)}") from exc
        try:
            start = os.fstat(fd).st_size
            write_all(fd, torn if torn.endswith(b"\n") else torn + b"\n")
            os.fsync(fd)
            if start == 0:
                fsync_dir(broken)
        except OSError as exc:
            raise self._not_recorded(f"cannot keep its torn last line: {describe(exc)}") from exc
        finally:
            os.close(fd)
        return start

    def _commit(self, fd: int, news: Sequence[NewEvent], incident: str) -> list[Event]:
        """Seal ``news`` after the tip, write them with one write, fsync; undo on failure."""
        events, data = self._seal_all(news, incident)
        start = self._view.offset
        try:
            if start == 0:
                fsync_dir(self.path)  # the file may be new: its name must survive a crash too
            write_all(fd, data)
            os.fsync(fd)  # never retried: after a failed fsync the page cache cannot be trusted
        except OSError as exc:
            self._abandon(fd, start)
            raise self._not_recorded(describe(exc)) from exc
        except BaseException:
            self._abandon(fd, start)
            raise
        last = events[-1]
        self._delivered = last.seq
        last_line = data[data.rfind(b"\n", 0, len(data) - 1) + 1 :]
        tip = ChainTip(last.seq, last.hash, last.incident)
        self._view.advance(len(data), tip, last_line, last.time)
        if self._witness is not None:  # after the fsync: only a head that is on disk
            self.witness_failed = witness_head(self._witness, last, self.path)
        return events

    def _seal_all(self, news: Sequence[NewEvent], incident: str) -> tuple[list[Event], bytes]:
        tip = self._view.tip
        events: list[Event] = []
        lines: list[bytes] = []
        prev = tip.head
        floor = self._view.last_time
        signer, closing = self._signer, tip.seq + len(news)
        for seq, asked in enumerate(news, start=tip.seq + 1):
            new = asked
            if floor and format_time(asked.time) < floor:
                # A clock behind the timeline (stepped back, another machine): the record
                # stays in order, and the caller is told once (``clock_behind``).
                new = dataclasses.replace(asked, time=parse_time(floor))
                self.clock_behind = True
            event, line = seal(
                new, seq=seq, prev=prev, incident=incident, signer=signer, closes_act=seq == closing
            )
            if len(line) > MAX_LINE_BYTES:
                raise TimelineError(
                    f"cannot record event: it takes {len(line)} bytes, more than the "
                    f"{MAX_LINE_BYTES} a timeline line may hold"
                )
            events.append(event)
            lines.append(line)
            prev = event.hash
        data = b"".join(lines)
        check_size(self.path, self._view.offset + len(data), "would grow to")
        return events, data

    def _abandon(self, fd: int, start: int) -> None:
        """Best effort to leave no partial line; the file's state is now uncertain, so the
        next append checks it again from the start."""
        with contextlib.suppress(OSError):
            os.ftruncate(fd, start)
        self._view = _View()

    def _not_recorded(self, reason: str) -> NotRecorded:
        return NotRecorded(f"event NOT recorded: {reason} ({self.path})")


def _still_ends_with(fd: int, view: _View) -> bool:
    """Whether the last line we checked is still where we left it (cheap rewrite detection)."""
    if view.last_line is None:
        return True
    size = len(view.last_line)
    return os.pread(fd, size, view.offset - size) == view.last_line
