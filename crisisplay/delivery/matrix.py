"""Matrix: one m.room.message in each room of the account, through matrix-nio.

Each message is sent with a transaction id derived from the delivery and the room: a homeserver
answers a repeated transaction with the event it already made, so a retry after a lost answer
never posts twice. A correction is an edit (``m.replace``) of the original event in each room.

nio's client is asynchronous; a delivery runs it in an event loop of its own, under one deadline
for all the rooms (``asyncio.wait_for``), and closes it before returning.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crisisplay.delivery.base import (
    Connector,
    DeliveryFailed,
    DeliveryUnknown,
    Parcel,
    Receipt,
)

Content = dict[str, Any]


class MatrixConnector(Connector):
    """Messages in the account's ``rooms`` (``!id:server``) of the homeserver at ``url``."""

    kind = "matrix"
    idempotent = True
    edits = True

    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        contents = {room: _message(parcel.text, parcel.html) for room in self._rooms()}
        return self._send(parcel.delivery, contents, {}, timeout)

    def correct(self, parcel: Parcel, original: Receipt, timeout: float) -> Receipt:
        """An edit of the original message in each room; a room the original never reached
        (added to the account since) gets the corrected text as a message of its own."""
        contents: dict[str, Content] = {}
        replaced: dict[str, str] = {}
        for room in self._rooms():
            root = original.details.get(f"{room} replaces") or original.details.get(room)
            if root:
                contents[room] = _replacement(parcel.text, parcel.html, root)
                replaced[f"{room} replaces"] = root
            else:
                contents[room] = _message(parcel.text, parcel.html)
        return self._send(parcel.delivery, contents, replaced, timeout)

    def _rooms(self) -> tuple[str, ...]:
        if not self.account.url:
            raise DeliveryFailed(f"account {self.account.id}: no url (the homeserver's address)")
        if not self.account.rooms:
            raise DeliveryFailed(f"account {self.account.id}: no rooms")
        return self.account.rooms

    def _send(
        self,
        delivery: str,
        contents: Mapping[str, Content],
        replaced: Mapping[str, str],
        timeout: float,
    ) -> Receipt:
        token = self.secrets.get(self.account, "token")
        sending = _Sending(self.account.id, str(self.account.url), token)
        work = sending.run(self.account.user, delivery, contents, timeout)
        import asyncio  # noqa: PLC0415 -- loaded only when a matrix account delivers

        try:
            asyncio.run(asyncio.wait_for(work, timeout))
        except (asyncio.TimeoutError, TimeoutError):
            if len(sending.events) < len(contents):
                sending.uncertain.append(f"no answer from {self.account.url} within {timeout:g} s")
        return sending.outcome(len(contents), replaced)


@dataclass
class _Sending:
    """What one delivery did, room by room: the events made, and what went wrong."""

    account: str
    url: str
    token: str
    events: dict[str, str] = field(default_factory=dict)
    #: errors after which the room cannot have the message
    refused: list[str] = field(default_factory=list)
    #: errors after which it may
    uncertain: list[str] = field(default_factory=list)

    async def run(
        self, user: str | None, delivery: str, contents: Mapping[str, Content], timeout: float
    ) -> None:
        from nio import AsyncClient, AsyncClientConfig  # type: ignore[import-untyped]  # noqa: PLC0415 -- loaded only when a matrix account delivers

        config = AsyncClientConfig(
            max_limit_exceeded=0,
            max_timeouts=0,
            request_timeout=timeout,
            encryption_enabled=False,
            store_sync_tokens=False,
        )
        client = AsyncClient(self.url, user or "", config=config)
        client.access_token = self.token
        try:
            for room, content in contents.items():
                if not await self._send_one(client, room, content, transaction(delivery, room)):
                    break
        finally:
            await client.close()

    async def _send_one(self, client: Any, room: str, content: Content, txn: str) -> bool:
        """Send to one room; False when the homeserver is out of reach (no use trying the
        other rooms)."""
        import asyncio  # noqa: PLC0415 -- loaded only when a matrix account delivers

        import aiohttp  # noqa: PLC0415 -- nio's transport, loaded with it
        from nio import RoomSendResponse  # noqa: PLC0415 -- as above

        try:
            answer = await client.room_send(room, "m.room.message", content, tx_id=txn)
        except aiohttp.ClientConnectorError:
            self.refused.append(f"cannot reach {self.url}")
            return False
        except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError):
            self.uncertain.append(f"{room}: the connection to {self.url} was lost")
            return False
        if isinstance(answer, RoomSendResponse):
            self.events[room] = answer.event_id
            return True
        status = getattr(getattr(answer, "transport_response", None), "status", 0) or 0
        said = self._scrubbed(f"{room}: {self.url} answered {status} {answer}")
        (self.uncertain if status >= 500 else self.refused).append(said)
        return True

    def outcome(self, rooms: int, replaced: Mapping[str, str]) -> Receipt:
        problems = "; ".join(self.uncertain + self.refused)
        if not self.uncertain and not self.refused:
            first_room, first_event = next(iter(self.events.items()))
            return Receipt(
                remote_id=first_event,
                url=f"https://matrix.to/#/{first_room}/{first_event}",
                details={**self.events, **replaced},
            )
        if not self.uncertain and not self.events:
            raise DeliveryFailed(f"account {self.account}: {problems}")
        raise DeliveryUnknown(
            f"account {self.account}: delivered to {len(self.events)} of {rooms} rooms; "
            f"{problems} (a retry reuses the transaction ids: nothing is posted twice)"
        )

    def _scrubbed(self, message: str) -> str:
        return message.replace(self.token, "***")


def transaction(delivery: str, room: str) -> str:
    """The transaction id of a delivery in one room: the same on every try."""
    digest = hashlib.sha256(f"{delivery}\x00{room}".encode()).hexdigest()
    return f"crisisplay-{digest[:32]}"


def _message(text: str, html: str | None) -> Content:
    content: Content = {"msgtype": "m.text", "body": text}
    if html:
        content |= {"format": "org.matrix.custom.html", "formatted_body": html}
    return content


def _replacement(text: str, html: str | None, original_event: str) -> Content:
    """An edit: clients that know edits show ``m.new_content``, the others the starred body."""
    content = _message(f"* {text}", f"* {html}" if html else None)
    content["m.new_content"] = _message(text, html)
    content["m.relates_to"] = {"rel_type": "m.replace", "event_id": original_event}
    return content
