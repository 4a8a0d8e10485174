"""This laptop's copy of a shared incident: the lines last read from the server, so that a
member can still see the incident and decide while the server is out of reach (the act then
goes to the outbox). A cache, checked like any timeline when read; never a source of truth."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from crisisplay.timeline.fileio import make_folder, write_all


def keep(path: Path, data: bytes, *, whole: bool) -> None:
    """Replace the copy with ``data`` (``whole``) or add ``data`` to it; best effort."""
    with contextlib.suppress(OSError):
        make_folder(path.parent)
        if whole:
            spare = path.with_name(path.name + ".new")
            spare.write_bytes(data)
            spare.replace(path)
            return
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
        try:
            write_all(fd, data)
        finally:
            os.close(fd)


def read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
