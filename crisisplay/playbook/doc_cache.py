"""Playbook files parsed once, and playbooks checked once, remembered between runs.

A crisis cell renders and checks status many times a minute from the same files. Parsing their
YAML and cross-checking them again each time costs more than the work asked for, so:

- a parsed file (its plain data and the position of every value) is kept as JSON under a digest
  of its name and bytes: the same bytes give the same document, and any edit is a miss;
- a playbook that passed every check is remembered by the digests of the files it was built
  from: those exact bytes need no second check. ``crisisplay validate`` always checks in full.

Both are keyed by a digest of the loader's and checker's own sources too, so new code never
trusts an old entry. Data only, never code: the cache folder is ``crisisplay.cachedir``'s.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from crisisplay.cachedir import (
    CacheFolder,
    read_entry,
    source_fingerprint,
    user_cache,
    write_entry,
)
from crisisplay.playbook.yamlio import Document, parse_yaml, read_capped

_PACKAGE = Path(__file__).resolve().parents[1]
# What a parsed document and a passed check depend on, besides the files themselves.
_PARSER = ("playbook/yamlio.py", "cachedir.py")
_CHECKER = (
    "cachedir.py",
    "playbook/model.py",
    "playbook/types.py",
    "playbook/convert.py",
    "playbook/validate.py",
    "playbook/load.py",
    "playbook/validate_graph.py",
    "playbook/graph.py",
    "playbook/tasks.py",
    "playbook/facts.py",
    "playbook/fact_patterns.py",
    "conditions.py",
    "channels/catalogue.py",
    "tone/org_patterns.py",
)


@functools.cache
def _folder(kind: str, sources: tuple[str, ...]) -> CacheFolder | None:
    base = user_cache(os.environ)
    if base is None:
        return None
    return base.child(f"{kind}-{source_fingerprint(*(_PACKAGE / s for s in sources))}")


def digest_of(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def cached_document(path: Path, display: str) -> Document:
    """The document at ``path``, from the cache when these bytes were parsed before."""
    raw = read_capped(path, display)
    folder = _folder("documents", _PARSER)
    if folder is None:
        return parse_yaml(raw, display, digest=digest_of(raw))
    key = hashlib.sha256(display.encode() + b"\0" + raw).hexdigest()
    entry = read_entry(folder, key)
    if entry is not None:
        try:
            return _decode(entry, display, digest_of(raw))
        except (ValueError, KeyError, TypeError):
            pass
    doc = parse_yaml(raw, display, digest=digest_of(raw))
    write_entry(folder, key, _encode(doc))
    return doc


def _encode(doc: Document) -> bytes:
    table = {
        "data": doc.data,
        "values": [[list(path), list(mark)] for path, mark in doc.values.items()],
        "keys": [[list(path), list(mark)] for path, mark in doc.keys.items()],
    }
    return json.dumps(table, ensure_ascii=False).encode("utf-8")


def _decode(entry: bytes, display: str, digest: str) -> Document:
    table: dict[str, Any] = json.loads(entry)

    def marks(rows: Iterable[Any]) -> dict[tuple[str | int, ...], tuple[int, int]]:
        return {tuple(path): (int(mark[0]), int(mark[1])) for path, mark in rows}

    return Document(display, table["data"], marks(table["values"]), marks(table["keys"]), digest)


def _stamp(documents: Iterable[Document]) -> str:
    parts = sorted(f"{doc.file}\0{doc.digest}" for doc in documents)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def known_valid(documents: Iterable[Document]) -> bool:
    """These exact files passed every check before (with this crisisplay)."""
    docs = list(documents)
    folder = _folder("checked", _CHECKER)
    if folder is None or any(not doc.digest for doc in docs):
        return False
    return read_entry(folder, _stamp(docs)) is not None


def remember_valid(documents: Iterable[Document]) -> None:
    docs = list(documents)
    folder = _folder("checked", _CHECKER)
    if folder is not None and all(doc.digest for doc in docs):
        write_entry(folder, _stamp(docs), b"ok\n")
