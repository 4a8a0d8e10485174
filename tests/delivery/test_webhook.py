"""The webhook connector against a real HTTP receiver on 127.0.0.1 that verifies Standard
Webhooks signatures with its own code, and through a proxy that loses the receiver's answer."""

from __future__ import annotations

import base64
import json
import os
import socket
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crisisplay.delivery.base import DeliveryFailed, DeliveryUnknown, Parcel, Receipt
from crisisplay.delivery.kinds import connector_for
from crisisplay.delivery.secrets import EnvironmentSecrets
from crisisplay.delivery.webhook import WebhookConnector, signature, webhook_body
from crisisplay.playbook.model import Account
from tests.delivery.proxy import DropProxy
from tests.delivery.webhook_receiver import WebhookReceiver

SECRET = "whsec_" + base64.b64encode(os.urandom(24)).decode()
AT = datetime(2026, 11, 23, 7, 52, 10, tzinfo=timezone(timedelta(hours=1)))
#: accents, typographic apostrophes, an emoji, quotes and a backslash: every byte must survive
TEXT = (
    "Panne en cours : appels et internet mobile coupés pour 60 % de nos clients.\n"
    'En cas d’urgence, appelez le 112 depuis un fixe. « Prochain point à 9h40 » 📶 \\ "ok"'
)


@pytest.fixture(scope="session")
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(SECRET) as running:
        yield running


@pytest.fixture
def fresh(receiver: WebhookReceiver) -> WebhookReceiver:
    receiver.forget()
    return receiver


def account(url: str, secret_env: str | None = "HOOK_SECRET", timeout: float = 5.0) -> Account:
    return Account(
        id="social-tool",
        kind="webhook",
        channels=("x", "facebook"),
        url=url,
        secret_env=secret_env,
        timeout=timeout,
    )


def connector(url: str, secret: str = SECRET, **kwargs: object) -> WebhookConnector:
    chosen = account(url, **kwargs)  # type: ignore[arg-type]
    built = connector_for(chosen, EnvironmentSecrets({"HOOK_SECRET": secret}, Path()), Path())
    assert isinstance(built, WebhookConnector)
    return built


def parcel(delivery: str = "d-holding-x-fr", **changes: object) -> Parcel:
    fields: dict[str, object] = {
        "delivery": delivery,
        "incident": "20261123-0742-nationwide-outage-3f9a",
        "message": "holding",
        "kind": "holding",
        "channel": "x",
        "lang": "fr",
        "text": TEXT,
        "published_at": AT,
        "next_update": AT + timedelta(hours=1, minutes=40),
    }
    fields.update(changes)
    return Parcel(**fields)  # type: ignore[arg-type]


def test_the_signature_is_the_specifications_own_example() -> None:
    # the signing example of the Standard Webhooks reference libraries
    assert (
        signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            b'{"test": 2432232314}',
        )
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )


def test_the_receiver_verifies_the_signature_and_gets_the_text_byte_for_byte(
    fresh: WebhookReceiver,
) -> None:
    sent = parcel(subject="Panne du réseau mobile")
    receipt = connector(fresh.url + "/hook").deliver(sent, timeout=5)
    assert receipt == Receipt(remote_id="d-holding-x-fr", url=None, details={"status": "200"})
    [request] = fresh.requests
    assert request.verified
    assert request.headers["webhook-id"] == "d-holding-x-fr"
    assert abs(int(request.headers["webhook-timestamp"]) - time.time()) < 60
    assert request.body == webhook_body(sent)
    body = json.loads(request.body)
    assert body["text"].encode() == TEXT.encode()
    assert body == {
        "incident": "20261123-0742-nationwide-outage-3f9a",
        "message": "holding",
        "channel": "x",
        "lang": "fr",
        "text": TEXT,
        "subject": "Panne du réseau mobile",
        "published_at": "2026-11-23T07:52:10+01:00",
        "next_update": "2026-11-23T09:32:10+01:00",
    }
    assert list(body) == list(json.loads(webhook_body(sent)))  # the order of the brief
    assert request.headers["content-type"] == "application/json"


def test_the_receivers_id_is_the_remote_id(fresh: WebhookReceiver) -> None:
    receipt = connector(fresh.url + "/id").deliver(parcel("d-1"), timeout=5)
    assert receipt.remote_id == "remote-1"
    assert fresh.taken["d-1"].verified


def test_a_wrong_secret_is_refused_by_the_receiver(fresh: WebhookReceiver) -> None:
    other = "whsec_" + base64.b64encode(b"not the receiver's secret").decode()
    with pytest.raises(DeliveryFailed, match=r"refused it \(HTTP 401\)"):
        connector(fresh.url + "/hook", secret=other).deliver(parcel(), timeout=5)
    assert [r.verified for r in fresh.requests] == [False]
    assert fresh.taken == {}


