"""Refusing to keep a timeline on a network filesystem.

The store's promise rests on `flock` (one writer at a time) and `fsync` (on disk before we say
so). On NFS, SMB, 9p, sshfs and cluster filesystems either may be emulated, local to one client
or silently weaker, so two cells writing at once could interleave or lose events.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from crisisplay.errors import TimelineError

NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "sshfs", "ceph",
        "fuse.ceph", "glusterfs", "fuse.glusterfs", "lustre", "afs", "ncpfs", "coda",
        "fuse.s3fs", "fuse.rclone", "fuse.gcsfuse", "davfs", "fuse.davfs", "beegfs", "gpfs",
        "orangefs",
    }
)  # fmt: skip
_MOUNT_TABLES = ("/proc/self/mountinfo", "/proc/mounts")
_OCTAL = re.compile(r"\\([0-7]{3})")


def refuse_network_filesystem(path: Path) -> None:
    """Raise TimelineError when ``path`` lives on a network filesystem (Linux; elsewhere the
    mount table is not readable this way and the check is skipped)."""
    real = os.path.realpath(path)
    for table in _MOUNT_TABLES:
        try:
            text = Path(table).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        fstype = filesystem_of(real, text, mountinfo=table.endswith("mountinfo"))
        if fstype in NETWORK_FILESYSTEMS:
            raise TimelineError(
                f"{path} is on a network filesystem ({fstype}): file locks and fsync are not "
                "reliable there, so events could be lost or interleaved",
                hint="keep the timeline on a local disk and share the exports",
            )
        return


def filesystem_of(real_path: str, table: str, *, mountinfo: bool = True) -> str | None:
    """The type of the filesystem mounted deepest above ``real_path`` (the last mount wins when
    several stack on one mount point, as the kernel shows the newest last)."""
    best: tuple[int, str] | None = None
    for line in table.splitlines():
        entry = _mountinfo_entry(line) if mountinfo else _mounts_entry(line)
        if entry is None:
            continue
        point, fstype = entry
        if _is_under(real_path, point) and (best is None or len(point) >= best[0]):
            best = (len(point), fstype)
    return best[1] if best else None


def _mountinfo_entry(line: str) -> tuple[str, str] | None:
    # "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
    before, sep, after = line.partition(" - ")
    fields = before.split(" ")
    if not sep or len(fields) < 5 or not after:
        return None
    return _unescape(fields[4]), after.split(" ", 1)[0]


def _mounts_entry(line: str) -> tuple[str, str] | None:
    # "server:/export /mnt/share nfs4 rw,relatime 0 0"
    fields = line.split(" ")
    if len(fields) < 3:
        return None
    return _unescape(fields[1]), fields[2]


def _unescape(field: str) -> str:
    # The kernel writes space, tab, newline and backslash in mount points as \040 and so on.
    return _OCTAL.sub(lambda match: chr(int(match.group(1), 8)), field)


def _is_under(path: str, point: str) -> bool:
    return point in ("/", path) or path.startswith(point.rstrip("/") + "/")
