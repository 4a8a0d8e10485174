"""The signal files: one CSV per kind beside the home's timelines, appended safely.

An add takes the file's lock, cuts a line torn by a crash during an earlier add (it was never
acknowledged), leaves out the rows the file already holds (an export added twice counts once),
appends the new ones and syncs them to disk before saying they were added. Rows acknowledged are
never rewritten.
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crisisplay.errors import InputError, UsageError
from crisisplay.signals import KINDS
from crisisplay.signals.rows import COLUMNS, Row

SUFFIX = ".csv"
HEADER = ",".join(COLUMNS) + "\n"
#: rows written per system call
CHUNK = 20_000


@dataclass(frozen=True)
class Added:
    """What one add did: rows appended, and rows the file already held."""

    kind: str
    added: int
    already: int
    path: Path


def signal_path(folder: Path, kind: str) -> Path:
    if kind not in KINDS:
        raise UsageError(f"no signal kind {kind!r} (one of {', '.join(KINDS)})")
    return folder / f"{kind}{SUFFIX}"


def read_rows(path: Path) -> list[Row]:
    """Every row of a signal file (none when it does not exist); a torn last line is left out."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return list(_parse(_whole_lines(data), path))


def add_rows(
    folder: Path,
    kind: str,
    rows: Iterable[Row],
    seen: Callable[[list[Row]], None] | None = None,
) -> Added:
    """Append ``rows`` to the kind's file, leaving out those it holds already; durable on return.
    ``seen`` is shown every row the file holds afterwards, once, in lists (the hours are summed
    in the same pass, without reading the file again)."""
    path = signal_path(folder, kind)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        data = _read_fd(fd)
        kept = _whole_lines(data)
        if len(kept) != len(data):
            os.ftruncate(fd, len(kept))  # a torn line: never acknowledged
        held = list(_parse(kept, path))
        if seen is not None:
            seen(held)
        given = list(rows)
        fresh = list(dict.fromkeys(given))  # the same row twice in one export counts once
        if held:
            known = set(map(hash, held))
            fresh = [row for row in fresh if hash(row) not in known]
        if seen is not None:
            seen(fresh)
        _append(fd, fresh, header=not kept)
        os.fsync(fd)
    finally:
        os.close(fd)
    if not data:
        _sync_folder(folder)
    return Added(kind, len(fresh), len(given) - len(fresh), path)


def _append(fd: int, rows: list[Row], *, header: bool) -> None:
    if header:
        _write_all(fd, HEADER.encode("utf-8"))
    for start in range(0, len(rows), CHUNK):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows[start : start + CHUNK])
        _write_all(fd, buffer.getvalue().encode("utf-8"))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _read_fd(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    chunks = []
    offset = 0
    while offset < size:
        chunk = os.pread(fd, min(size - offset, 1 << 24), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _whole_lines(data: bytes) -> bytes:
    if not data or data.endswith(b"\n"):
        return data
    return data[: data.rfind(b"\n") + 1]


def _parse(data: bytes, path: Path) -> Iterator[Row]:
    if not data:
        return
    lines = io.StringIO(data.decode("utf-8"), newline="")
    reader = csv.reader(lines)
    header = next(reader, None)
    if header != list(COLUMNS):
        raise InputError(f"{path}: not a signal file (its first line is not {HEADER.strip()})")
    for fields in reader:
        if len(fields) == len(COLUMNS):
            yield tuple(fields)  # type: ignore[misc]


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
