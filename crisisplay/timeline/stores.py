"""The store interface and the choice of backend: the file store (the embedded default) or the
cell's shared PostgreSQL store.

Callers name an incident's timeline by a path, as they always have. An incident of a shared
store is bound to a local path under the user's cache (``crisisplay-shared/<store>/<id>.jsonl``,
which also holds the lead board's lock and the outbox); :func:`open_store` and
:func:`read_store` give the shared store for such a path and the file store for any other.
psycopg is imported only when a shared store is used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from crisisplay.errors import UsageError
from crisisplay.timeline.chain import ChainTip
from crisisplay.timeline.events import Event, NewEvent
from crisisplay.timeline.fileio import make_folder
from crisisplay.timeline.store import ReadResult, TimelineStore, read_events, read_timeline_bytes

if TYPE_CHECKING:
    from crisisplay.timeline.pgconn import StoreTarget
    from crisisplay.timeline.pgstore import PgStore

SHARED_FOLDER = "crisisplay-shared"


class Store(Protocol):
    """What every backend does: commits that are durable before they return, and readers that
    get each event once, chain checked."""

    clock_behind: bool

    @property
    def tip(self) -> ChainTip: ...

    def append(self, new: NewEvent) -> Event: ...

    def append_many(self, news: Sequence[NewEvent]) -> list[Event]: ...

    def commit(self, news: Sequence[NewEvent]) -> list[Event]: ...

    def commit_if(
        self, news: Sequence[NewEvent], expect: int | None
    ) -> tuple[list[Event], bool]: ...

    def read_new(self) -> list[Event]: ...


@dataclass(frozen=True)
class SharedIncident:
    """An incident of a shared store, and where this laptop keeps what is local to it."""

    target: StoreTarget
    incident: str
    path: Path

    @property
    def outbox(self) -> Path:
        return self.path.with_name(self.path.name + ".outbox")


_bound: dict[Path, SharedIncident] = {}


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


def bind(target: StoreTarget, incident: str, env: Mapping[str, str]) -> Path:
    """The local path that stands for ``incident`` of the shared store ``target``."""
    if not incident or "/" in incident or incident.startswith(".") or "\0" in incident:
        raise UsageError(f"{incident!r} is not an incident id")
    path = shared_folder(target, env) / f"{incident}.jsonl"
    make_folder(path.parent)
    _bound[path] = SharedIncident(target, incident, path)
    return path


def default_incident(target: StoreTarget, env: Mapping[str, str]) -> str:
    """The newest open incident of the store; with the server out of reach, the one this
    laptop read last."""
    from crisisplay.timeline.pgconn import StoreUnreachable
    from crisisplay.timeline.pgquery import newest_open

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


def shared(path: Path) -> SharedIncident | None:
    """The shared incident ``path`` stands for, or None for a timeline file."""
    return _bound.get(Path(path))


def open_store(path: Path, *, incident: str | None = None) -> Store:
    """The store of the timeline at ``path``; ``incident`` starts a new one (see
    :class:`TimelineStore`). On a shared store, acts kept in the outbox go first."""
    found = shared(path)
    if found is None:
        return TimelineStore(path, incident=incident)
    return open_shared(found, create=incident is not None)


def open_shared(found: SharedIncident, *, create: bool = False) -> PgStore:
    from crisisplay.timeline.outbox import Outbox, send_pending
    from crisisplay.timeline.pgstore import PgStore

    outbox = Outbox(found.outbox, found.target.label)
    store = PgStore(
        found.target, found.incident, create=create, keep_offline=outbox.keep, mirror=found.path
    )
    if not create:
        send_pending(store, outbox, quiet_if_unreachable=True)
    return store


def read_store(path: Path) -> ReadResult:
    """Every event of the timeline at ``path``, chain checked."""
    found = shared(path)
    if found is None:
        return read_events(path)
    return ReadResult(open_shared(found).read_new(), None)


def logins_of(path: Path) -> dict[int, str]:
    """The login the shared store recorded for each event, by seq (none for a file: a file
    knows only who each event says acted)."""
    found = shared(path)
    if found is None:
        return {}
    from crisisplay.timeline.pgquery import read_logins

    return read_logins(found.target, found.incident)


def timeline_bytes(path: Path) -> bytes:
    """The timeline's lines as a file holds them (a shared one as its canonical lines)."""
    found = shared(path)
    if found is None:
        return read_timeline_bytes(path)
    from crisisplay.timeline.pgquery import read_lines

    return read_lines(found.target, found.incident)
