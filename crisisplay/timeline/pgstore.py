"""The shared store: one incident's timeline in PostgreSQL, for a cell on several laptops.

It behaves like the file store (same canonical lines, same chain, same ``commit_if``): events
are sealed here after the head this store knows, and ``crisisplay.append`` records them only if
that is still the head, under a per-incident lock. Each commit carries one client-made event id
per event, kept across retries: after a dropped connection or a server restart the same lines go
again, and the server answers ``duplicate`` if the first try had landed. Nothing is reported as
recorded unless the server said so. Each act is signed in the seal step, as in the file store;
the server stores the line verbatim, and its head is the shared incident's witness.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from crisisplay.errors import CrisisplayError, NotRecorded, TimelineError, UsageError
from crisisplay.timeline import mirror, outbox
from crisisplay.timeline.bulk import BULK, no_cycle_collection
from crisisplay.timeline.chain import ChainTip, scan
from crisisplay.timeline.events import (
    GENESIS,
    MAX_LINE_BYTES,
    Event,
    NewEvent,
    Signer,
    format_time,
    parse_time,
    seal,
)
from crisisplay.timeline.pgconn import (
    StoreTarget,
    StoreUnreachable,
    check_schema,
    connect,
    is_connection_lost,
)
from crisisplay.timeline.pgschema import LOCK_SECONDS
from crisisplay.timeline.recorder import Recorder
from crisisplay.timeline.recording import CURRENT, Current, current

if TYPE_CHECKING:
    import psycopg

    Connection = psycopg.Connection[tuple[Any, ...]]

T = TypeVar("T")
#: what the store does with an act it could not share: keep it (an outbox) or let it fail
KeepOffline = Callable[[Sequence[NewEvent], Sequence[uuid.UUID], "int | None"], None]

# Arrays go in binary: a line full of quotes costs nothing to escape.
_APPEND = "SELECT status, seq, hash FROM crisisplay.append(%s, %s, %s, %b, %b, %b)"
_READ = "SELECT line FROM crisisplay.events WHERE incident = %s AND seq > %s ORDER BY seq"
_LANDED = "SELECT count(*) FROM crisisplay.events WHERE incident = %s AND event_id = ANY (%s)"


class PgStore(Recorder):
    """Appends to and reads one incident of a shared store; safe with many writers.

    ``create``: this store starts the incident (its first commit must be the first event).
    ``retry_for``: how long a lost connection is retried before the act counts as unreachable.
    """

    def __init__(
        self,
        target: StoreTarget,
        incident: str,
        *,
        create: bool = False,
        retry_for: float = 30.0,
        keep_offline: KeepOffline | None = None,
        mirror: Path | None = None,
        signer: Signer | Current | None = CURRENT,
    ) -> None:
        self.target = target
        self._signer = current().signer if signer is CURRENT else signer
        self.incident = incident
        self.retry_for = retry_for
        self.keep_offline = keep_offline
        self.mirror = mirror
        #: read from this laptop's copy: the server could not be reached
        self.offline = False
        self.clock_behind = False
        self._create = create
        self._conn: Connection | None = None
        self._tip = ChainTip(0, GENESIS, incident)
        self._last_time = ""
        self._connected_once = False

    @property
    def tip(self) -> ChainTip:
        return self._tip

    def trusted_now(self) -> datetime | None:
        """The server's clock, the one every member's act is held against; this machine's
        kernel's while the server is out of reach (the act then waits in the outbox)."""
        if self.offline:
            return super().trusted_now()
        try:
            row = self._call(lambda c: c.execute("SELECT clock_timestamp()").fetchone())
        except StoreUnreachable:
            return super().trusted_now()
        moment = row[0] if row else None
        return moment if isinstance(moment, datetime) else None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------ the recorder's interface

    @property
    def signer(self) -> Signer | None:
        """Who signs what this store records (None: nothing is signed)."""
        return self._signer

    def commit_if(self, news: Sequence[NewEvent], expect: int | None) -> tuple[list[Event], bool]:
        if not news:
            return self.read_new(), False
        return self.commit_ids(news, [uuid.uuid4() for _ in news], expect)

    def read_new(self) -> list[Event]:
        """The events recorded since this store last looked, chain checked."""
        start = self._tip.seq
        # a first read may bring a whole incident: its many small objects hold no cycles
        with no_cycle_collection(BULK if start == 0 else 0):
            try:
                rows = self._call(lambda c: c.execute(_READ, (self.incident, start)).fetchall())
            except StoreUnreachable:
                if self.mirror is None or start != 0 or self._create:
                    raise
                return self._from_mirror(self.mirror)
            if not rows:
                if start == 0 and not self._create:
                    self._require_incident()
                return []
            data = ("\n".join([row[0] for row in rows]) + "\n").encode("utf-8")
            events = self._take(data)
        if self.mirror is not None:
            mirror.keep(self.mirror, data, whole=start == 0)
        return events

    def _from_mirror(self, path: Path) -> list[Event]:
        data = mirror.read(path)
        if data is None:
            raise StoreUnreachable(
                f"cannot reach the shared store ({self.target.label}), and this laptop has no "
                f"copy of incident {self.incident}"
            )
        events = self._take(data, hashed=True)
        self.offline = True

        outbox.notice(
            f"the shared store ({self.target.label}) cannot be reached: this is this laptop's "
            f"copy of the incident, up to #{self._tip.seq}"
        )
        return events

    # ------------------------------------------------------------ commits with event ids

    def commit_ids(
        self, news: Sequence[NewEvent], ids: Sequence[uuid.UUID], expect: int | None
    ) -> tuple[list[Event], bool]:
        """``commit_if`` with the caller's event ids (an outbox resends with the ones it kept).
        When the server cannot be reached, ``keep_offline`` gets the act (or it fails)."""
        try:
            return self._commit_ids(news, ids, expect)
        except StoreUnreachable:
            if self.keep_offline is None:
                raise
            self.keep_offline(news, ids, expect)
            raise

    def landed(self, ids: Sequence[uuid.UUID]) -> bool:
        """Whether the events of these ids are on the server already (an earlier send of the
        same act, whose answer or "sent" mark was lost)."""
        row = self._call(lambda c: c.execute(_LANDED, (self.incident, list(ids))).fetchone())
        return row is not None and int(row[0]) == len(ids) > 0

    def _commit_ids(
        self, news: Sequence[NewEvent], ids: Sequence[uuid.UUID], expect: int | None
    ) -> tuple[list[Event], bool]:
        seen: list[Event] = []
        if not self._create and self._tip.seq == 0:
            # an act on an incident is on one that exists: only an activation, a drill or a
            # push starts one (a mistyped --incident never makes one)
            seen += self.read_new()
        while True:
            if expect is not None and self._tip.seq != expect:
                seen += self.read_new()
                if self._tip.seq != expect:
                    return seen, False
            events, lines = self._seal(news)
            status, seq = self._append_lines(events, lines, ids)
            if status == "recorded":
                self._advance(events)
                return seen + events, True
            if status == "duplicate":  # an earlier try landed: take it as the server has it
                seen += self.read_new()
                return seen, True
            if self._create and self._tip.seq == 0 and seq > 0:
                raise UsageError(
                    f"incident {self.incident} already exists in the shared store "
                    f"({self.target.label})"
                )
            seen += self.read_new()
            if expect is not None:
                return seen, False

    def append_lines(self, lines: Sequence[bytes], ids: Sequence[uuid.UUID]) -> tuple[str, int]:
        """Record lines sealed elsewhere (a pushed file), verbatim, after the current head."""
        found = scan(b"".join(lines), self._tip)
        if not found.clean or len(found.events) != len(lines):
            raise TimelineError("these lines do not follow the shared incident's chain")
        status, seq = self._append_lines(found.events, [x.rstrip(b"\n") for x in lines], ids)
        if status in ("recorded", "duplicate"):  # ids made from the lines: the same lines
            self._advance(found.events)
        return status, seq

    def _append_lines(
        self, events: Sequence[Event], lines: Sequence[bytes], ids: Sequence[uuid.UUID]
    ) -> tuple[str, int]:
        args = (
            self.incident,
            self._tip.seq,
            self._tip.head,
            list(ids),
            [e.hash for e in events],
            [line.decode("utf-8") for line in lines],
        )
        row = self._call(lambda c: c.execute(_APPEND, args).fetchone(), writing=True)
        assert row is not None
        return str(row[0]), int(row[1] or 0)

    def _seal(self, news: Sequence[NewEvent]) -> tuple[list[Event], list[bytes]]:
        events: list[Event] = []
        lines: list[bytes] = []
        prev, floor = self._tip.head, self._last_time
        signer, closing = self._signer, self._tip.seq + len(news)
        for seq, asked in enumerate(news, start=self._tip.seq + 1):
            new = asked
            if floor and format_time(asked.time) < floor:
                new = dataclasses.replace(asked, time=parse_time(floor))
                self.clock_behind = True
            event, line = seal(
                new,
                seq=seq,
                prev=prev,
                incident=self.incident,
                signer=signer,
                closes_act=seq == closing,
            )
            if len(line) > MAX_LINE_BYTES:
                raise TimelineError(
                    f"cannot record event: it takes {len(line)} bytes, more than the "
                    f"{MAX_LINE_BYTES} a timeline line may hold"
                )
            events.append(event)
            lines.append(line[:-1])
            prev = event.hash
        return events, lines

    def _take(self, data: bytes, *, hashed: bool = False) -> list[Event]:
        """The events of ``data``, after this store's tip. Lines from the server are not hashed
        again: the append function hashed each as it took it, and the server refuses any change
        to a recorded event (order and links are checked all the same; `timeline verify` and a
        pull hash every line again). This laptop's copy is hashed like any file."""
        found = scan(data, self._tip, hashed=hashed)
        if not found.clean:
            reason = found.broken.reason if found.broken else "a line is incomplete"
            raise TimelineError(
                f"the shared incident {self.incident} is damaged after seq {found.tip.seq}: "
                f"{reason}"
            )
        self._advance(found.events)
        return found.events

    def _advance(self, events: Sequence[Event]) -> None:
        if events:
            last = events[-1]
            self._tip = ChainTip(last.seq, last.hash, self.incident)
            self._last_time = max(self._last_time, last.time)

    def _require_incident(self) -> None:
        row = self._call(
            lambda c: c.execute(
                "SELECT 1 FROM crisisplay.incidents WHERE id = %s", (self.incident,)
            ).fetchone()
        )
        if row is None:
            raise TimelineError(
                f"no incident {self.incident} in the shared store ({self.target.label})",
                hint="see `crisisplay incidents`",
            )

    # ------------------------------------------------------------ the connection

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed:
            conn = connect(self.target)
            try:
                check_schema(conn, self.target)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
            self._connected_once = True
        return self._conn

    def _call(self, run: Callable[[Connection], T], *, writing: bool = False) -> T:
        """``run`` on the connection; a lost one is reopened and ``run`` tried again (every
        call here is safe to repeat: reads, and appends carrying their event ids). A server
        that cannot be reached at all on the first try is reported at once."""
        import psycopg  # noqa: PLC0415

        deadline: float | None = None
        pause = 0.05
        while True:
            try:
                return run(self._connection())
            except (psycopg.Error, StoreUnreachable) as exc:
                if isinstance(exc, psycopg.Error) and not is_connection_lost(exc):
                    raise self._refused(exc, writing) from None
                if isinstance(exc, StoreUnreachable) and not self._connected_once:
                    raise
                self._drop()
                now = time.monotonic()
                if deadline is None:
                    deadline = now + self.retry_for
                if now >= deadline:
                    raise StoreUnreachable(
                        f"lost the shared store ({self.target.label}) and could not get it "
                        "back: the act is NOT known to be recorded"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 1.0)

    def _refused(self, exc: Exception, writing: bool) -> CrisisplayError:
        state = getattr(exc, "sqlstate", None) or ""
        if state == "42501":
            return UsageError(
                f"this login may not write to the shared store ({self.target.label})",
                hint="the store's owner grants crisisplay_member to each member's login",
            )
        if state == "55P03":  # the append function's lock timeout
            return NotRecorded(
                f"the shared incident is locked by another session for more than {LOCK_SECONDS} "
                "s: NOT recorded"
            )
        diag = getattr(exc, "diag", None)
        primary = getattr(diag, "message_primary", None) or type(exc).__name__
        if writing:
            return NotRecorded(f"event NOT recorded: the shared store refused it ({primary})")
        return TimelineError(f"the shared store ({self.target.label}) refused: {primary}")

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None
