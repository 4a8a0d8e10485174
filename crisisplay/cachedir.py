"""The user's private cache folder, shared by everything crisisplay keeps between runs.

``$XDG_CACHE_HOME/crisisplay``, else ``~/.cache/crisisplay``; a relative ``XDG_CACHE_HOME`` is
ignored, as the XDG base directory specification says, and ``CRISISPLAY_NO_CACHE=1`` turns every
cache off. Reading or writing never raises: a cache that cannot be used is a miss.

The cache may hold compiled code, so nothing in it is trusted by path. The root folder is opened
once and its descriptor checked (a folder, owned by the user or by root, writable by nobody else);
every folder and entry below is opened relative to its parent's descriptor with ``O_NOFOLLOW``
and checked on the descriptor again (entries: regular files owned by the user, written by nobody
else). Swapping a folder for a symlink between two steps therefore only makes a miss. Each entry
carries a SHA-256 over its name and contents: a damaged or renamed entry is a miss too.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

DISABLE = "CRISISPLAY_NO_CACHE"
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_MAGIC = b"crisisplay-cache-2\n"
_DIGEST = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | _NOFOLLOW


class CacheFolder:
    """A folder of the cache: the trusted ``root`` and the names of the folders below it.
    (A plain class: a dataclass costs a millisecond of code generation at every start.)"""

    __slots__ = ("parts", "root")

    def __init__(self, root: Path, parts: tuple[str, ...] = ()) -> None:
        self.root = root
        self.parts = parts

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CacheFolder):
            return NotImplemented
        return (self.root, self.parts) == (other.root, other.parts)

    def __hash__(self) -> int:
        return hash((self.root, self.parts))

    def __repr__(self) -> str:
        return f"CacheFolder({self.root!r}, {self.parts!r})"

    def child(self, name: str) -> CacheFolder:
        return CacheFolder(self.root, (*self.parts, name))

    @property
    def path(self) -> Path:
        return self.root.joinpath(*self.parts)


def user_cache(env: Mapping[str, str]) -> CacheFolder | None:
    """The cache folder for ``env``, or ``None`` when caching is off or there is no home."""
    if env.get(DISABLE):
        return None
    xdg = Path(env.get("XDG_CACHE_HOME") or "relative")
    home = Path(env.get("HOME") or "relative")
    if xdg.is_absolute():
        base = xdg
    elif home.is_absolute():
        base = home / ".cache"
    else:
        return None
    return CacheFolder(base, ("crisisplay",))


@functools.cache
def source_fingerprint(*files: Path) -> str:
    """A digest of source files: a cache entry made by other code is never used."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _trusted_folder(fd: int) -> bool:
    info = os.fstat(fd)
    others_write = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    owner = info.st_uid in (os.geteuid(), 0)
    return stat.S_ISDIR(info.st_mode) and owner and not others_write


def _trusted_entry(fd: int) -> bool:
    info = os.fstat(fd)
    others_write = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and not others_write


@contextlib.contextmanager
def _opened(folder: CacheFolder, *, create: bool) -> Iterator[int]:
    """A descriptor of ``folder``, each step checked; ``OSError`` when it cannot be trusted."""
    if create:
        folder.root.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(folder.root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for name in folder.parts:
            if not _trusted_folder(fd):
                raise PermissionError(f"untrusted cache folder at {name!r}")
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, 0o700, dir_fd=fd)
            child = os.open(name, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
        if not _trusted_folder(fd):
            raise PermissionError("untrusted cache folder")
        yield fd
    finally:
        os.close(fd)


def _seal(name: str, data: bytes) -> bytes:
    return _MAGIC + hashlib.sha256(name.encode() + b"\0" + data).digest() + data


def _unseal(name: str, entry: bytes) -> bytes | None:
    head = len(_MAGIC) + _DIGEST
    if len(entry) < head or not entry.startswith(_MAGIC):
        return None
    data = entry[head:]
    expected = hashlib.sha256(name.encode() + b"\0" + data).digest()
    # A plain comparison: the digest guards against damage and swaps, it is no secret.
    return data if entry[len(_MAGIC) : head] == expected else None


def read_entry(folder: CacheFolder, name: str) -> bytes | None:
    """The contents stored under ``name``, or ``None`` (missing, untrusted or damaged)."""
    try:
        with _opened(folder, create=False) as parent:
            flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | _NOFOLLOW
            fd = os.open(name, flags, dir_fd=parent)
            with os.fdopen(fd, "rb") as file:
                if not _trusted_entry(fd):
                    return None
                entry = file.read(MAX_ENTRY_BYTES + 1)
    except (OSError, ValueError):
        return None
    return _unseal(name, entry) if len(entry) <= MAX_ENTRY_BYTES else None


def write_entry(folder: CacheFolder, name: str, data: bytes) -> None:
    """Store ``data`` under ``name``: written aside, then renamed, so no reader sees half."""
    temporary = f".tmp-{os.urandom(8).hex()}"
    try:
        with _opened(folder, create=True) as parent:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | _NOFOLLOW
            fd = os.open(temporary, flags, 0o600, dir_fd=parent)
            try:
                with os.fdopen(fd, "wb") as file:
                    file.write(_seal(name, data))
                os.rename(temporary, name, src_dir_fd=parent, dst_dir_fd=parent)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary, dir_fd=parent)
                raise
    except (OSError, ValueError):
        return
