"""Opening an input file only when it is a regular file.

A FIFO named like a playbook or a timeline would make a read wait forever for a writer, and a
device (``/dev/zero``) would never end. The file is opened without blocking, checked on its
descriptor (so a swap between check and read changes nothing), and only then read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

NOT_REGULAR = "not a regular file (a FIFO, a device or a folder?)"


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for binary reading; ``OSError`` when it is not a regular file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, NOT_REGULAR, str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def is_regular(path: Path) -> bool:
    """Whether ``path`` (after symlinks) is a regular file; a dangling link is not."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False
