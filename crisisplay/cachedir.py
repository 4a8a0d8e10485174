"""The user's private cache folder, shared by everything crisisplay keeps between runs.

``$XDG_CACHE_HOME/crisisplay``, else ``~/.cache/crisisplay``; ``CRISISPLAY_NO_CACHE=1`` turns
every cache off. The folder is created private (0700) and only trusted when owned by the user
and not writable by others. Entries are written aside and renamed, so a reader never sees half
a file; reading or writing never raises: a cache that cannot be used is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

DISABLE = "CRISISPLAY_NO_CACHE"


def user_cache(env: Mapping[str, str]) -> Path | None:
    """The cache folder for ``env``, or ``None`` when caching is off or there is no home."""
    if env.get(DISABLE):
        return None
    base = env.get("XDG_CACHE_HOME") or (env.get("HOME") and f"{env['HOME']}/.cache")
    return Path(base) / "crisisplay" if base else None


@functools.cache
def source_fingerprint(*files: Path) -> str:
    """A digest of source files: a cache entry made by other code is never used."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def trusted(folder: Path) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False
    private = not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and private


def read_entry(folder: Path, name: str) -> bytes | None:
    if not trusted(folder):
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write_entry(folder: Path, name: str, data: bytes) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not trusted(folder):
            return
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        Path(temporary).replace(folder / name)
    except OSError:
        return
