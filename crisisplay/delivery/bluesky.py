"""Bluesky: an app.bsky.feed.post record in the account's repository, through the atproto SDK.

The record key is derived from the delivery, so every try of one delivery names the same
record: a try first looks it up (``getRecord``) and posts only when it is not there, so a retry
after a lost answer never posts twice. Links become facets, whose offsets count UTF-8 bytes.
Bluesky has no edit: a correction posts the corrected text (a record of its own delivery), then
deletes the original.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import Any

from crisisplay.delivery.base import (
    Connector,
    DeliveryFailed,
    DeliveryUnknown,
    Parcel,
    Receipt,
)

POST = "app.bsky.feed.post"
DEFAULT_PDS = "https://bsky.social"
#: base32-sortable, the alphabet of TIDs
_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"
_LINK = re.compile(r"https?://[^\s<>\"]+")
#: punctuation that ends a sentence rather than a link
_TRAILING = ".,;:!?»”’'\""


class BlueskyConnector(Connector):
    """Posts as ``user`` (a handle) on the PDS at ``url`` (bsky.social when not given), logged
    in with an app password."""

    kind = "bluesky"
    idempotent = True
    edits = False

    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        return self._run(lambda session: session.post(parcel), timeout)

    def correct(self, parcel: Parcel, original: Receipt, timeout: float) -> Receipt:
        """The corrected text posted (a record of its own delivery), then the original deleted:
        the account is never left without the statement. The receipt names the original
        (``replaces``); a retry finds the corrected post and deletes the original again, which a
        PDS accepts when it is already gone."""
        old_key = original.details.get("rkey") or (original.remote_id or "").rpartition("/")[2]
        if not old_key:
            raise DeliveryFailed(f"account {self.account.id}: the original post has no record key")
        if old_key == record_key(parcel):
            raise DeliveryFailed(
                f"account {self.account.id}: a correction needs a delivery of its own "
                f"(it would delete the post it makes)"
            )

        async def repost(session: _Session) -> Receipt:
            receipt = await session.post(parcel)
            await session.delete(old_key)
            details = {**receipt.details, "replaces": original.remote_id or old_key}
            return Receipt(receipt.remote_id, receipt.url, details)

        return self._run(repost, timeout)

    def _run(self, work: Callable[[_Session], Awaitable[Receipt]], timeout: float) -> Receipt:
        if not self.account.user:
            raise DeliveryFailed(f"account {self.account.id}: no user (the account's handle)")
        password = self.secrets.get(self.account, "password")
        session = _Session(self.account.id, self.account.url or DEFAULT_PDS, self.account.user)

        async def within() -> Receipt:
            try:
                await session.login(password, timeout)
                return await work(session)
            finally:
                await session.close()

        import asyncio  # noqa: PLC0415 -- loaded only when a bluesky account delivers

        try:
            return asyncio.run(asyncio.wait_for(within(), timeout))
        except (asyncio.TimeoutError, TimeoutError):
            raise session.lost(f"no answer within {timeout:g} s") from None
        except (DeliveryFailed, DeliveryUnknown) as exc:
            raise type(exc)(str(exc).replace(password, "***")) from None


class _Session:
    """One login to the PDS and what it did: ``stage`` says whether a post may be on its way."""

    def __init__(self, account: str, url: str, handle: str) -> None:
        self.account = account
        self.url = url
        self.handle = handle
        self.client: Any = None
        #: "login", "lookup", then "post" while a post may be written, "delete" once it is
        self.stage = "login"

    async def login(self, password: str, timeout: float) -> None:
        from atproto_client import AsyncClient  # type: ignore[import-untyped]  # noqa: PLC0415 -- loaded only when a bluesky account delivers
        from atproto_client.request import AsyncRequest  # type: ignore[import-untyped]  # noqa: PLC0415 -- as above

        self.client = AsyncClient(self.url, request=AsyncRequest(timeout=timeout))
        await self._guarded(self.client.login(self.handle, password, fetch_bsky_profile=False))

    async def post(self, parcel: Parcel) -> Receipt:
        """The post of ``parcel``: the one already in the repository, or a new one."""
        from atproto_client import models  # noqa: PLC0415 -- loaded only when a bluesky account delivers

        key = record_key(parcel)
        self.stage = "lookup"
        found = await self._lookup(key)
        if found is not None:
            return self._receipt(found.uri, found.cid, key)
        self.stage = "post"
        made = await self._guarded(
            self.client.com.atproto.repo.create_record(
                models.ComAtprotoRepoCreateRecord.Data(
                    repo=self.handle, collection=POST, rkey=key, record=post_record(parcel)
                )
            )
        )
        self.stage = "posted"
        return self._receipt(made.uri, made.cid, key)

    async def delete(self, key: str) -> None:
        from atproto_client import models  # noqa: PLC0415 -- loaded only when a bluesky account delivers

        self.stage = "delete"
        await self._guarded(
            self.client.com.atproto.repo.delete_record(
                models.ComAtprotoRepoDeleteRecord.Data(repo=self.handle, collection=POST, rkey=key)
            )
        )

    async def close(self) -> None:
        if self.client is not None:
            await self.client.request.close()

    async def _lookup(self, key: str) -> Any:
        from atproto_client import models  # noqa: PLC0415 -- loaded only when a bluesky account delivers
        from atproto_client.exceptions import BadRequestError  # type: ignore[import-untyped]  # noqa: PLC0415 -- as above

        params = models.ComAtprotoRepoGetRecord.Params(repo=self.handle, collection=POST, rkey=key)
        try:
            return await self.client.com.atproto.repo.get_record(params)
        except BadRequestError as exc:
            if _xrpc_error(exc) == "RecordNotFound":
                return None
            raise self._classified(exc) from None
        except Exception as exc:  # every SDK and transport error is classified
            raise self._classified(exc) from None

    async def _guarded(self, call: Awaitable[Any]) -> Any:
        try:
            return await call
        except Exception as exc:  # every SDK and transport error is classified
            raise self._classified(exc) from None

    def _classified(self, error: Exception) -> Exception:
        import httpx  # noqa: PLC0415 -- the SDK's transport, loaded with it

        response = getattr(error, "response", None)
        if response is not None:
            said = f"{self.url} answered {response.status_code} {_xrpc_error(error) or ''}".rstrip()
            return self.lost(said) if response.status_code >= 500 else self.refused(said)
        # the SDK wraps some transport errors (its cause) and lets others through
        transport = error if isinstance(error, httpx.HTTPError) else error.__cause__
        if isinstance(transport, httpx.ConnectError | httpx.ConnectTimeout):
            return self.refused(f"cannot reach {self.url}")
        if isinstance(transport, httpx.HTTPError):
            return self.lost(f"the connection to {self.url} was lost")
        return self.refused(f"{type(error).__name__}: {error}")

    def refused(self, why: str) -> Exception:
        """Nothing of this try reached the repository, unless a post was already made."""
        if self.stage == "delete":
            return self.lost(why)
        return DeliveryFailed(f"account {self.account}: {why}")

    def lost(self, why: str) -> Exception:
        """The repository may hold the post: only while (or after) it was being written."""
        if self.stage == "delete":
            return DeliveryUnknown(
                f"account {self.account}: the corrected post is up, the original may remain: "
                f"{why} (a retry deletes it)"
            )
        if self.stage in {"post", "posted"}:
            return DeliveryUnknown(
                f"account {self.account}: {why} (a retry looks the post up before posting)"
            )
        return DeliveryFailed(f"account {self.account}: {why}")

    def _receipt(self, uri: str, cid: str | None, key: str) -> Receipt:
        details = {"rkey": key} | ({"cid": cid} if cid else {})
        return Receipt(
            remote_id=uri,
            url=f"https://bsky.app/profile/{self.handle}/post/{key}",
            details=details,
        )


def record_key(parcel: Parcel) -> str:
    """The record key of a delivery: a TID (what a post's key must be) whose time is the
    publication's second and whose microseconds and clock id come from the incident and the
    delivery id. Every try of a delivery, which carries the same parcel, names the same record;
    keys of one publication sort by time like any other post's."""
    digest = hashlib.sha256(f"{parcel.incident}\x00{parcel.delivery}".encode()).digest()
    spread = int.from_bytes(digest[:8], "big")
    second = int(parcel.published_at.timestamp())
    micros = second * 1_000_000 + spread % 1_000_000
    clock = (spread // 1_000_000) % 1024
    value = (micros << 10) | clock
    return "".join(_SORTABLE[(value >> shift) & 31] for shift in range(60, -1, -5))


def post_record(parcel: Parcel) -> dict[str, Any]:
    """The app.bsky.feed.post record of ``parcel``: its text, language and links."""
    record: dict[str, Any] = {
        "$type": POST,
        "text": parcel.text,
        "createdAt": _iso(parcel.published_at),
        "langs": [parcel.lang],
    }
    if facets := link_facets(parcel.text):
        record["facets"] = facets
    return record


def link_facets(text: str) -> list[dict[str, Any]]:
    """A link facet for each URL of ``text``, its offsets in UTF-8 bytes (not characters)."""
    facets = []
    for match in _LINK.finditer(text):
        link = match.group().rstrip(_TRAILING)
        if link.endswith(")") and link.count("(") < link.count(")"):
            link = link[:-1]
        start = len(text[: match.start()].encode("utf-8"))
        facets.append(
            {
                "$type": "app.bsky.richtext.facet",
                "index": {"byteStart": start, "byteEnd": start + len(link.encode("utf-8"))},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": link}],
            }
        )
    return facets


def _iso(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, as Bluesky writes ``createdAt``."""
    utc = moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _xrpc_error(error: Exception) -> str | None:
    content = getattr(getattr(error, "response", None), "content", None)
    return getattr(content, "error", None)
