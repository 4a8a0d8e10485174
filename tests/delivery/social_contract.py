"""What every connector to a social platform does, whatever its platform: one contract, tested
against each real server by a subclass that provides the ``service`` fixture."""

from __future__ import annotations

import contextlib
import logging
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Protocol

import pytest

from crisisplay.delivery.base import Connector, DeliveryFailed, DeliveryUnknown, Parcel, Receipt
from tests.delivery.proxy import DropProxy
from tests.delivery.servers_social import closed_url

#: accents, a typographic apostrophe, emoji and a link: what the cell writes, as it writes it
TEXT = (
    "Panne réseau en Île-de-France : appels et SMS perturbés depuis 9 h 40 📶⚠️. "
    "Nos équipes sont mobilisées ; l’urgence 112 reste joignable. "
    "Détails : https://statut.onde-mobile.example/incidents/r-2024-118 — prochain point à 11 h 00."
)


def parcel(text: str = TEXT, *, lang: str = "fr", html: str | None = None) -> Parcel:
    """A parcel with a delivery id of its own."""
    return Parcel(
        delivery=f"dlv-{uuid.uuid4().hex[:12]}",
        incident="r-2024-118",
        message="holding",
        kind="holding",
        channel="social",
        lang=lang,
        text=text,
        published_at=datetime(2024, 6, 11, 9, 52, tzinfo=timezone.utc),
        html=html,
    )


def unique(text: str = TEXT) -> str:
    """The text with a mark of its own, so that a test counts its own posts only."""
    return f"{text} [{uuid.uuid4().hex[:6]}]"


class Service(Protocol):
    """A platform's real server, as one test module exposes it to the contract."""

    #: the credential the connector logs in with
    secret: str

    def connector(self, url: str | None = None, secret: str | None = None) -> Connector:
        """A connector to the server (or to ``url``), logging in with ``secret`` if given."""

    def stored(self, receipt: Receipt) -> str:
        """The text the server keeps for what ``receipt`` names."""

    def count(self, text: str) -> int:
        """How many posts of the account have exactly this text."""

    def dropping(
        self, proxy_drops: str
    ) -> contextlib.AbstractContextManager[tuple[str, DropProxy]]:
        """A proxy that loses the answer to the request naming ``proxy_drops``, and its URL."""

    #: the text of the request that completes a delivery (its path), for the proxy
    completes: str


class SocialContract:
    """The contract. Deliveries use a generous timeout (a loaded machine), except where the
    timeout itself is under test."""

    def test_the_server_keeps_the_text_byte_for_byte(self, service: Service) -> None:
        text = unique()
        receipt = service.connector().deliver(parcel(text), timeout=10)
        assert receipt.remote_id
        assert service.stored(receipt).encode("utf-8") == text.encode("utf-8")
        assert service.count(text) == 1

    def test_a_lost_answer_is_unknown_and_its_retry_posts_once(self, service: Service) -> None:
        text = unique()
        sent = parcel(text)
        with service.dropping(service.completes) as (url, proxy):
            with pytest.raises(DeliveryUnknown):
                service.connector(url).deliver(sent, timeout=10)
            assert proxy.dropped >= 1  # a transport may retry an idempotent PUT once
            assert service.count(text) == 1  # the server took it; the client never heard
            proxy.armed = False
            receipt = service.connector(url).deliver(sent, timeout=10)
        assert service.count(text) == 1
        assert service.stored(receipt) == text

    def test_a_second_delivery_of_the_same_parcel_posts_nothing(self, service: Service) -> None:
        text = unique()
        sent = parcel(text)
        first = service.connector().deliver(sent, timeout=10)
        again = service.connector().deliver(sent, timeout=10)
        assert again.remote_id == first.remote_id
        assert service.count(text) == 1

    def test_a_server_down_fails_within_the_timeout(self, service: Service) -> None:
        started = time.monotonic()
        with pytest.raises(DeliveryFailed):
            service.connector(closed_url()).deliver(parcel(unique()), timeout=2)
        assert time.monotonic() - started < 3.5

    def test_no_credential_in_any_error_receipt_or_output(
        self,
        service: Service,
        capfd: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        caplog.set_level(logging.DEBUG)
        seen: list[str] = []
        receipt = service.connector().deliver(parcel(unique()), timeout=10)
        seen.append(repr(receipt))
        wrong = service.secret[::-1]
        for url, secret in [(closed_url(), None), (None, wrong)]:
            with pytest.raises((DeliveryFailed, DeliveryUnknown)) as caught:
                service.connector(url, secret).deliver(parcel(unique()), timeout=10)
            seen += [str(caught.value), repr(caught.value)]
        with (
            service.dropping(service.completes) as (url, _),
            pytest.raises(DeliveryUnknown) as lost,
        ):
            service.connector(url).deliver(parcel(unique()), timeout=10)
        seen += [str(lost.value), repr(lost.value)]
        out, err = capfd.readouterr()
        seen += [out, err, caplog.text]
        for credential in (service.secret, wrong):
            assert not [text for text in seen if credential in text]


@contextlib.contextmanager
def dropping_proxy(upstream: tuple[str, int], marker: str) -> Iterator[tuple[str, DropProxy]]:
    """A proxy of its own to ``upstream`` that loses the answer to a request naming ``marker``."""
    needle = marker.encode()
    with DropProxy(upstream, drops=lambda sent: needle in sent) as proxy:
        yield f"http://127.0.0.1:{proxy.port}", proxy
