"""The bluesky connector against the reference PDS on the loopback (@atproto/pds, Node)."""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.delivery.base import DeliveryFailed, DeliveryUnknown, Receipt
from crisisplay.delivery.bluesky import BlueskyConnector, link_facets, record_key
from crisisplay.delivery.kinds import CONNECTORS
from crisisplay.delivery.secrets import EnvironmentSecrets
from crisisplay.playbook.model import Account
from tests.delivery.proxy import DropProxy
from tests.delivery.servers_social import PdsServer, pds_server
from tests.delivery.social_contract import TEXT, SocialContract, parcel, unique

TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")


@pytest.fixture(scope="session")
def pds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PdsServer]:
    with pds_server(tmp_path_factory.mktemp("pds")) as server:
        yield server


class Repository:
    completes = "com.atproto.repo.createRecord"

    def __init__(self, server: PdsServer) -> None:
        self.server = server
        self.secret = server.app_password

    def connector(self, url: str | None = None, secret: str | None = None) -> BlueskyConnector:
        account = Account(
            id="bluesky-main",
            kind="bluesky",
            channels=("bluesky",),
            url=url or f"http://127.0.0.1:{self.server.proxy.port}",
            user=self.server.handle,
            password_env="BLUESKY_APP_PASSWORD",
        )
        environ = {"BLUESKY_APP_PASSWORD": secret or self.secret}
        return BlueskyConnector(account, EnvironmentSecrets(environ, Path()), Path())

    def stored(self, receipt: Receipt) -> str:
        found = self.server.record(receipt.details["rkey"])
        assert found is not None
        return str(found["value"]["text"])

    def count(self, text: str) -> int:
        return sum(1 for record in self.server.records() if record["value"]["text"] == text)

    @contextlib.contextmanager
    def dropping(self, marker: str) -> Iterator[tuple[str, DropProxy]]:
        """The PDS names the session's proxy as its address: the SDK goes through it after
        logging in, so the proxy is armed for the test, then disarmed."""
        proxy = self.server.proxy
        needle = marker.encode()
        proxy.drops = lambda sent: needle in sent
        proxy.dropped = 0
        proxy.armed = True
        try:
            yield f"http://127.0.0.1:{proxy.port}", proxy
        finally:
            proxy.armed = False


@pytest.fixture
def service(pds: PdsServer) -> Repository:
    return Repository(pds)


