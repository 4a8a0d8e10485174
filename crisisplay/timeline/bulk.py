"""Reading a long timeline builds hundreds of thousands of small objects with no cycles among
them (events, their payloads, the fold's records). Python's cyclic collector would walk them
again and again while they are made, for nothing: it is paused for the time of the read."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

#: below this many events (or bytes / 1000), the pause is not worth it
BULK = 10_000


@contextlib.contextmanager
def no_cycle_collection(size: int) -> Iterator[None]:
    if size < BULK or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
