"""Connecting to the shared store, and saying what went wrong in one line.

A store URL may carry a password: it is only ever handed to libpq. Every message names the
store by its :attr:`StoreTarget.label` (database and host), never by the URL; what libpq says
is classified, not repeated, since its text may hold the user, host and more.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crisisplay.errors import CrisisplayError, TimelineError, UsageError
from crisisplay.timeline.pgschema import VERSION

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
    """The target of a ``postgresql://`` URL, read as libpq reads it (``?host=`` and ``?port=``
    included); anything else is a usage error that does not repeat the URL."""
    text = url.strip()
    if not text.startswith(tuple(f"{scheme}://" for scheme in SCHEMES)):
        raise UsageError(
            "the store must be a postgresql:// URL",
            hint="for example --store postgresql://alice@crisis-db/crisisplay",
        )
    params = _conninfo(text)
    database = params.get("dbname") or params.get("user") or "postgres"
    label = f"database {database} on {_where(params)}"
    # The key names this laptop's folders of the store (copies, outbox): host, port and
    # database as before, then what else tells one server from another, when given.
    key_host = (params.get("host") or "localhost").lower()
    parts = [key_host, params.get("port") or "5432", database]
    parts += [f"{name}={params[name]}" for name in ("hostaddr", "service") if params.get(name)]
    if params.get("service"):
        label += f" (service {params['service']})"
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
    return StoreTarget(text, label, key)


def _where(params: dict[str, str]) -> str:
    """``host:port``, or each of them when the URL names several servers."""
    hosts = [
        h or "localhost" for h in (params.get("host") or params.get("hostaddr") or "").split(",")
    ]
    ports = (params.get("port") or "").split(",")
    if len(ports) == 1:
        ports *= len(hosts)
    if len(ports) != len(hosts):  # libpq refuses it when connecting
        return ",".join(hosts)
    hosts = [f"[{h}]" if ":" in h and p else h for h, p in zip(hosts, ports, strict=True)]
    return ",".join(f"{h}:{p}" if p else h for h, p in zip(hosts, ports, strict=True))


def _conninfo(url: str) -> dict[str, str]:
    """The connection parameters of ``url``, as libpq parses them (psycopg is imported only
    when a store URL is used)."""
    try:
        import psycopg  # noqa: PLC0415
        from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415
    except ImportError:
        raise UsageError(
            "a postgresql:// store needs psycopg", hint="pip install 'crisisplay[postgresql]'"
        ) from None
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        found = re.search(r'query parameter: "(\w+)"', str(exc))
        if found:
            raise UsageError(
                f"the store URL has an option libpq does not know: {found.group(1)}"
            ) from None
        raise UsageError("the store URL is not a valid postgresql:// URL") from None
    return {name: str(value) for name, value in params.items() if value is not None}


def connect(target: StoreTarget, *, timeout: float = 5.0) -> psycopg.Connection[tuple[Any, ...]]:
    """An autocommit connection; failures are one line naming the store by its label."""
    import psycopg  # noqa: PLC0415

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
    option = bad_option(str(exc))
    if option is not None:
        return UsageError(
            f"the store URL's {option} option is not one libpq accepts: nothing was sent",
            hint="see the connection parameters of libpq (sslmode, service, "
            "target_session_attrs...)",
        )
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
    return StoreUnreachable(f"cannot reach the shared store ({where})")


# What libpq says of a connection option it refuses, before it reaches any server; the group
# is the option. (A server that cannot be reached is another message: an outage, not this.)
_BAD_OPTIONS = (
    re.compile(r'invalid (\w+) value: "'),
    re.compile(r'invalid integer value "[^"]*" for connection option "(\w+)"'),
    re.compile(r"invalid connection option \"(\w+)\""),
    re.compile(r'definition of (service) "'),
    re.compile(r'(service) file "[^"]*" not found'),
    re.compile(r"invalid (port) number"),
    re.compile(r"could not parse network address"),
    re.compile(r"could not match \d+ (port) numbers to \d+ hosts"),
    re.compile(r"could not match \d+ host names to \d+ (hostaddr) values"),
)


def bad_option(message: str) -> str | None:
    """The connection option libpq refused, named in ``message``, or None."""
    for pattern in _BAD_OPTIONS:
        found = pattern.search(message)
        if found:
            return found.group(1) if found.groups() else "hostaddr"
    return None


def is_connection_lost(exc: BaseException) -> bool:
    """A dropped connection or a server going away: the outcome of the call is unknown."""
    import psycopg  # noqa: PLC0415

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
    import psycopg  # noqa: PLC0415

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
    return _conninfo(target.url).get("user") or None


CHANNEL_SQL = "LISTEN crisisplay_events"
