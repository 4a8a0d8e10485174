"""Connecting to the shared store, and saying what went wrong in one line.

A store URL may carry a password: it is only ever handed to libpq. Every message names the
store by its :attr:`StoreTarget.label` (database and host), never by the URL; what libpq says
is classified, not repeated, since its text may hold the user, host and more.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from crisisplay.errors import CrisisplayError, TimelineError, UsageError

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql", "postgres")
APPLICATION = "crisisplay"


class StoreUnreachable(TimelineError):
    """The server cannot be reached (refused, down, no route): what an outbox is for."""


@dataclass(frozen=True)
class StoreTarget:
    """A shared store: the URL (secret: only for libpq) and how messages name it."""

    url: str
    label: str
    #: a short stable digest of host, port and database (names local folders of this store)
    key: str

    def __repr__(self) -> str:  # never the URL, even in a traceback
        return f"StoreTarget({self.label})"


def parse_target(url: str) -> StoreTarget:
    """The target of a ``postgresql://`` URL; anything else is a usage error (without it)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise UsageError("the store URL is not a valid postgresql:// URL") from None
    if parts.scheme not in SCHEMES:
        raise UsageError(
            "the store must be a postgresql:// URL",
            hint="for example --store postgresql://alice@crisis-db/crisisplay",
        )
    host = parts.hostname or "localhost"
    database = unquote(parts.path.lstrip("/")) or unquote(parts.username or "") or "postgres"
    where = f"{host}:{port}" if port else host
    label = f"database {database} on {where}"
    key = hashlib.sha256(f"{host}\0{port or 5432}\0{database}".encode()).hexdigest()[:16]
    return StoreTarget(url.strip(), label, key)


def connect(target: StoreTarget, *, timeout: float = 5.0) -> psycopg.Connection[tuple[Any, ...]]:
    """An autocommit connection; failures are one line naming the store by its label."""
    import psycopg

    try:
        return psycopg.connect(
            target.url,
            autocommit=True,
            application_name=APPLICATION,
            connect_timeout=max(1, int(timeout)),
        )
    except psycopg.Error as exc:
        raise connect_error(target, exc) from None


def connect_error(target: StoreTarget, exc: Exception) -> CrisisplayError:
    text = str(exc).lower()
    where = target.label
    if (
        "password" in text
        or "authentication" in text
        or getattr(exc, "sqlstate", "")
        in (
            "28P01",
            "28000",
        )
    ):
        return UsageError(
            f"cannot log in to the shared store ({where}): the server refused the credentials",
            hint="check the user and the password (~/.pgpass or $PGPASSWORD)",
        )
    if "does not exist" in text and "database" in text:
        return UsageError(f"the shared store ({where}) does not exist on that server")
    if "permission denied" in text:
        return UsageError(f"the shared store ({where}) refused this login")
    if "invalid" in text and ("dsn" in text or "connection option" in text or "uri" in text):
        return UsageError("the store URL has an option libpq does not know")
    return StoreUnreachable(f"cannot reach the shared store ({where})")


def is_connection_lost(exc: BaseException) -> bool:
    """A dropped connection or a server going away: the outcome of the call is unknown."""
    import psycopg

    if isinstance(exc, psycopg.InterfaceError):
        return True
    if not isinstance(exc, psycopg.OperationalError):
        return False
    state = getattr(exc, "sqlstate", None)
    # 57P01..57P03: terminated by an administrator, crash shutdown, cannot connect now
    return state is None or state.startswith(("57P", "08"))


def missing_schema(target: StoreTarget) -> UsageError:
    return UsageError(
        f"the shared store ({target.label}) has no crisisplay schema",
        hint="create it with `crisisplay store init --store URL`",
    )


def check_schema(conn: psycopg.Connection[tuple[Any, ...]], target: StoreTarget) -> None:
    """Refuse a database without the schema, or with a newer one than this crisisplay knows."""
    import psycopg

    from crisisplay.timeline.pgschema import VERSION

    try:
        row = conn.execute("SELECT max(version) FROM crisisplay.schema_version").fetchone()
    except psycopg.errors.UndefinedTable:
        raise missing_schema(target) from None
    except psycopg.errors.InsufficientPrivilege:
        raise UsageError(
            f"this login may not use the shared store ({target.label})",
            hint="the store's owner grants crisisplay_member to each member's login",
        ) from None
    found = int(row[0]) if row and row[0] is not None else 0
    if found == 0:
        raise missing_schema(target)
    if found > VERSION:
        raise UsageError(
            f"the shared store ({target.label}) has schema version {found}; this crisisplay "
            f"knows up to {VERSION}",
            hint="upgrade crisisplay",
        )


def user_of(target: StoreTarget) -> str | None:
    """The login named in the URL (for messages about who may do what), if any."""
    name = urlsplit(target.url).username
    return unquote(name) if name else None


CHANNEL_SQL = "LISTEN crisisplay_events"
