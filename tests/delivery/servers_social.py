"""Real servers on 127.0.0.1 for the mastodon, matrix and bluesky connectors, each started once
per test session by a fixture of its test module.

- Mastodon: mastodon-mock (PyPI), a stateful Mastodon API server (FastAPI, SQLite in memory)
  served by uvicorn in a thread, with ``Idempotency-Key`` kept per account.
- Matrix: Synapse (PyPI ``matrix-synapse``) on SQLite, in a process of its own, with a generated
  configuration; users are made through the shared-secret registration of its admin API.
- Bluesky: the reference PDS (npm ``@atproto/pds``) with an in-memory PLC directory
  (``@did-plc/server``), run by Node from ``tests/delivery/pds`` (``npm ci`` there first).

Each exposes what its server stored, read back through the server's own API, so that a test
asserts on what the service took rather than on what the client said.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.delivery.proxy import DropProxy

PDS_FOLDER = Path(__file__).resolve().parent / "pds"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def closed_url() -> str:
    """An address where nothing listens: a server that is down."""
    return f"http://127.0.0.1:{free_port()}"


def http_json(
    method: str,
    url: str,
    body: dict[str, Any] | None = None,
    token: str | None = None,
    timeout: float = 10,
) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        raw = answer.read()
    return json.loads(raw) if raw else None


def wait_until(ready: Any, what: str, timeout: float, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        with contextlib.suppress(OSError, ValueError):
            if ready():
                return
        time.sleep(0.05)
    raise RuntimeError(f"{what} was not ready within {timeout:g} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- Mastodon ---------------------------------------------------------------------------------


@dataclass
class MastodonServer:
    url: str
    token: str
    username: str

    def status(self, status_id: str) -> dict[str, Any]:
        found: dict[str, Any] = http_json("GET", f"{self.url}/api/v1/statuses/{status_id}")
        return found

    def source(self, status_id: str) -> str:
        """The status's text as the instance keeps it (what its author typed)."""
        found = http_json("GET", f"{self.url}/api/v1/statuses/{status_id}/source", token=self.token)
        return str(found["text"])

    def statuses(self) -> list[dict[str, Any]]:
        """Every status of the account, newest first."""
        me = http_json("GET", f"{self.url}/api/v1/accounts/verify_credentials", token=self.token)
        found: list[dict[str, Any]] = http_json(
            "GET", f"{self.url}/api/v1/accounts/{me['id']}/statuses?limit=40", token=self.token
        )
        return found

    def history(self, status_id: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = http_json(
            "GET", f"{self.url}/api/v1/statuses/{status_id}/history", token=self.token
        )
        return found


@contextlib.contextmanager
def mastodon_server() -> Iterator[MastodonServer]:
    from mastodon_mock.config import (
        DatabaseConfig,
        MastodonMockConfig,
        SeedAccount,
        SeedConfig,
    )
    from mastodon_mock.testing.server import MockServer

    token = "mst-" + secrets.token_urlsafe(24)
    config = MastodonMockConfig(
        database=DatabaseConfig(path=":memory:"),
        seed=SeedConfig(
            accounts=[SeedAccount(username="ondemobile", display_name="Onde", access_token=token)]
        ),
    )
    with MockServer(config=config, host="127.0.0.1") as server:
        yield MastodonServer(url=server.base_url, token=token, username="ondemobile")


# --- Matrix -----------------------------------------------------------------------------------

SYNAPSE_CONFIG = """\
server_name: "crisis.test"
pid_file: "{folder}/homeserver.pid"
public_baseurl: "http://127.0.0.1:{port}/"
listeners:
  - port: {port}
    bind_addresses: ["127.0.0.1"]
    type: http
    tls: false
    x_forwarded: false
    resources:
      - names: [client]
        compress: false
database:
  name: sqlite3
  args:
    database: "{folder}/homeserver.db"
log_config: "{folder}/log.yaml"
media_store_path: "{folder}/media"
signing_key_path: "{folder}/signing.key"
registration_shared_secret: "{shared_secret}"
macaroon_secret_key: "{macaroon}"
form_secret: "{form}"
report_stats: false
enable_metrics: false
trusted_key_servers: []
suppress_key_server_warning: true
federation_domain_whitelist: []
presence:
  enabled: false
rc_message: {{per_second: 1000, burst_count: 1000}}
rc_registration: {{per_second: 1000, burst_count: 1000}}
rc_room_creation: {{per_second: 1000, burst_count: 1000}}
rc_joins:
  local: {{per_second: 1000, burst_count: 1000}}
rc_login:
  address: {{per_second: 1000, burst_count: 1000}}
  account: {{per_second: 1000, burst_count: 1000}}
  failed_attempts: {{per_second: 1000, burst_count: 1000}}
"""

SYNAPSE_LOG = """\
version: 1
formatters:
  precise: {{format: "%(asctime)s %(levelname)s %(name)s %(message)s"}}
handlers:
  file: {{class: logging.FileHandler, formatter: precise, filename: "{folder}/homeserver.log"}}
root: {{level: WARNING, handlers: [file]}}
disable_existing_loggers: false
"""


@dataclass
class MatrixUser:
    user_id: str
    token: str


@dataclass
class SynapseServer:
    url: str
    shared_secret: str
    folder: Path
    started_in: float = 0.0
    users: dict[str, MatrixUser] = field(default_factory=dict)

    def register(self, name: str) -> MatrixUser:
        """A user made through the shared-secret registration of the admin API."""
        endpoint = f"{self.url}/_synapse/admin/v1/register"
        nonce = http_json("GET", endpoint)["nonce"]
        password = secrets.token_urlsafe(16)
        mac = hmac.new(self.shared_secret.encode(), digestmod=hashlib.sha1)
        mac.update(b"\x00".join([nonce.encode(), name.encode(), password.encode(), b"notadmin"]))
        made = http_json(
            "POST",
            endpoint,
            {"nonce": nonce, "username": name, "password": password, "mac": mac.hexdigest()},
        )
        user = MatrixUser(made["user_id"], made["access_token"])
        self.users[name] = user
        return user

    def create_room(self, owner: MatrixUser, name: str) -> str:
        made = http_json(
            "POST", f"{self.url}/_matrix/client/v3/createRoom", {"name": name}, token=owner.token
        )
        return str(made["room_id"])

    def messages(self, reader: MatrixUser, room: str) -> list[dict[str, Any]]:
        """The room's m.room.message events, oldest first, as the homeserver stored them."""
        path = urllib.parse.quote(room)
        found = http_json(
            "GET",
            f"{self.url}/_matrix/client/v3/rooms/{path}/messages?dir=f&limit=200",
            token=reader.token,
        )
        return [event for event in found["chunk"] if event["type"] == "m.room.message"]

    def event(self, reader: MatrixUser, room: str, event_id: str) -> dict[str, Any]:
        found: dict[str, Any] = http_json(
            "GET",
            f"{self.url}/_matrix/client/v3/rooms/{urllib.parse.quote(room)}"
            f"/event/{urllib.parse.quote(event_id)}",
            token=reader.token,
        )
        return found


@dataclass
class Homeserver:
    """The session's Synapse, the cell's user, and two rooms it made (the cell's, customer
    care's)."""

    server: SynapseServer
    cell: MatrixUser
    rooms: tuple[str, str]


@contextlib.contextmanager
def synapse_server(folder: Path) -> Iterator[SynapseServer]:
    port = free_port()
    shared_secret = secrets.token_hex(16)
    values = {
        "folder": folder,
        "port": port,
        "shared_secret": shared_secret,
        "macaroon": secrets.token_hex(16),
        "form": secrets.token_hex(16),
    }
    (folder / "homeserver.yaml").write_text(SYNAPSE_CONFIG.format(**values), encoding="utf-8")
    (folder / "log.yaml").write_text(SYNAPSE_LOG.format(**values), encoding="utf-8")
    seed = base64.b64encode(os.urandom(32)).decode().rstrip("=")
    (folder / "signing.key").write_text(f"ed25519 a_test {seed}\n", encoding="utf-8")
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    with (folder / "stdout.log").open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "synapse.app.homeserver", "-c", str(folder / "homeserver.yaml")],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=folder,
        )
    try:
        wait_until(
            lambda: http_json("GET", f"{url}/_matrix/client/versions", timeout=1) is not None,
            "Synapse",
            timeout=60,
            process=process,
        )
        yield SynapseServer(url, shared_secret, folder, time.monotonic() - started)
    finally:
        stop(process)


