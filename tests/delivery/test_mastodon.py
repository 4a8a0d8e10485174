"""The mastodon connector against a Mastodon API server on the loopback (mastodon-mock)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path

import pytest

from crisisplay.delivery.base import DeliveryFailed, DeliveryUnknown, Receipt
from crisisplay.delivery.kinds import CONNECTORS
from crisisplay.delivery.mastodon import MastodonConnector
from crisisplay.delivery.secrets import EnvironmentSecrets
from crisisplay.playbook.model import Account
from tests.delivery.proxy import DropProxy
from tests.delivery.servers_social import MastodonServer
from tests.delivery.social_contract import SocialContract, dropping_proxy, parcel, unique


class Instance:
    completes = "POST /api/v1/statuses "

    def __init__(self, server: MastodonServer) -> None:
        self.server = server
        self.secret = server.token

    def connector(self, url: str | None = None, secret: str | None = None) -> MastodonConnector:
        account = Account(
            id="mastodon-main",
            kind="mastodon",
            channels=("mastodon",),
            url=url or self.server.url,
            token_env="MASTODON_TOKEN",
        )
        environ = {"MASTODON_TOKEN": secret or self.secret}
        return MastodonConnector(account, EnvironmentSecrets(environ, Path()), Path())

    def stored(self, receipt: Receipt) -> str:
        assert receipt.remote_id
        return self.server.source(receipt.remote_id)

    def count(self, text: str) -> int:
        statuses = self.server.statuses()
        return sum(1 for status in statuses if self.server.source(status["id"]) == text)

    def dropping(self, marker: str) -> contextlib.AbstractContextManager[tuple[str, DropProxy]]:
        host, port = self.server.url.removeprefix("http://").split(":")
        return dropping_proxy((host, int(port)), marker)


@pytest.fixture
def service(mastodon: MastodonServer) -> Instance:
    return Instance(mastodon)


class TestMastodon(SocialContract):
    def test_a_public_status_in_the_parcels_language(self, service: Instance) -> None:
        text = unique("Service rétabli : appels, SMS et données fonctionnent de nouveau.")
        receipt = service.connector().deliver(parcel(text, lang="fr"), timeout=10)
        assert receipt.remote_id
        status = service.server.status(receipt.remote_id)
        assert status["visibility"] == "public"
        assert status["language"] == "fr"
        assert receipt.url == status["url"]

    def test_a_correction_edits_the_status_in_place(self, service: Instance) -> None:
        original = service.connector().deliver(parcel(unique()), timeout=10)
        corrected = unique("Correctif : le prochain point est à 11 h 30, et non 11 h 00.")
        receipt = service.connector().correct(parcel(corrected), original, timeout=10)
        assert receipt.remote_id == original.remote_id
        assert service.stored(receipt) == corrected
        assert original.remote_id
        assert len(service.server.history(original.remote_id)) == 2
        assert service.count(corrected) == 1

    def test_a_lost_answer_to_an_edit_is_unknown_and_the_edit_can_be_made_again(
        self, service: Instance
    ) -> None:
        original = service.connector().deliver(parcel(unique()), timeout=10)
        corrected = unique("Correctif : 112 joignable partout.")
        with service.dropping(f"PUT /api/v1/statuses/{original.remote_id} ") as (url, proxy):
            with pytest.raises(DeliveryUnknown):
                service.connector(url).correct(parcel(corrected), original, timeout=10)
            proxy.armed = False
            receipt = service.connector(url).correct(parcel(corrected), original, timeout=10)
        assert service.stored(receipt) == corrected
        assert service.count(corrected) == 1

    def test_a_refused_token_fails_and_says_so(self, service: Instance) -> None:
        with pytest.raises(DeliveryFailed, match="401"):
            service.connector(secret="not-the-token").deliver(parcel(unique()), timeout=10)

    def test_a_silent_server_is_given_up_at_the_timeout(self) -> None:
        """The instance takes the connection and never answers: the status may have been
        taken, so the outcome is unknown, and it comes within the timeout."""
        with socket.create_server(("127.0.0.1", 0)) as silent:
            held: list[socket.socket] = []
            accepting = threading.Thread(target=lambda: held.append(silent.accept()[0]))
            accepting.start()
            url = f"http://127.0.0.1:{silent.getsockname()[1]}"
            service = Instance(MastodonServer(url, token="silent-token", username="nobody"))
            started = time.monotonic()
            with pytest.raises(DeliveryUnknown, match="within 1 s"):
                service.connector().deliver(parcel(unique()), timeout=1)
            assert time.monotonic() - started < 2.5
            accepting.join()
            for connection in held:
                connection.close()

    def test_the_kind_is_registered(self) -> None:
        assert CONNECTORS["mastodon"] is MastodonConnector
        assert MastodonConnector.idempotent and MastodonConnector.edits