class TestBluesky(SocialContract):
    def test_the_record_holds_the_language_the_time_and_link_facets_in_bytes(
        self, service: Repository
    ) -> None:
        text = unique("Réseau 📶 : https://statut.example/a — à 11 h.")
        sent = parcel(text, lang="fr")
        receipt = service.connector().deliver(sent, timeout=10)
        stored = service.server.record(receipt.details["rkey"])
        assert stored is not None
        value = stored["value"]
        assert value["$type"] == "app.bsky.feed.post"
        assert value["langs"] == ["fr"]
        assert value["createdAt"] == "2024-06-11T09:52:00.000Z"
        # "Réseau 📶 : " is 11 characters but 15 bytes: é takes 2, the emoji 4
        [facet] = value["facets"]
        assert (facet["index"]["byteStart"], facet["index"]["byteEnd"]) == (15, 39)
        [feature] = facet["features"]
        assert feature["$type"] == "app.bsky.richtext.facet#link"
        assert feature["uri"] == "https://statut.example/a"
        assert text.encode()[15:39] == b"https://statut.example/a"
        assert receipt.remote_id == stored["uri"]
        assert receipt.url == f"https://bsky.app/profile/cell.test/post/{receipt.details['rkey']}"

    def test_links_after_accents_an_apostrophe_and_emoji_point_at_the_link_bytes(
        self, service: Repository
    ) -> None:
        """The cell's own text: accents, l’urgence, 📶 and ⚠️ (two code points) before the link."""
        text = unique(TEXT)
        receipt = service.connector().deliver(parcel(text), timeout=10)
        stored = service.server.record(receipt.details["rkey"])
        assert stored is not None
        [facet] = stored["value"]["facets"]
        start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
        link = "https://statut.onde-mobile.example/incidents/r-2024-118"
        assert stored["value"]["text"].encode()[start:end] == link.encode()
        assert facet["features"][0]["uri"] == link
        assert start > text.index(link)  # bytes, not characters

    def test_the_record_key_is_the_deliverys_tid_and_the_pds_accepts_it(
        self, service: Repository
    ) -> None:
        sent = parcel(unique("Network outage: calls and texts disrupted."), lang="en")
        receipt = service.connector().deliver(sent, timeout=10)
        key = record_key(sent)
        assert TID.match(key)
        assert receipt.details["rkey"] == key
        assert receipt.remote_id == f"at://{service.server.did}/app.bsky.feed.post/{key}"
        stored = service.server.record(key)
        assert stored is not None
        assert stored["value"]["langs"] == ["en"]

    def test_a_correction_posts_the_new_text_then_deletes_the_original(
        self, service: Repository
    ) -> None:
        original = service.connector().deliver(parcel(unique()), timeout=10)
        corrected = unique("Correctif : prochain point à 11 h 30.")
        fix = parcel(corrected)
        receipt = service.connector().correct(fix, original, timeout=10)
        assert receipt.details["rkey"] == record_key(fix) != original.details["rkey"]
        assert service.stored(receipt) == corrected
        assert service.server.record(original.details["rkey"]) is None
        assert service.count(corrected) == 1
        assert receipt.details["replaces"] == original.remote_id

    def test_a_correction_under_the_originals_delivery_is_refused(
        self, service: Repository
    ) -> None:
        sent = parcel(unique())
        original = service.connector().deliver(sent, timeout=10)
        with pytest.raises(DeliveryFailed, match="a delivery of its own"):
            service.connector().correct(sent, original, timeout=10)
        assert service.stored(original) == sent.text

    def test_a_lost_answer_to_a_correction_is_retried_without_a_second_post(
        self, service: Repository
    ) -> None:
        original = service.connector().deliver(parcel(unique()), timeout=10)
        corrected = unique("Correctif : l’incident touche aussi la Normandie.")
        fix = parcel(corrected)
        with service.dropping("com.atproto.repo.createRecord") as (url, proxy):
            with pytest.raises(DeliveryUnknown):
                service.connector(url).correct(fix, original, timeout=10)
            proxy.armed = False
            service.connector(url).correct(fix, original, timeout=10)
        assert service.count(corrected) == 1
        assert service.server.record(original.details["rkey"]) is None

    def test_a_lost_answer_to_the_deletion_says_the_correction_is_up(
        self, service: Repository
    ) -> None:
        original = service.connector().deliver(parcel(unique()), timeout=10)
        corrected = unique("Correctif : 112 joignable.")
        fix = parcel(corrected)
        with service.dropping("com.atproto.repo.deleteRecord") as (url, proxy):
            with pytest.raises(DeliveryUnknown, match="the corrected post is up"):
                service.connector(url).correct(fix, original, timeout=10)
            proxy.armed = False
            service.connector(url).correct(fix, original, timeout=10)
        assert service.count(corrected) == 1
        assert service.server.record(original.details["rkey"]) is None

    def test_the_kind_is_registered(self) -> None:
        assert CONNECTORS["bluesky"] is BlueskyConnector
        assert BlueskyConnector.idempotent and not BlueskyConnector.edits


class TestRecordKeys:
    def test_the_same_delivery_always_gives_the_same_key(self) -> None:
        sent = parcel()
        assert record_key(sent) == record_key(dataclasses.replace(sent, text="autre texte"))

    def test_keys_differ_by_delivery_and_by_incident(self) -> None:
        sent = parcel()
        keys = {
            record_key(sent),
            record_key(dataclasses.replace(sent, delivery="dlv-other")),
            record_key(dataclasses.replace(sent, incident="r-2024-119")),
        }
        assert len(keys) == 3

    def test_a_key_is_a_tid_of_the_publications_second(self) -> None:
        sent = parcel()
        key = record_key(sent)
        assert TID.match(key)
        value = 0
        for char in key:
            value = value * 32 + "234567abcdefghijklmnopqrstuvwxyz".index(char)
        seconds = (value >> 10) // 1_000_000
        assert datetime.fromtimestamp(seconds, timezone.utc) == sent.published_at


class TestLinkFacets:
    def test_offsets_count_bytes_after_accents_and_emoji(self) -> None:
        text = "Île 🚨 https://a.example/x"
        [facet] = link_facets(text)
        assert facet["index"] == {"byteStart": 10, "byteEnd": 29}
        assert text.encode()[10:29].decode() == "https://a.example/x"

    def test_offsets_count_bytes_after_an_apostrophe_and_a_composed_emoji(self) -> None:
        text = "l’urgence ⚠️ : https://a.example/x"
        [facet] = link_facets(text)
        # ’ is 3 bytes, ⚠️ is two code points (U+26A0 U+FE0F), 6 bytes
        assert facet["index"] == {"byteStart": 21, "byteEnd": 40}
        assert text.encode()[21:40] == b"https://a.example/x"

    def test_sentence_punctuation_after_a_link_stays_out_of_it(self) -> None:
        text = "Voir https://a.example/x. Puis (https://b.example/y), et https://c.example/(z)!"
        links = [facet["features"][0]["uri"] for facet in link_facets(text)]
        assert links == ["https://a.example/x", "https://b.example/y", "https://c.example/(z)"]

    def test_a_text_without_link_has_no_facet(self) -> None:
        assert link_facets("Appels perturbés à Lyon.") == []
