"""A throwaway PostgreSQL cluster for the tests and the benchmarks: initdb and pg_ctl on a
private port and socket folder, as an unprivileged user when run as root (PostgreSQL refuses to
run as root). With $CRISISPLAY_TEST_DSN set, that server is used instead and nothing is started.

The superuser logs in over TCP with a password (scram-sha-256), so that the tests can try a
right and a wrong one; the local socket trusts it, for the fixture's own administration.
"""

from __future__ import annotations

import contextlib
import getpass
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ADMIN = "cp_admin"
ADMIN_PASSWORD = "s3cret-Adm1n-pw"


def binaries() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin that has initdb and pg_ctl."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name.split(".")[0]),
    )
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _unprivileged_user() -> str | None:
    """None when not root; else a user PostgreSQL agrees to run as."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) exists")


@dataclass
class Cluster:
    """A running server; ``url(db)`` is a password-bearing URL for the superuser."""

    host: str
    port: int
    user: str = ADMIN
    password: str = ADMIN_PASSWORD
    admin_db: str = "postgres"
    data: Path | None = None
    socket_dir: Path | None = None
    runas: str | None = None
    bindir: Path | None = None
    databases: list[str] = field(default_factory=list)
    #: commits fsynced as in production (the benchmarks); the tests run without
    durable: bool = False

    @property
    def owned(self) -> bool:
        """Whether the tests started it (and so may restart it)."""
        return self.data is not None

    def url(self, db: str, user: str | None = None, password: str | None = None) -> str:
        who = quote(user or self.user, safe="")
        secret = quote(password if password is not None else self.password, safe="")
        return f"postgresql://{who}:{secret}@{self.host}:{self.port}/{db}"

    def admin_conninfo(self, db: str | None = None) -> str:
        return self.url(db or self.admin_db)

    def create_database(self) -> str:
        import psycopg

        name = f"cp_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_conninfo(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.databases.append(name)
        return name

    def create_login(self, login: str, password: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.admin_conninfo(), autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
            verb = "ALTER" if found else "CREATE"
            conn.execute(
                sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                    sql.Identifier(login), sql.Literal(password)
                )
            )

    def _ctl(self, *args: str) -> None:
        assert self.bindir is not None and self.data is not None
        log = self.data.parent / "server.log"
        command = [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(log), *args]
        subprocess.run(_as(self.runas, command), check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
            "-c max_connections=60"
        )
        if not self.durable:
            options += " -c fsync=off -c full_page_writes=off"
        self._ctl("start", "-w", "-t", "60", "-o", options)

    def stop(self, mode: str = "fast") -> None:
        self._ctl("stop", "-w", "-t", "60", "-m", mode)

    def restart_immediate(self) -> None:
        """A crash of the server: stopped with -m immediate, then started again."""
        self.stop("immediate")
        self.start()


def _as(user: str | None, command: list[str]) -> list[str]:
    return command if user is None else ["runuser", "-u", user, "--", *command]


def _from_dsn(dsn: str) -> Cluster:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(dsn)
    return Cluster(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=unquote(parts.username or getpass.getuser()),
        password=unquote(parts.password or ""),
        admin_db=parts.path.lstrip("/") or "postgres",
    )


@contextlib.contextmanager
def throwaway_cluster(*, durable: bool = False) -> Iterator[Cluster]:
    """A cluster for the time of the block: $CRISISPLAY_TEST_DSN's, or a new one."""
    dsn = os.environ.get("CRISISPLAY_TEST_DSN")
    if dsn:
        yield _from_dsn(dsn)
        return
    bindir = binaries()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)")
    runas = _unprivileged_user()
    top = Path(tempfile.mkdtemp(prefix="crisisplay-pg-"))
    top.chmod(0o755)
    data, sock = top / "data", top / "sock"
    sock.mkdir()
    if runas is not None:
        info = pwd.getpwnam(runas)
        for path in (top, sock):
            os.chown(path, info.pw_uid, info.pw_gid)
    secret = top / "pw"
    secret.write_text(ADMIN_PASSWORD + "\n")
    if runas is not None:
        os.chown(secret, pwd.getpwnam(runas).pw_uid, -1)
    initdb = [
        str(bindir / "initdb"), "-D", str(data), "-U", ADMIN, f"--pwfile={secret}",
        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
    ]  # fmt: skip
    subprocess.run(_as(runas, initdb), check=True, capture_output=True, timeout=120)
    secret.unlink()
    cluster = Cluster("127.0.0.1", _free_port(), data=data, socket_dir=sock)
    cluster.runas, cluster.bindir, cluster.durable = runas, bindir, durable
    cluster.start()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            cluster.stop("immediate")
        shutil.rmtree(top, ignore_errors=True)
