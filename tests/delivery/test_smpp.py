"""The smpp connector against an SMS centre simulator speaking SMPP 3.4 on the loopback."""

from __future__ import annotations

import itertools
import json
import logging
import struct
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.channels.sms import split_sms
from crisisplay.delivery.base import DeliveryFailed, DeliveryUnknown, Parcel
from crisisplay.delivery.kinds import CONNECTORS, connector_for
from crisisplay.delivery.secrets import EnvironmentSecrets
from crisisplay.delivery.smpp import SmppConnector, reference_for
from crisisplay.playbook.model import Account
from tests.conftest import Cli
from tests.delivery.proxy import DropProxy
from tests.delivery.servers_mail_sms import closed_port, silent_server
from tests.delivery.smsc import Smsc

SYSTEM_ID = "onde-crise"
PASSWORD = "Q7!smpp9"  # SMPP 3.4 passwords hold 8 characters at most
ENVIRON = {"SMSC_PASSWORD": PASSWORD}
NUMBER = "+33612345678"
ON_THE_WIRE = "33612345678"


@pytest.fixture(scope="session")
def centre() -> Iterator[Smsc]:
    with Smsc(SYSTEM_ID, PASSWORD) as smsc:
        yield smsc


@pytest.fixture
def smsc(centre: Smsc) -> Smsc:
    centre.reset()
    return centre


def account(url: str, **settings: object) -> Account:
    fields: dict[str, object] = {
        "id": "customers-sms",
        "kind": "smpp",
        "channels": ("sms",),
        "url": url,
        "from_": "OndeMobile",
        "to": (NUMBER,),
        "user": SYSTEM_ID,
        "password_env": "SMSC_PASSWORD",
        "timeout": 5.0,
    }
    fields.update(settings)
    return Account(**fields)  # type: ignore[arg-type]


_DELIVERIES = itertools.count(1)


def parcel(text: str, **settings: object) -> Parcel:
    fields: dict[str, object] = {
        "delivery": f"INC-2026-0042.s{next(_DELIVERIES)}",
        "incident": "INC-2026-0042",
        "message": "holding",
        "kind": "holding",
        "channel": "sms",
        "lang": "fr",
        "text": text,
        "published_at": datetime(2026, 12, 7, 9, 5, tzinfo=timezone.utc),
    }
    fields.update(settings)
    return Parcel(**fields)  # type: ignore[arg-type]


def connector(
    acc: Account, environ: dict[str, str] = ENVIRON, folder: Path = Path(".")
) -> SmppConnector:
    found = connector_for(acc, EnvironmentSecrets(environ, folder), folder)
    assert isinstance(found, SmppConnector)
    return found


def checked_parts(cli: Cli, text: str) -> tuple[str, int]:
    """The encoding and the number of parts ``crisisplay check --channel sms`` reports."""
    ran = cli("check", "--channel", "sms", "--lang", "fr", "--format", "json", text)
    report = json.loads(ran.stdout)
    return report["encoding"], report["parts"]


GSM_SHORT = "Onde Mobile : panne réseau [Nord] ~ 0€ {info} | ^ \\ @ £ § ¥ Ä Ü ñ à é ù Δ Ω"
GSM_LONG = (
    "Onde Mobile : une panne touche depuis 8h40 les appels et SMS partout en France. "
    "L'internet mobile fonctionne. Urgence : le 112 reste joignable [depuis un autre reseau]. "
    "Forfait : aucun frais {hors options} ; geste commercial de 5€ par ligne ~ "
    "Prochain point a 11h00 | Suivi : onde-mobile.example/etat"
)
LONG_PARTS = split_sms(GSM_LONG).part_count  # 3
UCS2_LONG = (
    "Onde Mobile : l’incident réseau est résolu 🎉 depuis 14 h 10. "
    "Les appels, SMS et l’internet mobile fonctionnent à nouveau partout. "
    "Nous présentons nos excuses 🙏 ; un geste commercial sera proposé à chaque client concerné."
)
CUTS = {
    "gsm one part": GSM_SHORT,
    "gsm 160 ending on an escape pair": "a" * 158 + "€",
    "gsm 161": "a" * 161,
    "gsm escape at the cut": "a" * 152 + "€" + "b" * 10,
    "gsm long with extensions": GSM_LONG,
    "ucs2 70": "ê" * 70,
    "ucs2 71": "ê" * 71,
    "ucs2 surrogate at the cut": "☃" * 66 + "🐳" + "☃" * 3,
    "ucs2 long with emoji": UCS2_LONG,
}


