"""The ``statuspage`` kind: a static status page rewritten from the published record.

A connector sees one parcel; the page needs every publication of the channel. The core gives
each status-page parcel its ``history`` (the earlier parcels of the channel, oldest first), so
the whole site is rebuilt from the history and the parcel at each delivery: rewriting it is
safe, and a retry cannot post twice. ``crisisplay statuspage --out DIR`` builds the same site
from the published texts of an incident.

The site (``crisisplay.delivery.statuspage_render`` gives its three files) holds one entry per
publication, its texts by language; a correction replaces the text of the entry it corrects,
which keeps its id and its place, and gets a new ``updated`` time.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from crisisplay.delivery.base import Connector, DeliveryFailed, Parcel, Receipt
from crisisplay.delivery.statuspage_render import render_site

#: the time zone of the page: its readers read Paris time
PAGE_ZONE = "Europe/Paris"
#: the channel whose publications the page shows
CHANNEL = "status-page"
#: kinds that say the incident is still on (a resolution closes it, an update re-opens it)
_OPENING = frozenset({"holding", "update"})
_RESOLVING = frozenset({"resolution"})
SITE_FILES = ("summary.json", "feed.atom", "index.html")


@dataclass(frozen=True)
class Entry:
    """One publication on the page: its texts by language, as published (or as corrected)."""

    #: stable across rebuilds: ``urn:uuid:`` of the incident, the message and its time
    id: str
    message: str
    kind: str
    published_at: datetime
    updated: datetime
    texts: Mapping[str, str]
    corrected: bool = False
    #: the deliveries whose texts it shows (a receipt names its entry)
    deliveries: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return "e-" + self.id.rsplit("-", 1)[-1]


@dataclass(frozen=True)
class Site:
    """What the page says: the incident, its entries oldest first, where it stands."""

    incident: str
    title: str | None
    #: the languages of the texts, the page's own first
    languages: tuple[str, ...]
    entries: tuple[Entry, ...]
    resolved: bool
    #: the latest promise of an update (none once resolved)
    next_update: datetime | None
    drill: bool = False

    @property
    def updated(self) -> datetime:
        return max(entry.updated for entry in self.entries)


@dataclass
class _Draft:
    id: str
    message: str
    kind: str
    published_at: datetime
    updated: datetime
    texts: dict[str, str] = field(default_factory=dict)
    corrected: bool = False
    deliveries: list[str] = field(default_factory=list)

    def entry(self) -> Entry:
        return Entry(
            self.id,
            self.message,
            self.kind,
            self.published_at,
            self.updated,
            dict(self.texts),
            self.corrected,
            tuple(self.deliveries),
        )


def site_of(
    parcels: Sequence[Parcel], *, title: str | None = None, languages: Sequence[str] = ()
) -> Site:
    """The site of ``parcels`` (the history, then the latest), oldest first. ``languages``
    orders the texts (the organisation's, the page's own first); without it, the order in
    which the languages first appear."""
    if not parcels:
        raise ValueError("a status page needs at least one publication")
    drafts: list[_Draft] = []
    by_delivery: dict[str, _Draft] = {}
    by_publication: dict[tuple[str, datetime], _Draft] = {}
    resolved = False
    for parcel in parcels:
        draft = _draft_for(parcel, by_delivery, by_publication)
        if draft is None:
            draft = _new_draft(parcel)
            drafts.append(draft)
            by_publication[(parcel.message, parcel.published_at)] = draft
        elif parcel.correcting is not None:
            draft.corrected = True
            draft.updated = max(draft.updated, parcel.published_at)
        draft.texts[parcel.lang] = parcel.text
        if parcel.delivery not in draft.deliveries:  # not again for a retry
            draft.deliveries.append(parcel.delivery)
        by_delivery[parcel.delivery] = draft
        if parcel.kind in _RESOLVING:
            resolved = True
        elif parcel.kind in _OPENING and parcel.correcting is None:
            resolved = False
    drafts.sort(key=lambda d: d.published_at)
    latest = parcels[-1]
    seen = list(dict.fromkeys(p.lang for p in parcels))
    ordered = [lang for lang in languages if lang in seen] + [
        lang for lang in seen if lang not in languages
    ]
    return Site(
        incident=latest.incident,
        title=title if title is not None else latest.title,
        languages=tuple(ordered),
        entries=tuple(draft.entry() for draft in drafts),
        resolved=resolved,
        next_update=None if resolved else latest.next_update,
        drill=any(p.drill for p in parcels),
    )


def _draft_for(
    parcel: Parcel,
    by_delivery: Mapping[str, _Draft],
    by_publication: Mapping[tuple[str, datetime], _Draft],
) -> _Draft | None:
    """The entry a parcel belongs to: the one it corrects, the one it delivers again, or the
    one of its publication (its other languages)."""
    corrects = parcel.correcting.remote_id if parcel.correcting is not None else None
    if corrects is not None and corrects in by_delivery:
        return by_delivery[corrects]
    if parcel.delivery in by_delivery:
        return by_delivery[parcel.delivery]
    return by_publication.get((parcel.message, parcel.published_at))


def _new_draft(parcel: Parcel) -> _Draft:
    moment = parcel.published_at.astimezone(timezone.utc).isoformat()
    name = f"crisisplay:{parcel.incident}:{parcel.message}:{moment}"
    return _Draft(
        id=uuid.uuid5(uuid.NAMESPACE_URL, name).urn,
        message=parcel.message,
        kind=parcel.kind,
        published_at=parcel.published_at,
        updated=parcel.published_at,
    )


def write_site(folder: Path, files: Mapping[str, str]) -> None:
    """Write each file to a temporary file beside it, durable, then renamed over the old one:
    a reader sees the old page or the new one, never half of one. The page comes last, so
    that what it links to is already there."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in sorted(files, key=lambda n: SITE_FILES.index(n) if n in SITE_FILES else -1):
        _write_atomically(folder / name, files[name])


def _write_atomically(target: Path, text: str) -> None:
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise OSError(f"{target} is not a regular file: refusing to replace it")
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), 0o644)  # a web server serves it
            os.fsync(handle.fileno())
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


class StatuspageConnector(Connector):
    """Rewrites the site in ``dir`` (relative to the organisation file's folder) from the
    parcel's history and the parcel. ``url``, when given, is where the site is served: the
    receipt links to the entry there."""

    kind = "statuspage"
    idempotent = True

    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        folder = self._folder()
        site = site_of((*parcel.history, parcel))
        try:
            write_site(folder, render_site(site, ZoneInfo(PAGE_ZONE)))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise DeliveryFailed(f"account {self.account.id}: {folder}: {reason}") from None
        entry = next(e for e in site.entries if parcel.delivery in e.deliveries)
        url = f"{self.account.url}#{entry.anchor}-{parcel.lang}" if self.account.url else None
        return Receipt(
            remote_id=parcel.delivery,
            url=url,
            details={"dir": str(folder), "entry": entry.id},
        )

    def correct(self, parcel: Parcel, original: Receipt, timeout: float) -> Receipt:
        """The corrected text replaces the entry's: the page is rebuilt with it."""
        return self.deliver(replace(parcel, correcting=original), timeout)

    def _folder(self) -> Path:
        if not self.account.dir:
            raise DeliveryFailed(f"account {self.account.id}: no dir (the site's folder)")
        return self.folder / Path(self.account.dir).expanduser()
