"""The matrix connector against Synapse on the loopback (SQLite, started once per session)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from crisisplay.delivery.base import DeliveryFailed, DeliveryUnknown, Receipt
from crisisplay.delivery.kinds import CONNECTORS
from crisisplay.delivery.matrix import MatrixConnector, transaction
from crisisplay.delivery.secrets import EnvironmentSecrets
from crisisplay.playbook.model import Account
from tests.delivery.proxy import DropProxy
from tests.delivery.servers_social import Homeserver
from tests.delivery.social_contract import SocialContract, dropping_proxy, parcel, unique


class Rooms:
    completes = "PUT /_matrix/client/v3/rooms/"

    def __init__(self, home: Homeserver) -> None:
        self.home = home
        self.secret = home.cell.token

    def connector(
        self,
        url: str | None = None,
        secret: str | None = None,
        rooms: tuple[str, ...] | None = None,
    ) -> MatrixConnector:
        account = Account(
            id="matrix-cell",
            kind="matrix",
            channels=("matrix",),
            url=url or self.home.server.url,
            user=self.home.cell.user_id,
            rooms=rooms or self.home.rooms,
            token_env="MATRIX_TOKEN",
        )
        environ = {"MATRIX_TOKEN": secret or self.secret}
        return MatrixConnector(account, EnvironmentSecrets(environ, Path()), Path())

    def messages(self, room: str) -> list[dict[str, object]]:
        return self.home.server.messages(self.home.cell, room)

    def stored(self, receipt: Receipt) -> str:
        assert receipt.remote_id
        event = self.home.server.event(self.home.cell, self.home.rooms[0], receipt.remote_id)
        return str(event["content"]["body"])

    def count(self, text: str, room: str | None = None) -> int:
        messages = self.messages(room or self.home.rooms[0])
        return sum(1 for event in messages if event["content"].get("body") == text)  # type: ignore[attr-defined]

    def dropping(self, marker: str) -> contextlib.AbstractContextManager[tuple[str, DropProxy]]:
        host, port = self.home.server.url.removeprefix("http://").split(":")
        return dropping_proxy((host, int(port)), marker)


@pytest.fixture
def service(synapse: Homeserver) -> Rooms:
    return Rooms(synapse)


class TestMatrix(SocialContract):
    def test_every_room_gets_the_message_and_the_receipt_names_each_event(
        self, service: Rooms
    ) -> None:
        text = unique()
        receipt = service.connector().deliver(parcel(text), timeout=10)
        first, second = service.home.rooms
        assert receipt.remote_id == receipt.details[first]
        assert receipt.url == f"https://matrix.to/#/{first}/{receipt.remote_id}"
        for room in (first, second):
            [event] = [e for e in service.messages(room) if e["event_id"] == receipt.details[room]]
            assert event["content"] == {"msgtype": "m.text", "body": text}
            assert event["sender"] == service.home.cell.user_id

    def test_html_goes_as_the_formatted_body(self, service: Rooms) -> None:
        text = unique("Panne réseau : appels perturbés.")
        html = "<p><strong>Panne réseau</strong> : appels perturbés.</p>"
        receipt = service.connector().deliver(parcel(text, html=html), timeout=10)
        assert receipt.remote_id
        event = service.home.server.event(
            service.home.cell, service.home.rooms[0], receipt.remote_id
        )
        assert event["content"] == {
            "msgtype": "m.text",
            "body": text,
            "format": "org.matrix.custom.html",
            "formatted_body": html,
        }

    def test_a_retry_after_a_lost_answer_completes_every_room_once(self, service: Rooms) -> None:
        text = unique()
        sent = parcel(text)
        with service.dropping(service.completes) as (url, proxy):
            with pytest.raises(DeliveryUnknown, match="delivered to 0 of 2 rooms"):
                service.connector(url).deliver(sent, timeout=10)
            proxy.armed = False
            receipt = service.connector(url).deliver(sent, timeout=10)
        for room in service.home.rooms:
            assert service.count(text, room) == 1
            [event] = [e for e in service.messages(room) if e["content"].get("body") == text]  # type: ignore[attr-defined]
            assert receipt.details[room] == event["event_id"]

    def test_a_correction_replaces_the_message_in_each_room(self, service: Rooms) -> None:
        original = service.connector().deliver(parcel(unique()), timeout=10)
        corrected = unique("Correctif : le prochain point est à 11 h 30.")
        receipt = service.connector().correct(parcel(corrected), original, timeout=10)
        for room in service.home.rooms:
            edit = service.home.server.event(service.home.cell, room, receipt.details[room])
            assert edit["content"]["m.new_content"] == {"msgtype": "m.text", "body": corrected}
            assert edit["content"]["m.relates_to"] == {
                "rel_type": "m.replace",
                "event_id": original.details[room],
            }
            assert edit["content"]["body"] == f"* {corrected}"
            root = service.home.server.event(service.home.cell, room, original.details[room])
            replaced = root["unsigned"]["m.relations"]["m.replace"]
            assert replaced["event_id"] == receipt.details[room]
            assert receipt.details[f"{room} replaces"] == original.details[room]

    def test_a_second_correction_edits_the_original_again(self, service: Rooms) -> None:
        original = service.connector().deliver(parcel(unique()), timeout=10)
        first = service.connector().correct(parcel(unique("Correctif 1")), original, timeout=10)
        last = unique("Correctif 2")
        second = service.connector().correct(parcel(last), first, timeout=10)
        room = service.home.rooms[0]
        edit = service.home.server.event(service.home.cell, room, second.details[room])
        assert edit["content"]["m.relates_to"]["event_id"] == original.details[room]

    def test_a_room_the_account_cannot_post_in_fails_when_nothing_went_out(
        self, service: Rooms
    ) -> None:
        stranger = service.home.server.register(f"autre{len(service.home.server.users)}")
        closed = service.home.server.create_room(stranger, "Salle fermée")
        with pytest.raises(DeliveryFailed, match="403"):
            service.connector(rooms=(closed,)).deliver(parcel(unique()), timeout=10)

    def test_a_partial_delivery_is_unknown_and_names_the_count(self, service: Rooms) -> None:
        stranger = service.home.server.register(f"autre{len(service.home.server.users)}")
        closed = service.home.server.create_room(stranger, "Salle fermée")
        text = unique()
        rooms = (service.home.rooms[0], closed)
        with pytest.raises(DeliveryUnknown, match="delivered to 1 of 2 rooms"):
            service.connector(rooms=rooms).deliver(parcel(text), timeout=10)
        assert service.count(text) == 1

    def test_transaction_ids_are_stable_and_differ_by_room(self) -> None:
        assert transaction("dlv-1", "!a:x") == transaction("dlv-1", "!a:x")
        assert transaction("dlv-1", "!a:x") != transaction("dlv-1", "!b:x")
        assert transaction("dlv-1", "!a:x") != transaction("dlv-2", "!a:x")

    def test_the_kind_is_registered(self) -> None:
        assert CONNECTORS["matrix"] is MatrixConnector