def test_an_account_without_secret_sends_no_signature(fresh: WebhookReceiver) -> None:
    with pytest.raises(DeliveryFailed, match="401"):
        connector(fresh.url + "/hook", secret_env=None).deliver(parcel(), timeout=5)
    [request] = fresh.requests
    assert "webhook-signature" not in request.headers
    assert request.headers["webhook-id"] == "d-holding-x-fr"


@pytest.mark.parametrize(
    ("status", "said"), [(400, "refused it"), (404, "refused it"), (429, "try again"),
                         (408, "try again"), (500, "try again"), (503, "try again")],
)  # fmt: skip
def test_an_error_status_is_a_failure(fresh: WebhookReceiver, status: int, said: str) -> None:
    with pytest.raises(DeliveryFailed, match=f"{said}.*{status}|{status}.*{said}"):
        connector(f"{fresh.url}/status/{status}").deliver(parcel(), timeout=5)
    assert fresh.taken == {}


def test_nobody_listening_is_a_failure_at_once() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(DeliveryFailed, match="connection refused"):
        connector(f"http://127.0.0.1:{port}/hook").deliver(parcel(), timeout=5)
    assert time.monotonic() - started < 2.5  # at once, not after the 5 s


def test_a_silent_receiver_is_unknown_within_the_timeout(fresh: WebhookReceiver) -> None:
    started = time.monotonic()
    with pytest.raises(DeliveryUnknown, match=r"no answer within 0\.5 s"):
        connector(fresh.url + "/slow").deliver(parcel(), timeout=0.5)
    assert time.monotonic() - started < 2.0  # bounded by the timeout, not the receiver
    assert list(fresh.taken) == ["d-holding-x-fr"]  # it had taken it


def test_an_answer_lost_after_the_receiver_took_it_is_unknown_then_a_retry_is_sent(
    fresh: WebhookReceiver,
) -> None:
    upstream = ("127.0.0.1", fresh.port)
    with DropProxy(upstream, drops=lambda sent: b"\r\n\r\n" in sent) as proxy:
        hook = connector(f"http://127.0.0.1:{proxy.port}/id")
        with pytest.raises(DeliveryUnknown, match="lost after the request"):
            hook.deliver(parcel("d-drop"), timeout=5)
        assert proxy.dropped == 1
        assert len(fresh.requests) == 1 and list(fresh.taken) == ["d-drop"]
        proxy.armed = False
        receipt = hook.deliver(parcel("d-drop"), timeout=5)  # the same webhook-id
    assert receipt.remote_id == "remote-1"  # the receiver's answer to the first
    assert [r.headers["webhook-id"] for r in fresh.requests] == ["d-drop", "d-drop"]
    assert all(r.verified for r in fresh.requests)
    assert len(fresh.taken) == 1  # deduped: posted once


def test_a_correction_says_what_it_corrects(fresh: WebhookReceiver) -> None:
    hook = connector(fresh.url + "/id")
    original = hook.deliver(parcel("d-1"), timeout=5)
    corrected = parcel("d-1-fix", text="Corrigé : internet mobile coupé pour 40 % de nos clients.")
    receipt = hook.correct(corrected, original, timeout=5)
    assert receipt.remote_id == "remote-2"
    body = json.loads(fresh.taken["d-1-fix"].body)
    assert body["corrects"] == "remote-1" and body["correction"] is True
    assert body["text"] == corrected.text
    assert "corrects" not in json.loads(fresh.taken["d-1"].body)


def test_the_secret_and_the_hooks_path_are_never_told(
    fresh: WebhookReceiver, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    told: list[str] = []
    token = "T0KEN-in-the-path-8c1f"
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        closed = unused.getsockname()[1]
    attempts = [
        (fresh.url + "/hook", SECRET),
        (fresh.url + f"/{token}/status/401", SECRET),
        (fresh.url + f"/{token}/status/503", SECRET),
        (fresh.url + "/hook", "whsec_" + base64.b64encode(b"wrong").decode()),
        (f"http://127.0.0.1:{closed}/{token}", SECRET),
        (fresh.url + "/hook", "whsec_!!not-base64-" + token),
    ]
    for number, (url, secret) in enumerate(attempts):
        try:
            sent = parcel(f"d-{number}")
            told.append(repr(connector(url, secret=secret).deliver(sent, timeout=5)))
        except (DeliveryFailed, DeliveryUnknown) as exc:
            told += [str(exc), repr(exc)]
    with pytest.raises(DeliveryFailed) as missing:
        connector(fresh.url + "/hook", secret="").deliver(parcel(), timeout=5)
    told.append(str(missing.value))
    captured = capsys.readouterr()
    everything = "\n".join([*told, captured.out, captured.err, caplog.text])
    assert len(told) >= 11 and "$HOOK_SECRET is not set" in everything
    for value in (SECRET, SECRET.removeprefix("whsec_"), token):
        assert value not in everything
    assert "social-tool (127.0.0.1)" in everything  # errors name the account and the host
