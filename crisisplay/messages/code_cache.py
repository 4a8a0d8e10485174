"""Compiled message templates kept between runs, so `crisisplay render` answers at once.

Compiling a template (Jinja2's code generation, then Python's ``compile``) costs more than
rendering it. The compiled code and what the template reads are stored under the user's cache
folder (``$XDG_CACHE_HOME/crisisplay``, else ``~/.cache/crisisplay``), keyed by a digest of the
template's name, file and source and of everything that shapes the generated code: the sandbox's own
source, Jinja2's version and Python's bytecode tag. A changed template, a new crisisplay or a new
Python simply misses the cache.

The code is the sandbox's code: every attribute access and call in it still goes through the
sandbox at render time. The folder is private (0700) and only trusted when owned by the user and
not writable by others; whoever could write there could already run code as that user. Any
problem with the cache means compiling as if it were not there. ``CRISISPLAY_NO_CACHE=1`` turns
it off.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import CodeType
from typing import Any

_DISABLE = "CRISISPLAY_NO_CACHE"


@functools.cache
def _generator_fingerprint() -> str:
    """What the generated code depends on besides the template itself."""
    import jinja2

    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for module in ("sandbox.py", "filters.py", "limits.py"):
        digest.update((here / module).read_bytes())
    digest.update(f"{jinja2.__version__}|{sys.implementation.cache_tag}".encode())
    return digest.hexdigest()[:16]


def cache_folder(env: Mapping[str, str]) -> Path | None:
    """The private folder compiled templates live in, or ``None`` when caching is off."""
    if env.get(_DISABLE):
        return None
    base = env.get("XDG_CACHE_HOME") or (env.get("HOME") and f"{env['HOME']}/.cache")
    if not base:
        return None
    return Path(base) / "crisisplay" / f"templates-{_generator_fingerprint()}"


def _trusted(folder: Path) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False
    private = not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and private


class CodeCache:
    """Compiled templates on disk: ``load`` and ``store`` never raise."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def key(name: str, filename: str | None, source: str) -> str:
        # The file name is part of the code (tracebacks map errors to template lines by it).
        return hashlib.sha256(f"{name}\0{filename}\0{source}".encode()).hexdigest()

    def load(self, key: str) -> tuple[CodeType, dict[str, int], tuple[str, ...]] | None:
        if not _trusted(self.folder):
            return None
        try:
            data = (self.folder / key).read_bytes()
            # Trusted: written by this user into a private folder (see the module docstring).
            code, variables, templates = marshal.loads(data)  # noqa: S302
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if not isinstance(code, CodeType):
            return None
        return code, dict(variables), tuple(templates)

    def store(self, key: str, code: CodeType, reads: Any) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _trusted(self.folder):
                return
            data = marshal.dumps((code, dict(reads.variables), tuple(reads.templates)))
            # Written aside, then renamed: a reader never sees half a file.
            fd, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as file:
                file.write(data)
            Path(temporary).replace(self.folder / key)
        except (OSError, ValueError):
            return


@functools.cache
def code_cache() -> CodeCache | None:
    folder = cache_folder(os.environ)
    return CodeCache(folder) if folder is not None else None
