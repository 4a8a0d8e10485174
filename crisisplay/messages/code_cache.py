"""Compiled message templates kept between runs, so `crisisplay render` answers at once.

Compiling a template (Jinja2's code generation, then Python's ``compile``) costs more than
rendering it. The compiled code and what the template reads are stored in the user's cache
folder (``crisisplay.cachedir``), keyed by a digest of the template's name, file and source and
of everything that shapes the generated code: the sandbox's own source, Jinja2's version and
Python's bytecode tag. A changed template, a new crisisplay or a new Python simply misses.

The code is the sandbox's code: every attribute access and call in it still goes through the
sandbox at render time. Entries are opened by descriptor from a checked root, never through a
symlink, and carry a checksum (``crisisplay.cachedir``): code is only ever loaded from a file the
user wrote, intact. Any problem with the cache means compiling as if it were not there.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from types import CodeType
from typing import Any

from crisisplay.cachedir import (
    CacheFolder,
    read_entry,
    source_fingerprint,
    user_cache,
    write_entry,
)

_HERE = Path(__file__).resolve().parent


def _generator_fingerprint() -> str:
    """What the generated code depends on besides the template itself."""
    import jinja2  # noqa: PLC0415

    # cachedir.py too: its entry format changes with it, and two formats must not share a folder.
    names = ("sandbox.py", "filters.py", "limits.py", "../cachedir.py")
    sources = source_fingerprint(*(_HERE / m for m in names))
    return f"{sources}-{jinja2.__version__}-{sys.implementation.cache_tag}"


def cache_folder(env: Mapping[str, str]) -> CacheFolder | None:
    """The folder compiled templates live in, or ``None`` when caching is off."""
    base = user_cache(env)
    return base.child(f"templates-{_generator_fingerprint()}") if base else None


class CodeCache:
    """Compiled templates on disk: ``load`` and ``store`` never raise."""

    def __init__(self, folder: CacheFolder) -> None:
        self.folder = folder

    @staticmethod
    def key(name: str, filename: str | None, source: str) -> str:
        # The file name is part of the code (tracebacks map errors to template lines by it).
        return hashlib.sha256(f"{name}\0{filename}\0{source}".encode()).hexdigest()

    def load(self, key: str) -> tuple[CodeType, dict[str, int], tuple[str, ...]] | None:
        data = read_entry(self.folder, key)
        if data is None:
            return None
        try:
            # Trusted: written by this user into a private folder (see the module docstring).
            code, variables, templates = marshal.loads(data)  # noqa: S302
        except (ValueError, EOFError, TypeError):
            return None
        if not isinstance(code, CodeType):
            return None
        return code, dict(variables), tuple(templates)

    def store(self, key: str, code: CodeType, reads: Any) -> None:
        try:
            data = marshal.dumps((code, dict(reads.variables), tuple(reads.templates)))
        except ValueError:
            return
        write_entry(self.folder, key, data)


@functools.cache
def code_cache() -> CodeCache | None:
    folder = cache_folder(os.environ)
    return CodeCache(folder) if folder is not None else None
