"""Mastodon: a public status through Mastodon.py, with the delivery id as its Idempotency-Key.

The instance keeps the key with the status it created: a second post with the same key gets the
first status back instead of a new one, so a retry after a lost answer never posts twice. A
correction edits the status in place (``PUT /api/v1/statuses/:id``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from crisisplay.delivery.base import (
    Connector,
    DeliveryFailed,
    DeliveryUnknown,
    Parcel,
    Receipt,
)

Call = Callable[[Any], Any]


class MastodonConnector(Connector):
    """A status on a Mastodon instance (``url``: its base), with the account's access token."""

    kind = "mastodon"
    idempotent = True
    edits = True

    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        status = self._call(
            lambda api: api.status_post(
                parcel.text,
                visibility="public",
                language=parcel.lang,
                idempotency_key=parcel.delivery,
            ),
            timeout,
        )
        return _receipt(status)

    def correct(self, parcel: Parcel, original: Receipt, timeout: float) -> Receipt:
        if not original.remote_id:
            raise DeliveryFailed(f"account {self.account.id}: the original status has no id")
        status_id = original.remote_id
        status = self._call(lambda api: api.status_update(status_id, parcel.text), timeout)
        return _receipt(status)

    def _call(self, call: Call, timeout: float) -> Any:
        """Run ``call`` on a Mastodon.py client within ``timeout`` seconds.

        Mastodon.py is blocking and its timeout bounds each socket wait, not the whole request:
        the call runs in a thread that is given up when the deadline passes.
        """
        if not self.account.url:
            raise DeliveryFailed(f"account {self.account.id}: no url (the instance's address)")
        token = self.secrets.get(self.account, "token")
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                outcome["value"] = call(self._client(token, timeout))
            except Exception as exc:  # classified below, in the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=run, name=f"mastodon-{self.account.id}", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise DeliveryUnknown(
                f"account {self.account.id}: no answer from {self.account.url} within {timeout:g} s"
            )
        if "error" in outcome:
            error = outcome["error"]
            if _timed_out(error.__context__):  # the socket's own wait ran out first
                raise DeliveryUnknown(
                    f"account {self.account.id}: no answer from {self.account.url}"
                    f" within {timeout:g} s"
                )
            raise _classified(self.account.id, self.account.url, error, token)
        return outcome["value"]

    def _client(self, token: str, timeout: float) -> Any:
        from mastodon import Mastodon  # noqa: PLC0415 -- loaded only when a mastodon account delivers

        return Mastodon(
            access_token=token,
            api_base_url=self.account.url,
            request_timeout=timeout,
            ratelimit_method="throw",
            version_check_mode="none",
        )


def _receipt(status: Any) -> Receipt:
    details = {"uri": str(status["uri"])} if status.get("uri") else {}
    return Receipt(remote_id=str(status["id"]), url=status.get("url"), details=details)


def _classified(account: str, url: str, error: Exception, token: str) -> Exception:
    """``DeliveryFailed`` if the instance cannot have taken the status, else ``DeliveryUnknown``."""
    from mastodon.errors import (  # noqa: PLC0415 -- loaded only when a mastodon account delivers
        MastodonAPIError,
        MastodonNetworkError,
        MastodonServerError,
    )

    if isinstance(error, MastodonNetworkError):
        if _never_connected(error.__context__):
            return DeliveryFailed(f"account {account}: cannot reach {url}")
        return DeliveryUnknown(f"account {account}: the connection to {url} was lost")
    if isinstance(error, MastodonServerError):
        return DeliveryUnknown(
            _scrubbed(f"account {account}: {url} answered {_status(error)}", token)
        )
    if isinstance(error, MastodonAPIError):
        return DeliveryFailed(
            _scrubbed(f"account {account}: {url} refused: {_status(error)}", token)
        )
    return DeliveryFailed(_scrubbed(f"account {account}: {type(error).__name__}: {error}", token))


def _timed_out(cause: BaseException | None) -> bool:
    """The instance took the connection and did not answer in time."""
    import requests  # noqa: PLC0415 -- Mastodon.py's transport, loaded with it

    return isinstance(cause, requests.exceptions.ReadTimeout)


def _never_connected(cause: BaseException | None) -> bool:
    """The request never reached the instance: refused, unknown host, connect timeout, TLS."""
    import requests  # noqa: PLC0415 -- Mastodon.py's transport, loaded with it

    if isinstance(cause, requests.exceptions.ConnectTimeout | requests.exceptions.SSLError):
        return True
    if isinstance(cause, requests.exceptions.ConnectionError):
        from urllib3.exceptions import NewConnectionError  # noqa: PLC0415 -- as above

        reason = getattr(cause.args[0], "reason", None) if cause.args else None
        return isinstance(reason, NewConnectionError)
    return False


def _status(error: Exception) -> str:
    """'401 Unauthorized: The access token is invalid' from Mastodon.py's error arguments."""
    parts = [str(part) for part in error.args[1:] if part]
    return " ".join(parts[:2]) + (f": {parts[2]}" if len(parts) > 2 else "")


def _scrubbed(message: str, token: str) -> str:
    return message.replace(token, "***") if token else message
