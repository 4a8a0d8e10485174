"""One lead board per incident at a time.

`activate` and `resume` hold an exclusive lock on ``<timeline>.board`` while they run, with who
holds it written inside. A second board on the same incident is told who holds it and since
when, and may take over (``--take-over``): the take-over is recorded on the timeline, and the
first board stops at its next act, everything kept. Whatever happens, two boards never record
the same act twice: each act is checked and appended in one step (the store's ``commit_if``).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crisisplay.errors import UsageError

BOARD_SUFFIX = ".board"
_MAX_HOLDER_BYTES = 4096


@dataclass(frozen=True)
class Holder:
    """Who holds an incident's board, as its lock file says."""

    actor: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.actor} on {self.host} (process {self.pid}) since {self.since}"


def board_file(timeline: Path) -> Path:
    return timeline.with_name(timeline.name + BOARD_SUFFIX)


@contextlib.contextmanager
def lead_board(
    timeline: Path, actor: str, now: datetime, *, take_over: bool = False
) -> Iterator[Holder | None]:
    """Hold the incident's board while the block runs. Yields None when the board was free,
    the previous holder when taking it over; a board already held without ``take_over`` is a
    UsageError naming its holder."""
    path = board_file(timeline)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o640)
    except OSError as exc:
        raise UsageError(f"cannot open {path}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not take_over:
                raise UsageError(
                    f"the lead's board of this incident is open: {holder.describe()}",
                    hint="follow it with `crisisplay status --watch`, or take it over with "
                    "`crisisplay resume --take-over` (recorded on the timeline)",
                ) from None
            yield holder
            return
        me = Holder(actor, socket.gethostname(), os.getpid(), now.isoformat(timespec="seconds"))
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(me.__dict__).encode("utf-8"), 0)
        yield None
    finally:
        os.close(fd)  # also releases the lock


def _holder(fd: int) -> Holder:
    try:
        data = json.loads(os.pread(fd, _MAX_HOLDER_BYTES, 0) or b"{}")
        return Holder(str(data["actor"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Holder("someone", "another terminal", 0, "a moment ago")
