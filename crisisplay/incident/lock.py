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
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crisisplay.errors import UsageError

BOARD_SUFFIX = ".board"
_MAX_HOLDER_BYTES = 4096
#: how often a board that took over looks whether the other has let the board go
_TAKE_OVER_POLL = 0.2


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
    me = Holder(actor, socket.gethostname(), os.getpid(), now.isoformat(timespec="seconds"))
    taking: _Taking | None = None
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
            # The board taken over stops at its next act: from then on, this one holds it.
            taking = _Taking(fd, me)
            taking.start()
            yield holder
            return
        _write_holder(fd, me)
        yield None
    finally:
        if taking is not None:
            taking.stop()
        os.close(fd)  # also releases the lock


def _write_holder(fd: int, holder: Holder) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder.__dict__).encode("utf-8"), 0)


class _Taking(threading.Thread):
    """Takes the board's lock as soon as the board taken over lets it go."""

    def __init__(self, fd: int, holder: Holder) -> None:
        super().__init__(name="crisisplay-board-take-over", daemon=True)
        self.fd = fd
        self.holder = holder
        self.done = threading.Event()
        self.held = False

    def run(self) -> None:
        while not self.done.is_set():
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.done.wait(_TAKE_OVER_POLL)
                continue
            except OSError:
                return
            self.held = True
            with contextlib.suppress(OSError):
                _write_holder(self.fd, self.holder)
            return

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=2)


def _holder(fd: int) -> Holder:
    try:
        data = json.loads(os.pread(fd, _MAX_HOLDER_BYTES, 0) or b"{}")
        return Holder(str(data["actor"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Holder("someone", "another terminal", 0, "a moment ago")
