"""Real servers on 127.0.0.1 for the social connectors, each started once per test session
by a fixture of its test module.

- Mastodon: mastodon-mock (PyPI), a stateful Mastodon API server (FastAPI, SQLite in memory)
  served by uvicorn in a thread, with ``Idempotency-Key`` kept per account.

Each exposes what its server stored, read back through the server's own API, so that a test
asserts on what the service took rather than on what the client said.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


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
