"""The smtp connector against real SMTP servers on the loopback (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import itertools
import logging
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from crisisplay.delivery.base import DeliveryFailed, DeliveryUnknown, Parcel, Receipt
from crisisplay.delivery.kinds import CONNECTORS, connector_for
from crisisplay.delivery.secrets import EnvironmentSecrets
from crisisplay.delivery.smtp import SmtpConnector, message_id_for
from crisisplay.playbook.model import Account
from tests.delivery.proxy import DropProxy
from tests.delivery.servers_mail_sms import (
    LOGIN,
    PASSWORD,
    MailServer,
    MailServers,
    Received,
    closed_port,
    silent_server,
)

SENDER = "Onde Mobile <crise@onde-mobile.example>"
PRESS = "presse@example.org"
HOLDING = (
    "Onde Mobile : une panne touche depuis 8 h 40 les appels et les SMS sur tout le territoire.\n"
    "Les équipes techniques sont mobilisées ; l'internet mobile fonctionne.\n"
    "En cas d'urgence, le 112 reste joignable depuis un autre réseau.\n"
    "Prochain point à 11 h 00."
)


@pytest.fixture(scope="session")
def mail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailServers]:
    servers = MailServers(tmp_path_factory.mktemp("mail"))
    yield servers
    servers.close()


@pytest.fixture(autouse=True)
def trust_the_test_ca(mail: MailServers, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(mail.ca_file))


def account(url: str | None, **settings: object) -> Account:
    fields: dict[str, object] = {
        "id": "press-mail",
        "kind": "smtp",
        "channels": ("email",),
        "url": url,
        "from_": SENDER,
        "to": (PRESS,),
    }
    fields.update(settings)
    return Account(**fields)  # type: ignore[arg-type]


_DELIVERIES = itertools.count(1)


def parcel(text: str = HOLDING, **settings: object) -> Parcel:
    """A parcel of its own delivery (each test's messages told apart on the shared servers)."""
    fields: dict[str, object] = {
        "delivery": f"INC-2026-0042.d{next(_DELIVERIES)}",
        "incident": "INC-2026-0042",
        "message": "holding",
        "kind": "holding",
        "channel": "email",
        "lang": "fr",
        "text": text,
        "published_at": datetime(2026, 12, 7, 9, 5, tzinfo=timezone.utc),
        "subject": "Panne nationale : appels et SMS perturbés",
    }
    fields.update(settings)
    return Parcel(**fields)  # type: ignore[arg-type]


def connector(
    acc: Account, environ: dict[str, str] | None = None, folder: Path = Path(".")
) -> SmtpConnector:
    found = connector_for(acc, EnvironmentSecrets(environ or {}, folder), folder)
    assert isinstance(found, SmtpConnector)
    return found


def parsed(received: Received) -> EmailMessage:
    message = email.message_from_bytes(received.content, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body(message: EmailMessage, subtype: str = "plain") -> str:
    (part,) = [p for p in message.walk() if p.get_content_type() == f"text/{subtype}"]
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


def only_copy(server: MailServer, message_id: str | None) -> Received:
    copies = [r for r in server.received if parsed(r)["Message-ID"] == message_id]
    assert len(copies) == 1, f"{len(copies)} copies of {message_id}"
    return copies[0]


def test_smtp_is_a_registered_kind() -> None:
    assert CONNECTORS["smtp"] is SmtpConnector
    assert (SmtpConnector.idempotent, SmtpConnector.edits) == (False, False)


TEXTS = {
    "accents": "Réseau perturbé à Besançon, Nîmes, Saint-Étienne : œuvre, ça, €, «\u202fça\u202f».",
    "long line": "Une ligne sans fin " * 120,  # 2,280 characters: past SMTP's 998
    "dot": "Première ligne\n.\n.une ligne qui commence par un point\n..deux points",
    "from": "Bonjour,\nFrom the cell: this line starts with From\nFrom ici aussi.",
    "line ends": "fin Unix\ncarriage\r\nWindows\r\nseul \r à la fin sans retour  ",
    "emoji and tabs": "\tRetour à la normale 🎉\u00a0: merci 🙏\n\n\n",
    "holding": HOLDING,
}


@pytest.mark.parametrize("name", list(TEXTS))
def test_the_text_arrives_octet_for_octet(mail: MailServers, name: str) -> None:
    text = TEXTS[name]
    receipt = connector(account(mail.plain.url)).deliver(parcel(text), timeout=5)
    received = only_copy(mail.plain, receipt.remote_id)
    message = parsed(received)
    assert body(message) == text
    assert message["Content-Transfer-Encoding"] == "base64"
    assert message.get_content_charset() == "utf-8"
    assert (received.mail_from, received.rcpt_tos) == ("crise@onde-mobile.example", (PRESS,))
    assert message["Subject"] == "Panne nationale : appels et SMS perturbés"


def test_the_receipt_names_the_message_and_the_servers_queue_id(mail: MailServers) -> None:
    receipt = connector(account(mail.plain.url)).deliver(parcel(delivery="INC-1.d7"), 5)
    received = only_copy(mail.plain, receipt.remote_id)
    assert receipt.remote_id == "<INC-1.d7@onde-mobile.example>"
    assert receipt.details["queue_id"] == received.queue_id
    assert receipt.details["reply"].startswith("250 ")
    message = parsed(received)
    assert message["X-Crisisplay-Incident"] == "INC-2026-0042"
    assert message["X-Crisisplay-Message"] == "holding (holding)"
    assert message["Content-Language"] == "fr"
    assert message["From"] == SENDER
    assert message["To"] == PRESS
    assert message["Date"].datetime == datetime(2026, 12, 7, 9, 5, tzinfo=timezone.utc)
    assert "X-Crisisplay-Drill" not in message


def test_the_message_id_is_the_deliverys_on_every_try() -> None:
    first = message_id_for("INC-1.d7", "crise@onde.example")
    assert first == message_id_for("INC-1.d7", "crise@onde.example")
    assert first != message_id_for("INC-1.d8", "crise@onde.example")
    # Characters a Message-ID cannot hold are escaped, never dropped: no two deliveries meet.
    odd = {message_id_for(d, "a@b.example") for d in ("x y", "x=20y", "x..y", "x_y", "é")}
    assert len(odd) == 5
    assert message_id_for("x y", "a@b.example") == "<x=20y@b.example>"
    assert message_id_for("x..y", "a@b.example") == "<x=2E=2Ey@b.example>"


def test_an_html_alternative_rides_along(mail: MailServers) -> None:
    html = "<p>Réseau <strong>perturbé</strong> : prochain point à 11 h 00.</p>"
    receipt = connector(account(mail.plain.url)).deliver(parcel(html=html), timeout=5)
    message = parsed(only_copy(mail.plain, receipt.remote_id))
    assert message.get_content_type() == "multipart/alternative"
    assert body(message, "plain") == HOLDING
    assert body(message, "html") == html


def test_the_subject_falls_back_on_the_title_then_the_first_line(mail: MailServers) -> None:
    sender = connector(account(mail.plain.url))
    titled = sender.deliver(parcel(subject=None, title="Réseau perturbé", delivery="t1"), 5)
    untitled = sender.deliver(parcel(subject=None, delivery="t2"), 5)
    assert parsed(only_copy(mail.plain, titled.remote_id))["Subject"] == "Réseau perturbé"
    first_line = parsed(only_copy(mail.plain, untitled.remote_id))["Subject"]
    assert first_line.startswith("Onde Mobile : une panne touche")
    assert first_line.endswith("…")
    assert len(first_line) == 78


def test_a_drill_says_so_in_a_header(mail: MailServers) -> None:
    receipt = connector(account(mail.plain.url)).deliver(parcel(drill=True), timeout=5)
    assert parsed(only_copy(mail.plain, receipt.remote_id))["X-Crisisplay-Drill"] == "yes"


@pytest.mark.parametrize(
    ("lang", "subject"),
    [
        ("fr", "Rectificatif : Panne nationale : appels et SMS perturbés"),
        ("en", "Correction: Panne nationale : appels et SMS perturbés"),
    ],
)
def test_a_correction_is_a_rectification_threaded_under_the_original(
    mail: MailServers, lang: str, subject: str
) -> None:
    sender = connector(account(mail.plain.url))
    original = sender.deliver(parcel(delivery=f"o-{lang}", lang=lang), timeout=5)
    corrected = HOLDING.replace("11 h 00", "11 h 30")
    fix = parcel(corrected, delivery=f"c-{lang}", lang=lang)
    receipt = sender.correct(fix, original, timeout=5)
    assert receipt.remote_id not in (None, original.remote_id)
    message = parsed(only_copy(mail.plain, receipt.remote_id))
    assert message["Subject"] == subject
    assert message["In-Reply-To"] == original.remote_id
    assert message["References"] == original.remote_id
    assert body(message) == corrected
    # The core may hand the original in the parcel: the same rectification.
    again = sender.deliver(
        parcel(corrected, delivery=f"d-{lang}", lang=lang, correcting=original), 5
    )
    assert parsed(only_copy(mail.plain, again.remote_id))["Subject"] == subject


def test_every_recipient_is_on_the_envelope_and_none_in_the_headers(
    mail: MailServers, tmp_path: Path
) -> None:
    (tmp_path / "press.txt").write_text(
        "# the regional desks\nouest@example.org\n\n  sud@example.org  \n", encoding="utf-8"
    )
    acc = account(mail.plain.url, to=(PRESS,), to_file="press.txt")
    receipt = connector(acc, folder=tmp_path).deliver(parcel(), timeout=5)
    received = only_copy(mail.plain, receipt.remote_id)
    assert received.rcpt_tos == (PRESS, "ouest@example.org", "sud@example.org")
    message = parsed(received)
    assert message["To"] == "undisclosed-recipients:;"
    assert b"ouest@example.org" not in received.content


def test_a_refused_recipient_is_named_and_the_others_receive(mail: MailServers) -> None:
    acc = account(mail.plain.url, to=(PRESS, "parti@refused.test"))
    receipt = connector(acc).deliver(parcel(delivery="partial"), timeout=5)
    assert only_copy(mail.plain, receipt.remote_id).rcpt_tos == (PRESS,)
    assert receipt.details["refused"].startswith("parti@refused.test (550 5.1.1")


def test_every_recipient_refused_is_a_failure(mail: MailServers) -> None:
    acc = account(mail.plain.url, to=("a@refused.test", "b@refused.test"))
    with pytest.raises(DeliveryFailed, match=r"refused every recipient: a@refused\.test \(550"):
        connector(acc).deliver(parcel(delivery="none"), timeout=5)
    assert not [r for r in mail.plain.received if "none@" in parsed(r)["Message-ID"]]


def test_smtps_speaks_tls_from_the_start(mail: MailServers) -> None:
    receipt = connector(account(mail.smtps.url)).deliver(parcel(delivery="tls"), timeout=5)
    assert only_copy(mail.smtps, receipt.remote_id).tls


def test_a_certificate_nobody_vouches_for_is_refused(
    mail: MailServers, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-ca.pem"))
    with pytest.raises(DeliveryFailed) as refused:
        connector(account(mail.smtps.url)).deliver(parcel(delivery="untrusted"), timeout=5)
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value)
    assert not [r for r in mail.smtps.received if "untrusted@" in parsed(r)["Message-ID"]]


def test_a_login_goes_over_starttls_and_the_password_shows_nowhere(
    mail: MailServers, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    acc = account(mail.starttls.url, user=LOGIN, password_env="PRESS_SMTP_PASSWORD")
    environ = {"PRESS_SMTP_PASSWORD": PASSWORD}
    receipt = connector(acc, environ).deliver(parcel(delivery="login"), timeout=5)
    received = only_copy(mail.starttls, receipt.remote_id)
    assert (received.tls, received.login) == (True, LOGIN)
    assert mail.starttls.logins[-1] == (LOGIN, True)
    with pytest.raises(DeliveryFailed) as refused:
        connector(acc, {"PRESS_SMTP_PASSWORD": PASSWORD + "-wrong"}).deliver(
            parcel(delivery="bad-login"), timeout=5
        )
    assert mail.starttls.logins[-1] == (LOGIN, False)
    assert "refused the login of cell-press: 535" in str(refused.value)
    out = capsys.readouterr()
    ours = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.log")]
    for shown in (repr(receipt), str(refused.value), out.out, out.err, *ours):
        assert PASSWORD not in shown


def test_no_password_is_given_to_a_server_without_tls(mail: MailServers) -> None:
    acc = account(mail.clear_auth.url, user=LOGIN, password_env="PRESS_SMTP_PASSWORD")
    with pytest.raises(DeliveryFailed, match="offers no TLS: the password is not sent") as no:
        connector(acc, {"PRESS_SMTP_PASSWORD": PASSWORD}).deliver(parcel(), timeout=5)
    assert mail.clear_auth.logins == []
    assert mail.clear_auth.received == []
    assert PASSWORD not in str(no.value)


def test_a_missing_password_is_named_not_guessed(mail: MailServers) -> None:
    acc = account(mail.starttls.url, user=LOGIN, password_env="PRESS_SMTP_PASSWORD")
    with pytest.raises(DeliveryFailed, match=r"\$PRESS_SMTP_PASSWORD is not set"):
        connector(acc, {}).deliver(parcel(), timeout=5)


def test_an_answer_lost_after_the_message_is_unknown_and_sent_once(mail: MailServers) -> None:
    def end_of_data(sent: bytes) -> bool:
        return sent.endswith(b"\r\n.\r\n")

    with DropProxy(("127.0.0.1", mail.plain.port), drops=end_of_data) as proxy:
        acc = account(f"smtp://127.0.0.1:{proxy.port}")
        started = time.monotonic()
        with pytest.raises(DeliveryUnknown, match="may have been taken"):
            connector(acc).deliver(parcel(delivery="dropped"), timeout=5)
        assert time.monotonic() - started < 2
    assert proxy.dropped == 1
    time.sleep(0.2)  # anything sent again would have arrived by now
    only_copy(mail.plain, "<dropped@onde-mobile.example>")


def test_a_message_taken_and_never_answered_is_unknown_within_the_timeout(
    mail: MailServers,
) -> None:
    acc = account(mail.plain.url, to=("desk@slow.test",))
    started = time.monotonic()
    with pytest.raises(DeliveryUnknown, match="no answer within 1 s after the message was sent"):
        connector(acc).deliver(parcel(delivery="slow"), timeout=1.0)
    assert time.monotonic() - started < 2.5  # SLOW_SECONDS is 3
    time.sleep(0.1)
    only_copy(mail.plain, "<slow@onde-mobile.example>")


def test_a_server_down_is_a_failure_at_once() -> None:
    acc = account(f"smtp://127.0.0.1:{closed_port()}")
    started = time.monotonic()
    with pytest.raises(DeliveryFailed) as down:
        connector(acc).deliver(parcel(), timeout=3)
    assert f"127.0.0.1:{acc.url.rsplit(':', 1)[1]}: Error connecting" in str(down.value)
    assert time.monotonic() - started < 2  # at once, not after the 3 s


def test_a_server_that_never_answers_fails_within_the_timeout() -> None:
    with silent_server() as port:
        started = time.monotonic()
        with pytest.raises(DeliveryFailed, match="no answer within 1 s"):
            connector(account(f"smtp://127.0.0.1:{port}")).deliver(parcel(), timeout=1.0)
        assert time.monotonic() - started < 2.5


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"url": "http://127.0.0.1:25"}, "url must be smtp://host:port or smtps://host:port"),
        ({"url": None}, "url must be smtp://"),
        ({"from_": "la cellule de crise"}, "from must be an e-mail address"),
        ({"to": ()}, "no recipient"),
    ],
)
def test_a_misconfigured_account_fails_before_any_connection(
    settings: dict[str, object], message: str
) -> None:
    with pytest.raises(DeliveryFailed, match=message):
        connector(account(**{"url": "smtp://127.0.0.1:1", **settings})).deliver(parcel(), 1)


def test_the_original_receipt_without_an_id_still_gives_a_rectification(
    mail: MailServers,
) -> None:
    receipt = connector(account(mail.plain.url)).correct(
        parcel(delivery="c-noid"), Receipt(), timeout=5
    )
    message = parsed(only_copy(mail.plain, receipt.remote_id))
    assert message["Subject"].startswith("Rectificatif : ")
    assert "In-Reply-To" not in message