# --- Bluesky ----------------------------------------------------------------------------------


@dataclass
class PdsServer:
    """The PDS, reached through ``proxy`` (the address its accounts' DID documents name)."""

    url: str
    proxy: DropProxy
    handle: str
    did: str
    app_password: str
    started_in: float

    def records(self) -> list[dict[str, Any]]:
        """Every app.bsky.feed.post of the account, as the repository holds it."""
        query = urllib.parse.urlencode(
            {"repo": self.did, "collection": "app.bsky.feed.post", "limit": 100}
        )
        found = http_json("GET", f"{self.url}/xrpc/com.atproto.repo.listRecords?{query}")
        records: list[dict[str, Any]] = found["records"]
        return records

    def record(self, rkey: str) -> dict[str, Any] | None:
        query = urllib.parse.urlencode(
            {"repo": self.did, "collection": "app.bsky.feed.post", "rkey": rkey}
        )
        try:
            found: dict[str, Any] = http_json(
                "GET", f"{self.url}/xrpc/com.atproto.repo.getRecord?{query}"
            )
        except urllib.error.HTTPError as exc:
            if exc.code == 400:
                return None
            raise
        return found


def pds_installed() -> bool:
    return (PDS_FOLDER / "node_modules" / "@atproto" / "pds").is_dir()


