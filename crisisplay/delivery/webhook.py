"""The ``webhook`` kind: a signed JSON POST, for every service without a connector of its own
(the social media management tool that posts to X, Facebook, Instagram and LinkedIn, a Slack or
Teams workflow, the website's CMS).

The body is ``{incident, message, channel, lang, text, subject?, title?, published_at,
next_update}`` and the request is signed as the Standard Webhooks specification says:
``webhook-id`` is the delivery's id (the receiver's idempotency key: a retry carries the same
one), ``webhook-timestamp`` the Unix time of the attempt, ``webhook-signature``
``v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`` keyed with the account's secret (a
``whsec_`` secret is base64-decoded first). An account without a secret sends no signature,
for a receiver whose address is its own secret.

The exchange runs in a worker thread so that ``deliver`` returns within its timeout whatever
the server does: once the whole request has been handed to the network, a lost connection or
a silent server is an unknown outcome, never a failure.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import SplitResult, urlsplit

from crisisplay.delivery.base import Connector, DeliveryFailed, DeliveryUnknown, Parcel, Receipt

#: the most of an answer read: its status and a JSON id are all a receipt needs
_ANSWER_BYTES = 64 * 1024
#: statuses that say "not now" rather than "never": retried like a failure (the receiver
#: dedupes by webhook-id)
_TRANSIENT = frozenset({408, 429})


def webhook_body(parcel: Parcel, corrects: str | None = None) -> bytes:
    """The JSON body of ``parcel``: UTF-8, keys in a fixed order, times ISO 8601 with their
    offset. A correction adds ``corrects`` (the original's remote id) and ``correction``."""
    body: dict[str, Any] = {
        "incident": parcel.incident,
        "message": parcel.message,
        "channel": parcel.channel,
        "lang": parcel.lang,
        "text": parcel.text,
    }
    if parcel.subject is not None:
        body["subject"] = parcel.subject
    if parcel.title is not None:
        body["title"] = parcel.title
    body["published_at"] = _iso(parcel.published_at)
    body["next_update"] = _iso(parcel.next_update) if parcel.next_update else None
    if corrects is not None:
        body["corrects"] = corrects
        body["correction"] = True
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signature(secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
    """``v1,<base64 HMAC-SHA256>`` of ``{id}.{timestamp}.{body}``, as Standard Webhooks signs."""
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key: the base64 after ``whsec_`` (ValueError when it is not), else the
    secret's own bytes."""
    if secret.startswith("whsec_"):
        return base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    return secret.encode("utf-8")


def _iso(at: datetime) -> str:
    aware = at if at.tzinfo is not None else at.replace(tzinfo=timezone.utc)
    return aware.isoformat(timespec="seconds")


class WebhookConnector(Connector):
    kind = "webhook"
    idempotent = True

    #: the clock of ``webhook-timestamp`` (a test may set its own)
    clock: Callable[[], float] = staticmethod(time.time)

    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        corrects = parcel.correcting.remote_id if parcel.correcting is not None else None
        return self._post(parcel.delivery, webhook_body(parcel, corrects), timeout)

    def correct(self, parcel: Parcel, original: Receipt, timeout: float) -> Receipt:
        """A new POST whose body says what it corrects: the receiver edits or reposts."""
        corrects = original.remote_id or ""
        return self._post(parcel.delivery, webhook_body(parcel, corrects), timeout)

    def _post(self, webhook_id: str, body: bytes, timeout: float) -> Receipt:
        target = self._target()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "crisisplay",
            "webhook-id": webhook_id,
        }
        timestamp = int(self.clock())
        headers["webhook-timestamp"] = str(timestamp)
        secret = self.secrets.find(self.account, "secret")
        if secret is not None:
            try:
                headers["webhook-signature"] = signature(secret, webhook_id, timestamp, body)
            except ValueError:
                raise DeliveryFailed(
                    f"account {self.account.id}: its secret is not base64 after whsec_"
                ) from None
        exchange = _Exchange(target, headers, body, timeout)
        answer = exchange.run(self._where(target))
        return self._receipt(webhook_id, answer)

    def _target(self) -> SplitResult:
        url = self.account.url or ""
        target = urlsplit(url)
        if target.scheme not in ("http", "https") or not target.hostname:
            raise DeliveryFailed(f"account {self.account.id}: url must be an http(s):// address")
        return target

    def _where(self, target: SplitResult) -> str:
        """How errors name the service: the account and the host, never the path or query,
        which carry a token in many services' hook addresses."""
        return f"account {self.account.id} ({target.hostname})"

    def _receipt(self, webhook_id: str, answer: _Answer) -> Receipt:
        where = self._where(self._target())
        if answer.status in _TRANSIENT or answer.status >= 500:
            raise DeliveryFailed(f"{where}: the receiver answered HTTP {answer.status}, try again")
        if not 200 <= answer.status < 300:
            raise DeliveryFailed(f"{where}: the receiver refused it (HTTP {answer.status})")
        found = _answer_fields(answer.body)
        return Receipt(
            remote_id=found.get("id") or webhook_id,
            url=found.get("url"),
            details={"status": str(answer.status)},
        )


def _answer_fields(body: bytes) -> Mapping[str, str]:
    """``id`` and ``url`` of a JSON object answer, when it gives them as plain values."""
    try:
        answer = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(answer, dict):
        return {}
    found: dict[str, str] = {}
    for key in ("id", "url"):
        value = answer.get(key)
        if isinstance(value, str | int) and not isinstance(value, bool) and str(value):
            found[key] = str(value)
    url = found.get("url", "")
    if url and not url.startswith(("https://", "http://")):
        del found["url"]
    return found


@dataclass(frozen=True)
class _Answer:
    status: int
    body: bytes


class _Exchange:
    """One POST in a worker thread; ``run`` waits at most the timeout, then cuts it off."""

    def __init__(
        self, target: SplitResult, headers: Mapping[str, str], body: bytes, timeout: float
    ) -> None:
        self.target = target
        self.headers = dict(headers)
        self.body = body
        self.timeout = timeout
        #: the whole request went out: from then on, the receiver may have it
        self.sent = False
        self.answer: _Answer | None = None
        self.error: OSError | None = None
        self._connection: Any = None
        self._done = threading.Event()

    def run(self, where: str) -> _Answer:
        worker = threading.Thread(target=self._exchange, daemon=True)
        worker.start()
        finished = self._done.wait(self.timeout)
        if not finished:
            self._cut()
        if not finished or isinstance(self.error, TimeoutError):
            if self.sent:
                raise DeliveryUnknown(
                    f"{where}: no answer within {self.timeout:g} s after the request was sent"
                )
            raise DeliveryFailed(f"{where}: could not send the request within {self.timeout:g} s")
        if self.answer is not None:
            return self.answer
        reason = _reason(self.error)
        if self.sent:
            raise DeliveryUnknown(f"{where}: the connection was lost after the request: {reason}")
        raise DeliveryFailed(f"{where}: {reason}")

    def _exchange(self) -> None:
        import http.client  # noqa: PLC0415 -- loaded only when a webhook account delivers

        target = self.target
        connection: http.client.HTTPConnection
        if target.scheme == "https":
            connection = http.client.HTTPSConnection(
                target.hostname or "", target.port, timeout=self.timeout
            )
        else:
            connection = http.client.HTTPConnection(
                target.hostname or "", target.port, timeout=self.timeout
            )
        self._connection = connection
        path = target.path or "/"
        if target.query:
            path += "?" + target.query
        try:
            connection.request("POST", path, body=self.body, headers=self.headers)
            self.sent = True
            response = connection.getresponse()
            self.answer = _Answer(response.status, response.read(_ANSWER_BYTES))
        except OSError as exc:
            self.error = exc
        except http.client.HTTPException as exc:  # a garbled answer, after the request
            self.error = OSError(str(exc) or type(exc).__name__)
        finally:
            connection.close()
            self._done.set()

    def _cut(self) -> None:
        """Wake the worker out of a blocked read: the connection is of no use any more."""
        import socket  # noqa: PLC0415 -- loaded only when a webhook account delivers

        sock = getattr(self._connection, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _reason(error: OSError | None) -> str:
    if error is None:
        return "no answer"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    return error.strerror or str(error) or type(error).__name__
