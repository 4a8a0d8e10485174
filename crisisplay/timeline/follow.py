"""Following an incident as it is written: every event once, in order, from any terminal.

On the shared store a reader LISTENs on a connection of its own; a notification carries only
the incident and a seq, and says "look again": the reader then reads every event after the last
it has seen. A lost notification, or a reconnect, therefore never loses an event, and a poll
every ``poll`` seconds is the fallback. On a file the poll is all there is.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from crisisplay.timeline.events import Event
from crisisplay.timeline.pgconn import CHANNEL_SQL, StoreUnreachable, connect, is_connection_lost
from crisisplay.timeline.pgstore import PgStore
from crisisplay.timeline.place import Place, SharedTimeline


def follow(place: Place, *, poll: float = 1.0) -> Iterator[Event]:
    """The events of the timeline at ``place``: those there now, then each new one (forever)."""
    if isinstance(place, SharedTimeline):
        yield from _follow_shared(place, poll)
        return
    store = place.recorder()
    while True:
        yield from store.read_new()
        time.sleep(poll)


def _follow_shared(found: SharedTimeline, poll: float) -> Iterator[Event]:
    import psycopg  # noqa: PLC0415

    store = PgStore(found.target, found.incident)
    try:
        while True:
            try:
                listener = connect(found.target)
            except StoreUnreachable:
                time.sleep(poll)
                continue
            try:
                listener.execute(CHANNEL_SQL)
                yield from store.read_new()  # after LISTEN: nothing can fall in between
                while True:
                    _wait(listener, poll)  # a notification, or the poll in case one was lost
                    yield from store.read_new()
            except psycopg.Error as exc:
                if not is_connection_lost(exc):
                    raise
            finally:
                listener.close()
    finally:
        store.close()


def _wait(listener: object, poll: float) -> None:
    """Until a notification comes, or ``poll`` seconds."""
    import psycopg  # noqa: PLC0415

    assert isinstance(listener, psycopg.Connection)
    for _ in listener.notifies(timeout=poll, stop_after=1):
        return