@pytest.mark.parametrize("name", list(CUTS))
def test_the_phone_shows_the_text_in_as_many_parts_as_check_counts(
    smsc: Smsc, cli: Cli, name: str
) -> None:
    text = CUTS[name]
    sent = parcel(text)
    receipt = connector(account(smsc.url)).deliver(sent, timeout=5)
    assert smsc.messages_to(ON_THE_WIRE) == [text]
    encoding, parts = checked_parts(cli, text)
    assert len(smsc.parts) == parts
    assert {p.data_coding for p in smsc.parts} == {0x00 if encoding == "GSM-7" else 0x08}
    assert receipt.details["encoding"] == encoding
    assert receipt.details["parts"] == str(parts)
    if parts > 1:
        assert {p.reference for p in smsc.parts} == {reference_for(sent.delivery)}
        assert all(p.esm_class & 0x40 for p in smsc.parts)
        assert all(p.short_message[:3] == b"\x05\x00\x03" for p in smsc.parts)
    else:
        assert smsc.parts[0].esm_class == 0


def test_each_part_is_cut_where_the_counter_cuts_it(smsc: Smsc) -> None:
    connector(account(smsc.url)).deliver(parcel(UCS2_LONG), timeout=5)
    assert tuple(p.text for p in smsc.parts) == split_sms(UCS2_LONG).parts
    assert all(len(p.short_message) <= 140 for p in smsc.parts)


def test_the_addresses_and_the_receipt_request(smsc: Smsc) -> None:
    connector(account(smsc.url)).deliver(parcel("Réseau rétabli."), timeout=5)
    (part,) = smsc.parts
    assert (part.source, part.source_ton, part.source_npi) == ("OndeMobile", 0x05, 0x00)
    assert (part.destination, part.dest_ton, part.dest_npi) == (ON_THE_WIRE, 0x01, 0x01)
    assert part.registered_delivery == 0x01
    assert smsc.binds == [(SYSTEM_ID, 0)]


def test_a_number_as_sender(smsc: Smsc) -> None:
    acc = account(smsc.url, from_="+33 7 00 00 00 01", to=("06 12 34 56 78",))
    connector(acc).deliver(parcel("Test."), timeout=5)
    (part,) = smsc.parts
    assert (part.source, part.source_ton) == ("33700000001", 0x01)
    assert (part.destination, part.dest_ton) == ("0612345678", 0x00)


def test_the_receipt_holds_every_parts_id_for_every_number(smsc: Smsc, tmp_path: Path) -> None:
    (tmp_path / "field-teams.txt").write_text(
        "# field teams, north\n+33 6 00 00 00 02\n\n+33600000003\n", encoding="utf-8"
    )
    acc = account(smsc.url, to_file="field-teams.txt")
    receipt = connector(acc, folder=tmp_path).deliver(parcel(GSM_LONG), timeout=5)
    for number, wire in [
        (NUMBER, ON_THE_WIRE),
        ("+33 6 00 00 00 02", "33600000002"),
        ("+33600000003", "33600000003"),
    ]:
        assert smsc.messages_to(wire) == [GSM_LONG]
        ids = [p.message_id for p in smsc.parts if p.destination == wire]
        assert receipt.details[number] == " ".join(ids)
    assert receipt.remote_id == smsc.parts[0].message_id
    assert len(smsc.parts) == 3 * LONG_PARTS