@contextlib.contextmanager
def pds_server(folder: Path) -> Iterator[PdsServer]:
    if shutil.which("node") is None or not pds_installed():
        raise RuntimeError(
            "the Bluesky tests need Node.js and the PDS: run `npm ci --prefix tests/delivery/pds`"
        )
    port = free_port()
    started = time.monotonic()
    with DropProxy(("127.0.0.1", port), drops=lambda sent: False) as proxy:
        proxy.armed = False
        public = f"http://127.0.0.1:{proxy.port}"
        process = subprocess.Popen(
            ["node", str(PDS_FOLDER / "start.js"), str(port), public, str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(folder / "stderr.log").open("wb"),
            cwd=PDS_FOLDER,
            # the PDS's warnings and errors (a 500's cause) go to a file, never to the pipe
            env={
                **os.environ,
                "LOG_ENABLED": "true",
                "LOG_LEVEL": "warn",
                "LOG_DESTINATION": str(folder / "pds.log"),
            },
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            if not line:
                log = (folder / "stderr.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the PDS did not start:\n{log}")
            handle = "cell.test"
            password = secrets.token_urlsafe(16)
            made = http_json(
                "POST",
                f"http://127.0.0.1:{port}/xrpc/com.atproto.server.createAccount",
                {"email": "cell@onde.test", "handle": handle, "password": password},
            )
            app = http_json(
                "POST",
                f"http://127.0.0.1:{port}/xrpc/com.atproto.server.createAppPassword",
                {"name": "crisisplay"},
                token=made["accessJwt"],
            )
            yield PdsServer(
                url=f"http://127.0.0.1:{port}",
                proxy=proxy,
                handle=handle,
                did=made["did"],
                app_password=app["password"],
                started_in=time.monotonic() - started,
            )
        finally:
            if process.stdin:
                process.stdin.close()
            stop(process)
