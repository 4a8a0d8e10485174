"""A Standard Webhooks receiver on 127.0.0.1, for the webhook connector's tests.

It checks each request as the specification tells a receiver to (its own code, not
crisisplay's): the three headers present, the timestamp within five minutes, one of the
space-separated ``v1,`` signatures equal to the HMAC-SHA256 of ``{id}.{timestamp}.{body}``
keyed with the secret (base64-decoded after ``whsec_``). A bad request is answered 401 and
not taken. A good one is taken once per ``webhook-id``: a retry is answered as the first was,
and stored again nowhere.

The path chooses the answer: ``/hook`` 200 with an empty body, ``/id`` 200 with
``{"id": "remote-N"}``, ``.../status/NNN`` that status, ``/slow`` an answer two seconds late.
"""

from __future__ import annotations

import base64
import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

TOLERANCE = 300


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    body: bytes
    verified: bool


def verify(secret: str, headers: dict[str, str], body: bytes, now: float) -> bool:
    """Whether the request is signed with ``secret``, as the specification verifies it."""
    try:
        webhook_id = headers["webhook-id"]
        timestamp = headers["webhook-timestamp"]
        signatures = headers["webhook-signature"]
    except KeyError:
        return False
    if not timestamp.isdigit() or abs(now - int(timestamp)) > TOLERANCE:
        return False
    key = (
        base64.b64decode(secret[len("whsec_") :])
        if secret.startswith("whsec_")
        else secret.encode()
    )
    mac = hmac.new(key, webhook_id.encode() + b"." + timestamp.encode() + b"." + body, "sha256")
    expected = base64.b64encode(mac.digest()).decode()
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return True
    return False


class WebhookReceiver:
    def __init__(self, secret: str) -> None:
        self.secret = secret
        #: every request that reached the receiver, in order
        self.requests: list[Request] = []
        #: the verified requests it took, the first of each webhook-id
        self.taken: dict[str, Request] = {}
        #: what it answered to each webhook-id it took
        self._answers: dict[str, tuple[int, bytes]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def forget(self) -> None:
        with self._lock:
            self.requests.clear()
            self.taken.clear()
            self._answers.clear()

    def _receive(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        verified = verify(self.secret, headers, body, time.time())
        request = Request(path, headers, body, verified)
        with self._lock:
            self.requests.append(request)
            if not verified:
                return 401, b'{"error": "bad signature"}'
            webhook_id = headers["webhook-id"]
            if webhook_id in self._answers:
                return self._answers[webhook_id]
            answer = self._answer(path)
            if 200 <= answer[0] < 300:
                self.taken[webhook_id] = request
                self._answers[webhook_id] = answer
            return answer

    def _answer(self, path: str) -> tuple[int, bytes]:
        if "/status/" in path:
            return int(path.rsplit("/", 1)[1]), b""
        if path == "/id":
            return 200, json.dumps({"id": f"remote-{len(self.taken) + 1}"}).encode()
        return 200, b""

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, answer = receiver._receive(self.path, headers, body)
                if self.path == "/slow":
                    time.sleep(2)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    self.close_connection = True  # the client hung up: the test wanted it

            def log_message(self, format: str, *args: object) -> None:
                pass  # the test's output stays clean

        return Handler