def test_the_delivery_reports_are_read_on_the_same_bind(smsc: Smsc) -> None:
    smsc.undeliverable = {"33600000009"}
    acc = account(smsc.url, to=(NUMBER, "+33600000009"))
    sender = connector(acc)
    try:
        sender.deliver(parcel(GSM_LONG), timeout=5)
        started = time.monotonic()
        reports = sender.reports(wait=3)
        waited = time.monotonic() - started
    finally:
        sender.close()
    expected = {
        (p.message_id, "UNDELIV" if p.destination == "33600000009" else "DELIVRD")
        for p in smsc.parts
    }
    assert set(reports) == expected
    assert len(reports) == 2 * LONG_PARTS
    assert waited < 1  # every part had its final state: no need to wait out the 3 s
    assert sorted(smsc.receipts_acknowledged) == sorted(p.message_id for p in smsc.parts)
    assert len(smsc.binds) == 1
    assert smsc.unbinds == 1


def test_reports_read_from_the_receipts_text_when_it_has_no_tlv(smsc: Smsc) -> None:
    smsc.receipt_tlvs = False
    sender = connector(account(smsc.url))
    try:
        receipt = sender.deliver(parcel("Réseau rétabli."), timeout=5)
        assert sender.reports(wait=2) == [(receipt.remote_id, "DELIVRD")]
        assert sender.reports(wait=0.1) == []  # each report is handed out once
    finally:
        sender.close()


def test_throttled_parts_are_offered_again_and_taken_once(smsc: Smsc) -> None:
    smsc.throttle = 2
    connector(account(smsc.url)).deliver(parcel(GSM_LONG), timeout=5)
    assert smsc.throttled == 2
    assert smsc.messages_to(ON_THE_WIRE) == [GSM_LONG]
    assert len(smsc.parts) == LONG_PARTS


def test_a_refused_number_is_named_and_the_others_receive(smsc: Smsc) -> None:
    smsc.refused = {"33600000004"}
    acc = account(smsc.url, to=("+33600000004", NUMBER, "pas un numéro"))
    receipt = connector(acc).deliver(parcel("Réseau rétabli."), timeout=5)
    assert smsc.messages_to(ON_THE_WIRE) == ["Réseau rétabli."]
    assert receipt.details["refused"] == (
        "+33600000004 (part 1 of 1: status 0x0B (Invalid Destination Address)); "
        "pas un numéro (not a phone number)"
    )
    assert "+33600000004" not in receipt.details


def test_every_number_refused_is_a_failure(smsc: Smsc) -> None:
    smsc.refused = {ON_THE_WIRE}
    with pytest.raises(DeliveryFailed, match="the SMS centre took no message: "):
        connector(account(smsc.url)).deliver(parcel("Test."), timeout=5)
    assert smsc.parts == []


def test_an_answer_lost_after_a_part_is_unknown_and_never_sent_again(smsc: Smsc) -> None:
    with DropProxy(("127.0.0.1", smsc.port), drops=has_submit_sm) as proxy:
        sender = connector(account(f"smpp://127.0.0.1:{proxy.port}"))
        started = time.monotonic()
        with pytest.raises(DeliveryUnknown, match="connection lost after a part was sent"):
            sender.deliver(parcel("Réseau rétabli depuis 14h10."), timeout=5)
        assert time.monotonic() - started < 2
        assert sender.reports(wait=0.2) == []
        sender.close()
    assert proxy.dropped == 1
    time.sleep(0.2)  # anything sent again would have arrived by now
    assert [p.text for p in smsc.parts] == ["Réseau rétabli depuis 14h10."]
    assert len(smsc.binds) == 1


def test_a_part_taken_and_never_answered_is_unknown_within_the_timeout(smsc: Smsc) -> None:
    smsc.hold_answers = True
    started = time.monotonic()
    with pytest.raises(DeliveryUnknown, match="no answer within 1 s after a part was sent"):
        connector(account(smsc.url)).deliver(parcel("Test."), timeout=1.0)
    assert time.monotonic() - started < 2.5
    assert len(smsc.parts) == 1


