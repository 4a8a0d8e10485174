"""The choice of store: the file store (the embedded default) or the cell's shared PostgreSQL
store, and the place of an incident in it (see :mod:`crisisplay.timeline.place`).

An incident of a shared store is kept on this laptop under the user's cache
(``crisisplay-shared/<store>/<id>.jsonl``, which also holds the lead board's lock and the
outbox). psycopg is imported only when a shared store is used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from crisisplay.errors import UsageError
from crisisplay.timeline.fileio import make_folder
from crisisplay.timeline.pgconn import StoreUnreachable
from crisisplay.timeline.pgquery import newest_open
from crisisplay.timeline.place import SharedTimeline

if TYPE_CHECKING:
    from crisisplay.timeline.pgconn import StoreTarget

SHARED_FOLDER = "crisisplay-shared"


def choose_store(
    given: str | None, env: Mapping[str, str], organisation: Callable[[], str | None]
) -> str | None:
    """The store URL in force: ``--store``, else $CRISISPLAY_STORE, else the organisation
    file's ``store:`` (only read when needed); None (or ``file``) is the file store."""
    for choice in (given, env.get("CRISISPLAY_STORE")):
        if choice and choice.strip():
            return None if choice.strip() == "file" else choice.strip()
    found = organisation()
    return found.strip() if found and found.strip() and found.strip() != "file" else None


def shared_folder(target: StoreTarget, env: Mapping[str, str]) -> Path:
    """``$XDG_CACHE_HOME/crisisplay-shared/<store key>``, beside crisisplay's cache."""
    xdg = env.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / SHARED_FOLDER / target.key


def shared_timeline(target: StoreTarget, incident: str, env: Mapping[str, str]) -> SharedTimeline:
    """The place of ``incident`` in the shared store ``target``, with this laptop's folder."""
    if not incident or "/" in incident or incident.startswith(".") or "\0" in incident:
        raise UsageError(f"{incident!r} is not an incident id")
    path = shared_folder(target, env) / f"{incident}.jsonl"
    make_folder(path.parent)
    return SharedTimeline(target, incident, path)


def default_incident(target: StoreTarget, env: Mapping[str, str]) -> str:
    """The newest open incident of the store that a real activation started; with the server
    out of reach, the one this laptop read last."""

    try:
        return newest_open(target)
    except StoreUnreachable:
        copies = sorted(shared_folder(target, env).glob("*.jsonl"), key=_mtime)
        if not copies:
            raise
        return copies[-1].stem


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
