"""SMS through an SMS centre over SMPP 3.4 (smpplib): customers, field teams, a list of numbers.

The text is encoded and cut exactly as ``crisisplay check --channel sms`` counts it (one
counter: ``crisisplay.channels.sms``): GSM-7 one septet an octet (data_coding 0) or UCS-2
(data_coding 8); a long text goes in parts, each opening with a concatenation header (UDH,
8-bit reference derived from the delivery). Every part asks for a delivery receipt; the
receipts are read on the same bind by ``reports``.

SMPP has no idempotency key: when the SMS centre's answer to a part is lost, the delivery is
unknown and nothing is sent again. A part refused by the centre (throttling, a full queue) was
not taken, so it is offered again within the timeout.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crisisplay.channels.gsm import gsm_text
from crisisplay.channels.sms import encode_parts, split_sms
from crisisplay.delivery.base import (
    Connector,
    DeliveryFailed,
    DeliveryUnknown,
    Parcel,
    Receipt,
    Secrets,
)
from crisisplay.playbook.model import Account

DEFAULT_PORT = 2775
#: smpplib's own logger for this connector: its debug lines dump every PDU, the bind's
#: password included, so they are never let through
WIRE_LOGGER = "crisisplay.delivery.smpp.wire"
#: how long ``close`` waits for the SMS centre to acknowledge the unbind
UNBIND_SECONDS = 1.0
#: 8-bit concatenation references number the parts of one message from 1 to 255
MAX_PARTS = 255
#: SMPP 3.4 limits (C-octet strings, their final NUL aside)
MAX_SYSTEM_ID, MAX_PASSWORD, MAX_ADDRESS, MAX_SENDER_NAME = 15, 8, 20, 11

DATA_CODING = {"GSM-7": 0x00, "UCS-2": 0x08}
ESM_UDHI = 0x40  # the short message opens with a user data header
ESM_MESSAGE_TYPE = 0x3C
ESM_RECEIPTS = (0x04, 0x20)  # an SMS centre delivery receipt, an intermediate notification
REGISTERED_DELIVERY = 0x01  # a receipt on success and on failure
TON_INTERNATIONAL, TON_UNKNOWN, TON_ALPHANUMERIC = 0x01, 0x00, 0x05
NPI_ISDN, NPI_UNKNOWN = 0x01, 0x00
#: refusals that mean "not now": the part was not taken and may be offered again
STATUS_THROTTLED, STATUS_QUEUE_FULL = 0x58, 0x14
RETRY_FIRST_PAUSE = 0.1
#: message_state (SMPP 3.4 section 5.2.28) as the receipt's text names it
STATES = {
    1: "ENROUTE",
    2: "DELIVRD",
    3: "EXPIRED",
    4: "DELETED",
    5: "UNDELIV",
    6: "ACCEPTD",
    7: "UNKNOWN",
    8: "REJECTD",
}
FINAL_STATES = frozenset({"DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "REJECTD", "UNKNOWN"})

Report = tuple[str, str]
#: a message from a phone (a reply to a page): the number it came from, its text
Reply = tuple[str, str]


@dataclass(frozen=True)
class Address:
    ton: int
    npi: int
    digits: str


class _Silent(Exception):
    """No answer before the deadline (the connection may still be up)."""


class _Lost(Exception):
    """The connection broke."""


class _Refused(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status

    def __str__(self) -> str:
        return f"status 0x{self.status:02X} ({_status_text(self.status)})"


class SmppConnector(Connector):
    kind = "smpp"
    idempotent = False
    edits = False
    listens = True

    def __init__(self, account: Account, secrets: Secrets, folder: Path) -> None:
        super().__init__(account, secrets, folder)
        self._link: _Link | None = None
        #: receipts read and not yet handed out by ``reports``
        self._reports: list[Report] = []
        #: message ids sent on this bind whose final receipt has not come
        self._awaiting: set[str] = set()
        #: messages from phones read and not yet handed out by ``replies``
        self._replies: list[Reply] = []

    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        deadline = time.monotonic() + timeout
        account = self.account
        source = source_of(account.id, account.from_)
        recipients = self.recipients(parcel)
        split = split_sms(parcel.text)
        if split.part_count > MAX_PARTS:
            raise DeliveryFailed(f"the text takes {split.part_count} SMS, over {MAX_PARTS}")
        messages = short_messages(encode_parts(split), reference_for(parcel.delivery))
        link = self._bound(deadline)
        coding = DATA_CODING[split.encoding]
        sent: dict[str, list[str]] = {}
        refused: dict[str, str] = {}
        for number in recipients:
            destination = destination_of(number)
            if destination is None:
                refused[number] = "not a phone number"
                continue
            ids = sent.setdefault(number, [])
            try:
                self._submit_parts(
                    link, _Submit(source, destination, coding), messages, ids, deadline
                )
            except _Refused as refusal:
                refused[number] = f"part {len(ids) + 1} of {len(messages)}: {refusal}"
            except (_Silent, _Lost) as exc:
                self._drop()
                raise DeliveryUnknown(_unknown(exc, timeout, sent)) from None
            if not ids:
                del sent[number]
        return _receipt(split.encoding, len(messages), sent, refused)

    def _submit_parts(
        self, link: _Link, route: _Submit, messages: list[bytes], ids: list[str], deadline: float
    ) -> None:
        """Every part to one number, in order; ``ids`` gets each id as the centre gives it."""
        for short_message in messages:
            message_id = link.submit(route, short_message, len(messages) > 1, deadline)
            ids.append(message_id)
            self._awaiting.add(message_id)

    def reports(self, wait: float) -> list[Report]:
        """The delivery receipts (message id, state such as DELIVRD or UNDELIV) read on this
        bind within ``wait`` seconds: sooner when every part sent has its final state."""
        deadline = time.monotonic() + wait
        while self._link is not None and self._awaiting and time.monotonic() < deadline:
            try:
                self._link.read_one(deadline)
            except _Silent:
                break
            except _Lost:
                self._drop()
        found, self._reports = self._reports, []
        return found

    def replies(self, wait: float) -> list[Reply]:
        """Messages phones sent to the account's number (replies to a page), read within
        ``wait`` seconds on a bind of its own when none is up: the SMS centre hands over what it
        kept while nobody was bound."""
        deadline = time.monotonic() + wait
        link = self._bound(deadline)
        while self._link is not None and time.monotonic() < deadline:
            try:
                link.read_one(deadline)
            except _Silent:
                break
            except _Lost:
                self._drop()
        found, self._replies = self._replies, []
        return found

    def close(self) -> None:
        if self._link is not None:
            self._link.unbind(time.monotonic() + UNBIND_SECONDS)
            self._link = None

    def _bound(self, deadline: float) -> _Link:
        if self._link is not None:  # an earlier delivery's bind: is it still up?
            try:
                self._link.request("enquire_link", deadline)
            except (_Silent, _Lost):
                self._drop()
        if self._link is None:
            account = self.account
            host, port = address_of(account.id, account.url)
            system_id, password = self._credentials()
            self._link = _Link.bind(
                host, port, system_id, password, deadline, self._received, self._replies.append
            )
        return self._link

    def _credentials(self) -> tuple[str, str]:
        account = self.account
        system_id = account.user or ""
        if not system_id or len(system_id) > MAX_SYSTEM_ID:
            raise DeliveryFailed(
                f"account {account.id}: user (the SMPP system id) must have 1 to "
                f"{MAX_SYSTEM_ID} characters"
            )
        password = self.secrets.find(account, "password") or ""
        if len(password) > MAX_PASSWORD or not (password.isascii() and password.isprintable()):
            # the value itself is never shown
            raise DeliveryFailed(
                f"account {account.id}: an SMPP password has at most {MAX_PASSWORD} "
                "printable ASCII characters"
            )
        return system_id, password

    def _received(self, report: Report) -> None:
        self._reports.append(report)
        if report[1] in FINAL_STATES:
            self._awaiting.discard(report[0])

    def _drop(self) -> None:
        if self._link is not None:
            self._link.disconnect()
            self._link = None
        self._awaiting.clear()


def _receipt(
    encoding: str, parts: int, sent: dict[str, list[str]], refused: dict[str, str]
) -> Receipt:
    if not sent:
        reasons = "; ".join(f"{number}: {why}" for number, why in refused.items())
        raise DeliveryFailed(f"the SMS centre took no message: {reasons}")
    details = {"encoding": encoding, "parts": str(parts)}
    details |= {number: " ".join(ids) for number, ids in sent.items()}
    if refused:
        details["refused"] = "; ".join(f"{number} ({why})" for number, why in refused.items())
    first = next(iter(sent.values()))[0]
    return Receipt(remote_id=first, details=details)


def _unknown(exc: Exception, timeout: float, sent: dict[str, list[str]]) -> str:
    accepted = sum(len(ids) for ids in sent.values())
    cause = f"no answer within {timeout:g} s" if isinstance(exc, _Silent) else "connection lost"
    return (
        f"{cause} after a part was sent to the SMS centre ({accepted} part(s) accepted "
        "before it): it may have been taken"
    )


# ---------------------------------------------------------------- addresses and parts


def address_of(account: str, url: str | None) -> tuple[str, int]:
    parts = urlsplit(url or "")
    try:
        port = parts.port
    except ValueError:
        port, parts = None, parts._replace(scheme="")
    if parts.scheme != "smpp" or not parts.hostname:
        raise DeliveryFailed(f"account {account}: url must be smpp://host:port")
    return parts.hostname, port or DEFAULT_PORT


def source_of(account: str, sender: str | None) -> Address:
    """``from``: a number (+33..., or a short code) or a sender name of up to 11 letters."""
    sender = (sender or "").strip()
    number = destination_of(sender)
    if number is not None:
        return number
    if 0 < len(sender) <= MAX_SENDER_NAME and sender.isascii() and sender.isprintable():
        return Address(TON_ALPHANUMERIC, NPI_UNKNOWN, sender)
    raise DeliveryFailed(
        f"account {account}: from must be a phone number or a sender name of 1 to "
        f"{MAX_SENDER_NAME} letters and digits"
    )


def destination_of(number: str) -> Address | None:
    """A number, written with or without spaces, dots and dashes; None if it is not one."""
    return _number(re.sub(r"[\s.()-]", "", number))


def _number(text: str) -> Address | None:
    digits = text.removeprefix("+")
    if not (digits.isascii() and digits.isdigit() and 3 <= len(digits) <= MAX_ADDRESS):
        return None
    if text.startswith("+"):
        return Address(TON_INTERNATIONAL, NPI_ISDN, digits)
    return Address(TON_UNKNOWN, NPI_ISDN, digits)


def reference_for(delivery: str) -> int:
    """The concatenation reference: the same for every try of one delivery."""
    return hashlib.sha256(delivery.encode("utf-8")).digest()[0]


def short_messages(parts: tuple[bytes, ...], reference: int) -> list[bytes]:
    """The parts as short messages: alone as it is, or each behind its concatenation header
    (information element 0x00: reference, count, number; TS 23.040 section 9.2.3.24.1)."""
    if len(parts) == 1:
        return list(parts)
    total = len(parts)
    return [
        bytes((5, 0x00, 3, reference, total, number)) + part
        for number, part in enumerate(parts, start=1)
    ]


def report_of(pdu: Any) -> Report | None:
    """(message id, state) of a deliver_sm that is a receipt; None for anything else."""
    if (pdu.esm_class or 0) & ESM_MESSAGE_TYPE not in ESM_RECEIPTS:
        return None
    text = bytes(pdu.short_message or b"").decode("latin-1")
    receipted = pdu.receipted_message_id
    found_id = re.search(r"\bid:(\S+)", text, re.IGNORECASE)
    found_state = re.search(r"\bstat:(\w+)", text, re.IGNORECASE)
    if receipted:
        message_id = bytes(receipted).decode("ascii", "replace")
    elif found_id:
        message_id = found_id[1]
    else:
        return None
    state = found_state[1].upper() if found_state else STATES.get(pdu.message_state or 0)
    return message_id, state or "UNKNOWN"


def reply_of(pdu: Any) -> Reply:
    """(the number it came from, the text) of a deliver_sm that is a message from a phone."""
    data = bytes(pdu.short_message or b"")
    if (pdu.esm_class or 0) & ESM_UDHI and data:
        data = data[1 + data[0] :]  # a concatenation header: the part's text only
    coding = pdu.data_coding or 0
    if coding == DATA_CODING["UCS-2"]:
        text = data.decode("utf-16-be", "replace")
    elif coding == DATA_CODING["GSM-7"]:
        text = gsm_text(data)
    else:
        text = data.decode("latin-1")
    source = bytes(pdu.source_addr or b"").decode("ascii", "replace")
    return source, text


def _status_text(status: int) -> str:
    from smpplib import consts  # type: ignore[import-untyped]  # noqa: PLC0415 -- smpp only

    return str(consts.DESCRIPTIONS.get(status, "unknown status"))


# ---------------------------------------------------------------- the bind


@dataclass(frozen=True)
class _Submit:
    """Where the parts of one number go, and how they are encoded."""

    source: Address
    destination: Address
    data_coding: int


class _Link:
    """One bind as a transceiver: submits, and the receipts that arrive on it."""

    def __init__(
        self,
        client: Any,
        on_report: Callable[[Report], None],
        on_reply: Callable[[Reply], None],
    ) -> None:
        self.client = client
        self.on_report = on_report
        self.on_reply = on_reply

    @classmethod
    def bind(
        cls,
        host: str,
        port: int,
        system_id: str,
        password: str,
        deadline: float,
        on_report: Callable[[Report], None],
        on_reply: Callable[[Reply], None],
    ) -> _Link:
        import logging  # noqa: PLC0415 -- loaded only when an smpp account delivers

        import smpplib.client  # type: ignore[import-untyped]  # noqa: PLC0415
        import smpplib.exceptions  # type: ignore[import-untyped]  # noqa: PLC0415

        logging.getLogger(WIRE_LOGGER).setLevel(logging.INFO)
        where = f"{host}:{port}"
        client = smpplib.client.Client(
            host,
            port,
            timeout=max(0.001, deadline - time.monotonic()),
            logger_name=WIRE_LOGGER,
            allow_unknown_opt_params=True,
        )
        try:
            client.connect()
        except smpplib.exceptions.ConnectionError:
            client.disconnect()
            raise DeliveryFailed(f"{where}: the SMS centre cannot be reached") from None
        link = cls(client, on_report, on_reply)
        try:
            answer = link.request(
                "bind_transceiver",
                deadline,
                system_id=system_id,
                password=password,
                system_type="",
                addr_ton=0,
                addr_npi=0,
                address_range="",
            )
        except _Silent:
            link.disconnect()
            raise DeliveryFailed(f"{where}: no answer to the bind before the timeout") from None
        except _Lost:
            link.disconnect()
            raise DeliveryFailed(f"{where}: the connection was lost during the bind") from None
        if answer.status != 0:
            link.disconnect()
            raise DeliveryFailed(
                f"{where} refused the bind of {system_id}: {_Refused(answer.status)}"
            )
        return link

    def submit(
        self, submit: _Submit, short_message: bytes, concatenated: bool, deadline: float
    ) -> str:
        """The message id the SMS centre gave the part; refusals that mean "not now" are
        offered again until the deadline (the centre did not take them)."""
        pause = RETRY_FIRST_PAUSE
        while True:
            answer = self.request(
                "submit_sm",
                deadline,
                service_type="",
                source_addr_ton=submit.source.ton,
                source_addr_npi=submit.source.npi,
                source_addr=submit.source.digits,
                dest_addr_ton=submit.destination.ton,
                dest_addr_npi=submit.destination.npi,
                destination_addr=submit.destination.digits,
                esm_class=ESM_UDHI if concatenated else 0,
                protocol_id=0,
                priority_flag=0,
                schedule_delivery_time="",
                validity_period="",
                registered_delivery=REGISTERED_DELIVERY,
                replace_if_present_flag=0,
                data_coding=submit.data_coding,
                sm_default_msg_id=0,
                short_message=short_message,
            )
            if answer.status == 0:
                return bytes(answer.message_id or b"").decode("ascii", "replace")
            retry = answer.status in (STATUS_THROTTLED, STATUS_QUEUE_FULL)
            if not retry or time.monotonic() + pause >= deadline:
                raise _Refused(answer.status)
            time.sleep(pause)
            pause *= 2

    def request(self, command: str, deadline: float, **fields: Any) -> Any:
        """Send ``command`` and read until its answer (or a generic_nack for it)."""
        from smpplib import smpp  # noqa: PLC0415 -- loaded only when an smpp account delivers

        pdu = smpp.make_pdu(command, client=self.client, **fields)
        self._send(pdu)
        while True:
            answer = self.read_one(deadline)
            if (
                answer is not None
                and answer.sequence == pdu.sequence
                and answer.command in (f"{command}_resp", "generic_nack")
            ):
                return answer

    def read_one(self, deadline: float) -> Any:
        """Read one PDU: a receipt or a keep-alive is answered here (None); any other PDU is
        returned to the caller."""
        remaining = deadline - time.monotonic()
        if remaining <= 0 or self.client._socket is None:
            raise _Silent
        self.client._socket.settimeout(remaining)
        try:
            pdu = self.client.read_pdu()
        except TimeoutError:
            raise _Silent from None
        except Exception:  # lost, or a PDU smpplib cannot parse: the stream is not to be trusted
            raise _Lost from None
        if pdu.command == "deliver_sm":
            report = report_of(pdu)
            self._answer(pdu, "deliver_sm_resp")
            if report is not None:
                self.on_report(report)
            else:
                self.on_reply(reply_of(pdu))
            return None
        if pdu.command == "enquire_link":
            self._answer(pdu, "enquire_link_resp")
            return None
        if pdu.command == "unbind":
            self._answer(pdu, "unbind_resp")
            raise _Lost
        return pdu

    def unbind(self, deadline: float) -> None:
        try:
            self.request("unbind", deadline)
        except (_Silent, _Lost):
            pass
        finally:
            self.disconnect()

    def disconnect(self) -> None:
        if self.client._socket is not None:
            self.client.disconnect()

    def _answer(self, pdu: Any, command: str) -> None:
        from smpplib import smpp  # noqa: PLC0415 -- loaded only when an smpp account delivers

        answer = smpp.make_pdu(command, client=self.client)
        answer.sequence = pdu.sequence
        self._send(answer)

    def _send(self, pdu: Any) -> None:
        import smpplib.exceptions  # noqa: PLC0415 -- loaded only when an smpp account delivers

        try:
            self.client.send_pdu(pdu)
        except (smpplib.exceptions.ConnectionError, smpplib.exceptions.PDUError, OSError):
            raise _Lost from None
