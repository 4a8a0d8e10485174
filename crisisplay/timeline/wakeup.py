"""What a live view waits on between two looks at the incident: the lead's board and
``status --watch``.

On the shared store the view LISTENs on a connection of its own and wakes as soon as a
notification arrives (an append anywhere in the cell); it still looks every ``fallback``
seconds, so a lost notification or a dropped listener only delays a refresh, never loses an
event (the events themselves are always read by seq). On a file there is nothing to listen to:
the view looks every ``poll`` seconds, one fstat when nothing came.
"""

from __future__ import annotations

import select
import time
from collections.abc import Sequence
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from crisisplay.errors import CrisisplayError
from crisisplay.timeline.pgconn import CHANNEL_SQL, connect

if TYPE_CHECKING:
    from crisisplay.timeline.pgconn import StoreTarget

#: between two looks at a file
POLL_SECONDS = 0.1
#: between two looks at the shared store when no notification came
FALLBACK_SECONDS = 2.0


class Wakeup:
    """Waits until the incident may have changed, a key is pressed, or a timeout.

    ``target`` is the shared store listened to, or None for a file.
    """

    def __init__(self, target: StoreTarget | None) -> None:
        self.target = target
        self._listener: Any = None
        #: how many notifications woke the view (tests read it)
        self.notified = 0

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def interval(self) -> float:
        """The longest wait before the next look."""
        return FALLBACK_SECONDS if self.target is not None else POLL_SECONDS

    def wait(self, timeout: float, keys: Sequence[IO[str]] = ()) -> list[IO[str]]:
        """Wait up to ``timeout`` seconds; the ``keys`` streams that have input (a stream that
        cannot be selected on is left alone)."""
        self._listen()
        watched: list[Any] = [k for k in keys if _selectable(k)]
        socket = self._socket()
        if socket is not None:
            watched.append(socket)
        if not watched:
            time.sleep(timeout)
            return []
        try:
            ready, _, _ = select.select(watched, [], [], max(0.0, timeout))
        except (OSError, ValueError):
            time.sleep(timeout)
            return []
        if socket is not None and socket in ready:
            self._drain()
        return [k for k in keys if k in ready]

    def close(self) -> None:
        if self._listener is not None:
            try:
                self._listener.close()
            finally:
                self._listener = None

    def __enter__(self) -> Wakeup:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _listen(self) -> None:
        if self.target is None or self._listener is not None:
            return
        import psycopg  # noqa: PLC0415

        try:
            listener = connect(self.target, timeout=2.0)
        except CrisisplayError:
            # out of reach, or refused: the view's reads say so; it looks again every
            # fallback seconds and the next wait tries to listen anew
            return
        try:
            listener.execute(CHANNEL_SQL)
        except psycopg.Error:
            listener.close()
            return
        self._listener = listener

    def _socket(self) -> int | None:
        if self._listener is None:
            return None
        import psycopg  # noqa: PLC0415

        try:
            return int(self._listener.pgconn.socket)
        except psycopg.Error:  # the connection is gone
            self.close()
            return None

    def _drain(self) -> None:
        """Take every notification waiting; a lost connection is dropped, to listen anew."""
        import psycopg  # noqa: PLC0415

        pgconn = self._listener.pgconn
        try:
            pgconn.consume_input()
            while pgconn.notifies() is not None:
                self.notified += 1
        except psycopg.Error:
            self.close()


def _selectable(stream: IO[str]) -> bool:
    try:
        stream.fileno()
    except (OSError, ValueError, AttributeError):
        return False
    return True


def wakeup_of(store: object) -> Wakeup:
    """The wakeup of a store: its shared store's listener, or the file poll."""
    return Wakeup(getattr(store, "target", None))


__all__ = ["FALLBACK_SECONDS", "POLL_SECONDS", "Wakeup", "wakeup_of"]
