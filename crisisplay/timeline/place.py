"""Where an incident's timeline is: a file, or an incident of the cell's shared store.

A :class:`Place` is chosen once, from the path or the store URL and incident id the command was
given, and passed to whatever reads or records the incident: nothing looks a store up anywhere
else. Both kinds have a local path: the file itself, or this laptop's copy of the shared
incident, beside which the lead board's lock and the outbox are kept. psycopg is imported only
when a shared place is used.
"""

from __future__ import annotations

import abc
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from crisisplay.timeline.chain import Walk
from crisisplay.timeline.events import Event
from crisisplay.timeline.outbox import Outbox, send_pending
from crisisplay.timeline.pgquery import read_logins, stream_lines
from crisisplay.timeline.pgstore import PgStore
from crisisplay.timeline.recorder import Recorder
from crisisplay.timeline.store import (
    ReadResult,
    TimelineStore,
    damaged,
    read_events,
    read_timeline_blocks,
    timeline_size,
)

if TYPE_CHECKING:
    from crisisplay.timeline.pgconn import StoreTarget
    from crisisplay.timeline.pgstore import PgStore


class Place(abc.ABC):
    """An incident's timeline, wherever it is kept."""

    path: Path

    @abc.abstractmethod
    def recorder(self, *, incident: str | None = None) -> Recorder:
        """A recorder of this timeline; ``incident`` starts it (its first event)."""

    @abc.abstractmethod
    def read(self) -> ReadResult:
        """Every event, chain checked."""

    @abc.abstractmethod
    def blocks(self) -> Iterator[bytes]:
        """The timeline's lines as a file holds them, a block at a time."""

    def walk(self) -> Walk:
        """A walk of the timeline's chain, block by block (see :class:`Walk`)."""
        return Walk(self.blocks(), self.size_hint())

    def size_hint(self) -> int:
        """About how many bytes the timeline holds (0: unknown)."""
        return 0

    def settle(self) -> None:  # noqa: B027 - a file holds nothing elsewhere
        """Make what this machine recorded part of what is read (a shared incident's events
        still waiting in this laptop's outbox go to the server first)."""

    def stream(self) -> EventStream:
        """Every good event, read block by block (what folds a long incident)."""
        self.settle()
        return EventStream(self, self.walk())

    def logins(self) -> dict[int, str]:
        """The login the store authenticated for each event, by seq (a file knows none)."""
        return {}

    @property
    @abc.abstractmethod
    def option(self) -> str:
        """How a command names it again (``--timeline FILE``, ``--incident ID``)."""

    def __str__(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class TimelineFile(Place):
    """A timeline in a JSON Lines file: the embedded store."""

    path: Path

    def recorder(self, *, incident: str | None = None) -> TimelineStore:
        return TimelineStore(self.path, incident=incident)

    def read(self) -> ReadResult:
        return read_events(self.path)

    def blocks(self) -> Iterator[bytes]:
        return read_timeline_blocks(self.path)

    def size_hint(self) -> int:
        return timeline_size(self.path)

    @property
    def option(self) -> str:
        return f"--timeline {shlex.quote(str(self.path))}"


@dataclass(frozen=True)
class SharedTimeline(Place):
    """An incident of a shared store, and where this laptop keeps what is local to it."""

    target: StoreTarget
    incident: str
    path: Path

    @property
    def outbox(self) -> Path:
        return self.path.with_name(self.path.name + ".outbox")

    def recorder(self, *, incident: str | None = None) -> PgStore:

        outbox = Outbox(self.outbox, self.target.label)
        create = incident is not None
        store = PgStore(
            self.target, self.incident, create=create, keep_offline=outbox.keep, mirror=self.path
        )
        if not create:
            send_pending(store, outbox, quiet_if_unreachable=True)
        return store

    def read(self) -> ReadResult:
        store = self.recorder()
        try:
            return ReadResult(store.read_new(), None)
        finally:
            store.close()

    def blocks(self) -> Iterator[bytes]:
        return stream_lines(self.target, self.incident)

    def settle(self) -> None:
        self.recorder().close()  # sends what the outbox holds, as a recorder does first

    def logins(self) -> dict[int, str]:
        return read_logins(self.target, self.incident)

    @property
    def option(self) -> str:
        return f"--incident {shlex.quote(self.incident)}"

    def __str__(self) -> str:
        return f"{self.incident} ({self.target.label})"


class EventStream:
    """The good events of a place in order, read block by block; a chain broken before its
    end raises when the walk reaches the break (the events before it were given already).
    Once it is over, :attr:`torn_tail` is a torn last line's bytes (None if there was none)."""

    def __init__(self, place: Place, walk: Walk) -> None:
        self.place = place
        self.walk = walk

    def __iter__(self) -> Iterator[Event]:
        for events, _ in self.walk:
            yield from events
        broken = self.walk.end.broken
        if broken is not None:
            raise damaged(self.place, broken, "cannot use it")

    @property
    def torn_tail(self) -> bytes | None:
        return self.walk.end.torn


def place_of(where: Path | Place) -> Place:
    """A place from a path (a timeline file) or a place already chosen."""
    return where if isinstance(where, Place) else TimelineFile(Path(where))
