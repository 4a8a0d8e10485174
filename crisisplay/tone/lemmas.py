"""Lemmas of words, from simplemma, remembered between runs.

Loading simplemma's dictionary for a language takes a noticeable part of a second, and a
message is mostly the same template words render after render. So the lemmas already looked up
are kept in the user's private cache (``crisisplay.cachedir``), one JSON file per language, and
simplemma is imported only when a word is missing from it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from crisisplay.cachedir import read_entry, user_cache, write_entry

# Past this many words the cached table starts again: fact values (place names...) add words.
MAX_CACHED_WORDS = 20_000
_FORMAT = 1
_tables: dict[str, dict[str, str]] = {}


def lemmas_of(words: Iterable[str], lang: str) -> dict[str, str]:
    """The lemma of each of ``words`` (lower-case words) in ``lang``."""
    table = _table(lang)
    missing = sorted({word for word in words if word not in table})
    if missing:
        table.update(_lemmatise(missing, lang))
        if len(table) > MAX_CACHED_WORDS:
            table.clear()
            table.update(_lemmatise(missing, lang))
        _save(lang, table)
    return table


def _lemmatise(words: list[str], lang: str) -> dict[str, str]:
    import simplemma  # noqa: PLC0415

    return {word: str(simplemma.lemmatize(word, lang=lang)).lower() for word in words}


def _entry(lang: str) -> str:
    return f"lemmas-{_FORMAT}-{lang}.json"


def _table(lang: str) -> dict[str, str]:
    if lang not in _tables:
        _tables[lang] = _load(lang)
    return _tables[lang]


def _load(lang: str) -> dict[str, str]:
    folder = user_cache(os.environ)
    data = read_entry(folder, _entry(lang)) if folder is not None else None
    if data is None:
        return {}
    try:
        table = json.loads(data)
    except ValueError:
        return {}
    if not isinstance(table, dict):
        return {}
    return {str(k): str(v) for k, v in table.items() if isinstance(v, str)}


def _save(lang: str, table: dict[str, str]) -> None:
    folder = user_cache(os.environ)
    if folder is not None:
        write_entry(folder, _entry(lang), json.dumps(table, ensure_ascii=False).encode())