def test_a_centre_down_is_a_failure_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(DeliveryFailed, match="the SMS centre cannot be reached"):
        connector(account(f"smpp://127.0.0.1:{closed_port()}")).deliver(parcel("x"), 3)
    assert time.monotonic() - started < 2  # at once, not after the 3 s


def test_a_centre_that_never_answers_fails_within_the_timeout() -> None:
    with silent_server() as port:
        started = time.monotonic()
        with pytest.raises(DeliveryFailed, match="no answer to the bind before the timeout"):
            connector(account(f"smpp://127.0.0.1:{port}")).deliver(parcel("x"), 1.0)
        assert time.monotonic() - started < 2.5


def test_a_refused_bind_fails_and_the_password_shows_nowhere(
    smsc: Smsc, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sender = connector(account(smsc.url))
    receipt = sender.deliver(parcel("Test."), timeout=5)
    sender.close()
    wrong = "W7!wrong"
    with pytest.raises(DeliveryFailed) as refused:
        connector(account(smsc.url), {"SMSC_PASSWORD": wrong}).deliver(parcel("x"), 5)
    assert str(refused.value).endswith(
        f"refused the bind of {SYSTEM_ID}: status 0x0E (Invalid Password)"
    )
    assert smsc.binds == [(SYSTEM_ID, 0), (SYSTEM_ID, 0x0E)]
    out = capsys.readouterr()
    logged = [record.getMessage() for record in caplog.records]
    for secret in (PASSWORD, wrong):
        for form in (secret, secret.encode().hex()):
            for shown in (repr(receipt), str(refused.value), out.out, out.err, *logged):
                assert form not in shown


@pytest.mark.parametrize(
    ("settings", "environ", "message"),
    [
        ({"url": "smtp://127.0.0.1:2775"}, ENVIRON, "url must be smpp://host:port"),
        ({"from_": "Onde Mobile FR"}, ENVIRON, "sender name of 1 to 11 letters"),
        ({"from_": None}, ENVIRON, "from must be a phone number or a sender name"),
        ({"user": None}, ENVIRON, "user \\(the SMPP system id\\) must have 1 to 15"),
        ({}, {"SMSC_PASSWORD": "far-too-long-1"}, "at most 8 printable ASCII characters"),
        ({}, {"SMSC_PASSWORD": "p€ss"}, "at most 8 printable ASCII characters"),
        ({}, {}, "\\$SMSC_PASSWORD is not set"),
    ],
)
def test_a_misconfigured_account_fails_before_anything_is_sent(
    smsc: Smsc, settings: dict[str, object], environ: dict[str, str], message: str
) -> None:
    acc = account(**{"url": smsc.url, **settings})
    with pytest.raises(DeliveryFailed, match=message) as failed:
        connector(acc, environ).deliver(parcel("x"), timeout=2)
    assert smsc.parts == []
    for value in environ.values():
        assert value not in str(failed.value)


def test_smpp_is_a_registered_kind() -> None:
    assert CONNECTORS["smpp"] is SmppConnector
    assert SmppConnector.idempotent is False


def test_a_second_delivery_reuses_a_live_bind(smsc: Smsc) -> None:
    sender = connector(account(smsc.url))
    try:
        sender.deliver(parcel("Un."), timeout=5)
        sender.deliver(parcel("Deux."), timeout=5)
    finally:
        sender.close()
    assert smsc.messages_to(ON_THE_WIRE) == ["Un.", "Deux."]
    assert (len(smsc.binds), smsc.enquire_links, smsc.unbinds) == (1, 1, 1)


def has_submit_sm(sent: bytes) -> bool:
    """Whether the client has sent a submit_sm on this connection (PDU by PDU)."""
    offset = 0
    while offset + 8 <= len(sent):
        length, command = struct.unpack(">II", sent[offset : offset + 8])
        if command == 0x00000004:
            return True
        offset += length
    return False
