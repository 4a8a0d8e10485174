"""Writing what `--out` asks for without ever destroying a record.

A report, an export or a rendered text is written to a temporary file in the target's own
folder, made durable, then renamed over the target: a reader never sees half a file, and a
crash leaves the old file whole. The target is refused when it is a symlink (the write would
land elsewhere), not a regular file, the very file being read (same inode: a hard link too), or
any timeline at all (recognised by its first line), whatever its name.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from crisisplay.errors import UsageError

_HEAD_BYTES = 4096


def looks_like_timeline(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file) starts like a timeline event line."""
    first = head.split(b"\n", 1)[0]
    return first.lstrip().startswith(b"{") and all(
        field in first for field in (b'"seq"', b'"prev"', b'"hash"')
    )


def check_target(out: Path, inputs: Sequence[Path] = ()) -> bool:
    """Refuse ``out`` as a target (``UsageError``); whether a file is already there."""
    try:
        info = out.lstat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise UsageError(f"refusing to write {out}: it is a symlink")
    if not stat.S_ISREG(info.st_mode):
        raise UsageError(f"refusing to write {out}: it is not a regular file")
    for source in inputs:
        with contextlib.suppress(OSError):
            other = source.stat()
            if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
                raise UsageError(
                    f"refusing to write {out}: it is the timeline being read ({source})",
                    hint="give --out another file",
                )
    if _holds_a_timeline(out):
        raise UsageError(
            f"refusing to write {out}: it holds a timeline, which is never overwritten",
            hint="give --out another file",
        )
    return True


def _holds_a_timeline(path: Path) -> bool:
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        return stat.S_ISREG(os.fstat(fd).st_mode) and looks_like_timeline(os.read(fd, _HEAD_BYTES))
    finally:
        os.close(fd)


def write_output(out: Path, text: str | Iterable[str], inputs: Sequence[Path] = ()) -> bool:
    """Write ``text`` (or its pieces, as they come) to ``out`` atomically after
    ``check_target``; whether it replaced a file."""
    existed = check_target(out, inputs)
    folder = out.parent
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.writelines([text] if isinstance(text, str) else text)
            file.flush()
            os.fchmod(file.fileno(), _mode_for(out, existed))
            os.fsync(file.fileno())
        check_target(out, inputs)  # again: something may have been planted meanwhile
        Path(temporary).replace(out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
        raise
    return existed


def _mode_for(out: Path, existed: bool) -> int:
    if existed:
        with contextlib.suppress(OSError):
            return out.stat().st_mode & 0o777
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
