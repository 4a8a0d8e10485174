"""What every store of a timeline does, whatever keeps it: one recorder interface.

A recorder records an incident's events durably and hands each event to its reader once, chain
checked. ``commit_if`` is the one write: it records an act only if the timeline still ends where
its maker decided it (check and append as one step), and returns what others appended since, so
a caller's folded state always equals a fresh fold. The file store
(:class:`crisisplay.timeline.store.TimelineStore`) and the shared PostgreSQL store
(:class:`crisisplay.timeline.pgstore.PgStore`) implement it; one contract test class holds both
to it.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from crisisplay.timeline.chain import ChainTip
from crisisplay.timeline.events import Event, NewEvent


class Recorder(abc.ABC):
    """Appends to and reads one incident's timeline."""

    #: an event was dated later than its maker's clock said, to stay after the last one
    clock_behind: bool = False

    @property
    @abc.abstractmethod
    def tip(self) -> ChainTip:
        """The chain's end as this recorder last saw it."""

    @abc.abstractmethod
    def commit_if(self, news: Sequence[NewEvent], expect: int | None) -> tuple[list[Event], bool]:
        """Record ``news`` (all or none) if the timeline still ends at seq ``expect`` (None:
        wherever it ends); return every event appended since this recorder last looked (the
        others', then these) and whether ``news`` were recorded."""

    @abc.abstractmethod
    def read_new(self) -> list[Event]:
        """The events appended since this recorder last looked (all of them the first time)."""

    def read_new_into(self, take: Callable[[list[Event]], object]) -> None:
        """What :meth:`read_new` returns, handed to ``take`` a block at a time: a store that
        can read in blocks joins a long incident in the memory of one block."""
        take(self.read_new())

    def commit(self, news: Sequence[NewEvent]) -> list[Event]:
        """Record ``news`` wherever the timeline ends; every event appended since the last look."""
        return self.commit_if(news, None)[0]

    def append_many(self, news: Sequence[NewEvent]) -> list[Event]:
        """Record ``news`` (all or none); the events they became."""
        return self.commit(news)[-len(news) :] if news else []

    def append(self, new: NewEvent) -> Event:
        return self.append_many([new])[0]

    def trusted_now(self) -> datetime | None:
        """The time of a clock no member's process can set (the server's; this machine's
        kernel's), or None when there is none to ask."""
        return kernel_now()

    def close(self) -> None:  # noqa: B027 - a file store holds nothing between calls
        """Let go of what it holds (a connection)."""


_PROC = Path("/proc")


def kernel_now() -> datetime | None:
    """The wall clock as the kernel keeps it (boot time plus uptime), read from /proc: a
    process whose own clock is shifted (a wrong time zone library, a preloaded fake) still
    reads the machine's time here. None where there is no /proc."""
    try:
        stat = (_PROC / "stat").read_text(encoding="ascii")
        uptime = float((_PROC / "uptime").read_text(encoding="ascii").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    boot = next((line.split()[1] for line in stat.splitlines() if line.startswith("btime ")), None)
    if boot is None or not boot.isdigit():
        return None
    return datetime.fromtimestamp(int(boot) + uptime, tz=timezone.utc)
