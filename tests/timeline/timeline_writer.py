"""A writer process for the crash and concurrency tests (run as a script, killed at will).

    timeline_writer.py TIMELINE ACKFILE NAME MODE [COUNT]

MODE ``small`` appends short notes, ``big`` notes of about 256 KiB (a write that takes long
enough for a kill to land inside it), ``tear`` takes the lock, writes half a line and waits to
be killed (a crash mid-write, made certain). After each append returns, that is once the event
is acknowledged, ``seq hash`` is appended to ACKFILE. With COUNT it stops after COUNT appends.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.store import TimelineStore

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
BIG = "x" * (256 * 1024)


def tear(path: Path, ack: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, b'{"actor":"tearer","hash":"0123456789')
    os.write(ack, b"torn\n")
    time.sleep(600)


def write(path: Path, ack: int, name: str, big: bool, count: int | None) -> None:
    store = TimelineStore(path, incident="crash-test")
    n = 0
    while count is None or n < count:
        n += 1
        text = f"{name} #{n}" + (BIG if big else "")
        new = NewEvent("note.added", name, None, {"text": text}, START + timedelta(seconds=n))
        event = store.append(new)
        os.write(ack, f"{event.seq} {event.hash}\n".encode())


def main() -> None:
    path, ack_path, name, mode = sys.argv[1:5]
    count = int(sys.argv[5]) if len(sys.argv) > 5 else None
    ack = os.open(ack_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    if mode == "tear":
        tear(Path(path), ack)
    else:
        write(Path(path), ack, name, mode == "big", count)


if __name__ == "__main__":
    main()
