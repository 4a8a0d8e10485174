"""The file operations under the timeline store: locks, whole writes, durable folders, and the
reasons a person understands for what the operating system says."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from pathlib import Path

from crisisplay.errors import NotRecorded, TimelineError

MAX_FILE_BYTES = 1 << 30

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EIO: "input/output error (is the disk failing?)",
    errno.EFBIG: "the file size limit is reached",
    errno.EROFS: "the filesystem is read-only",
    errno.EACCES: "permission denied (read-only file or folder?)",
    errno.EPERM: "operation not permitted (read-only file or folder?)",
}


def describe(exc: OSError) -> str:
    """A reason a person in a crisis cell understands, for an OSError."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def lock_exclusive(fd: int, path: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as exc:
        raise NotRecorded(f"event NOT recorded: cannot lock it: {describe(exc)} ({path})") from exc


def lock_shared_if_possible(fd: int) -> None:
    # A reader still reads where locks are not supported; it may then see a live writer's
    # half-written line, which it reports as a torn tail.
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_SH)


def pread_exactly(fd: int, offset: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.pread(fd, size, offset)
        if not chunk:
            break  # shrank under us (a writer ignoring the lock); the next look starts over
        chunks.append(chunk)
        offset += len(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def write_all(fd: int, data: bytes) -> None:
    """One write of everything; a short write (signal, size limit) continues where it stopped."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "write wrote nothing")
        view = view[written:]


def fsync_dir(path: Path) -> None:
    fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_size(path: Path, size: int, verb: str) -> None:
    if size > MAX_FILE_BYTES:
        raise TimelineError(
            f"{path} {verb} {size} bytes, more than the {MAX_FILE_BYTES} a timeline may hold",
            hint="an incident's timeline should never get this big; is it the right file?",
        )


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) durably: each new entry's parent is fsynced, so
    a power cut right after activation cannot lose the folder that holds the timeline."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    try:
        for created in reversed(missing):
            created.mkdir()
            fsync_dir(created)
    except OSError as exc:
        raise TimelineError(f"cannot create the folder {folder}: {describe(exc)}") from None
