"""A small SMS centre on 127.0.0.1 speaking SMPP 3.4, for the smpp connector's tests.

It does what a client of ours meets: bind_transceiver (one system id and password), submit_sm
(answered with a message id), a deliver_sm receipt a moment after each part that asked for one,
enquire_link, unbind; anything else gets a generic_nack. It keeps every part it took, its user
data header read and its text decoded by its own GSM-7 table (written here from 3GPP TS 23.038,
not taken from crisisplay), so a test can reassemble what a phone would show.

Knobs a test sets: ``undeliverable`` numbers (their receipts say UNDELIV), ``refused`` numbers
(submit_sm refused, invalid destination), ``throttle`` (the next N submits refused as throttled),
``receipt_tlvs`` (receipts carry receipted_message_id and message_state, or the text alone),
``hold_answers`` (parts are taken and never answered).
"""

from __future__ import annotations

import contextlib
import itertools
import socket
import struct
import threading
from dataclasses import dataclass
from types import TracebackType

BIND_TRANSCEIVER, SUBMIT_SM, DELIVER_SM = 0x00000009, 0x00000004, 0x00000005
UNBIND, ENQUIRE_LINK, GENERIC_NACK = 0x00000006, 0x00000015, 0x80000000
RESPONSE = 0x80000000
ROK, RINVCMDID, RINVBNDSTS, RINVDSTADR = 0x00, 0x03, 0x04, 0x0B
RINVPASWD, RINVSYSID, RTHROTTLED = 0x0E, 0x0F, 0x58
TLV_RECEIPTED_MESSAGE_ID, TLV_MESSAGE_STATE = 0x001E, 0x0427

# GSM 03.38 default alphabet, code 0x00 to 0x7F, 0x1B being the escape.
GSM_DEFAULT = (
    "@£$¥èéùìòÇ\nØø\rÅå"  # 0x00
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"  # 0x10
    " !\"#¤%&'()*+,-./"  # 0x20
    "0123456789:;<=>?"  # 0x30
    "¡ABCDEFGHIJKLMNO"  # 0x40
    "PQRSTUVWXYZÄÖÑÜ§"  # 0x50
    "¿abcdefghijklmno"  # 0x60
    "pqrstuvwxyzäöñüà"  # 0x70
)
GSM_ESCAPED = {
    0x0A: "\f",
    0x14: "^",
    0x28: "{",
    0x29: "}",
    0x2F: "\\",
    0x3C: "[",
    0x3D: "~",
    0x3E: "]",
    0x40: "|",
    0x65: "€",
}


def gsm_encode(text: str) -> bytes:
    """One septet an octet, as the simulator reads them; ValueError outside the basic set."""
    found = bytearray()
    for char in text:
        index = GSM_DEFAULT.find(char)
        if index < 0:
            raise ValueError(char)
        found.append(index)
    return bytes(found)


def gsm_decode(septets: bytes) -> str:
    out, escaped = [], False
    for octet in septets:
        if octet > 0x7F:
            raise ValueError(f"octet 0x{octet:02X} is not a septet")
        if escaped:
            out.append(GSM_ESCAPED[octet])
            escaped = False
        elif octet == 0x1B:
            escaped = True
        else:
            out.append(GSM_DEFAULT[octet])
    if escaped:
        raise ValueError("a part ends on an escape")
    return "".join(out)


@dataclass(frozen=True)
class Part:
    """One submit_sm the centre took."""

    message_id: str
    system_id: str
    source: str
    source_ton: int
    source_npi: int
    destination: str
    dest_ton: int
    dest_npi: int
    esm_class: int
    registered_delivery: int
    data_coding: int
    short_message: bytes
    #: the concatenation header's reference, count and number (None: a message alone)
    reference: int | None
    total: int
    number: int
    #: the user data after the header, decoded (GSM-7 for data_coding 0, UCS-2 for 8)
    text: str


class _Reader:
    def __init__(self, body: bytes) -> None:
        self.body, self.pos = body, 0

    def octet(self) -> int:
        value = self.body[self.pos]
        self.pos += 1
        return value

    def cstring(self) -> str:
        end = self.body.index(b"\0", self.pos)
        value = self.body[self.pos : end].decode("latin-1")
        self.pos = end + 1
        return value

    def octets(self, count: int) -> bytes:
        value = self.body[self.pos : self.pos + count]
        self.pos += count
        return value


def pdu(command: int, status: int, sequence: int, body: bytes = b"") -> bytes:
    return struct.pack(">IIII", 16 + len(body), command, status, sequence) + body


def cstring(text: str) -> bytes:
    return text.encode("latin-1") + b"\0"


class Smsc:
    def __init__(self, system_id: str, password: str, receipt_delay: float = 0.05) -> None:
        self.system_id = system_id
        self.password = password
        self.receipt_delay = receipt_delay
        self.parts: list[Part] = []
        self.binds: list[tuple[str, int]] = []
        self.receipts_acknowledged: list[str] = []
        self.enquire_links = 0
        self.unbinds = 0
        self.undeliverable: set[str] = set()
        self.refused: set[str] = set()
        self.throttle = 0
        self.throttled = 0
        self.receipt_tlvs = True
        self.hold_answers = False
        self._ids = itertools.count(0x5A000)
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._closing = threading.Event()
        #: messages from phones (replies) waiting for a bind to hand them to
        self.replies_waiting: list[tuple[str, str, str]] = []
        #: the sessions bound now
        self.sessions: list[_Session] = []
        #: replies handed to a bind and acknowledged by it
        self.replies_delivered: list[tuple[str, str]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"smpp://127.0.0.1:{self.port}"

    def reset(self) -> None:
        with self._lock:
            self.parts.clear()
            self.binds.clear()
            self.receipts_acknowledged.clear()
            self.undeliverable.clear()
            self.refused.clear()
            self.enquire_links = self.unbinds = self.throttle = self.throttled = 0
            self.receipt_tlvs = True
            self.hold_answers = False

    def messages_to(self, destination: str) -> list[str]:
        """What a phone shows: parts of one reference joined in order; a message alone as it is.
        A message with a missing or doubled part fails the test here."""
        found: list[str] = []
        groups: dict[int, list[Part]] = {}
        for part in self.parts:
            if part.destination != destination:
                continue
            if part.reference is None:
                found.append(part.text)
            else:
                groups.setdefault(part.reference, []).append(part)
        for parts in groups.values():
            numbers = sorted(p.number for p in parts)
            total = parts[0].total
            assert numbers == list(range(1, total + 1)), f"parts {numbers} of {total}"
            assert all(p.total == total for p in parts)
            found.append("".join(p.text for p in sorted(parts, key=lambda p: p.number)))
        return found

    def reply(self, phone: str, text: str, to: str = "OndeMobile") -> None:
        """A phone sends ``text`` back (a mobile-originated message): handed to a bound
        session at once, else kept until one binds, as a centre stores them."""
        with self._lock:
            self.replies_waiting.append((phone, to, text))
            sessions = list(self.sessions)
        for session in sessions:
            session.hand_replies()

    def close(self) -> None:
        self._closing.set()
        self._listener.close()

    def __enter__(self) -> Smsc:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------ one connection

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=_Session(self, conn).run, daemon=True).start()

    def _submit(self, system_id: str, body: bytes) -> tuple[int, Part | None]:
        read = _Reader(body)
        read.cstring()  # service_type
        source_ton, source_npi, source = read.octet(), read.octet(), read.cstring()
        dest_ton, dest_npi, destination = read.octet(), read.octet(), read.cstring()
        esm_class = read.octet()
        read.octet()  # protocol_id
        read.octet()  # priority_flag
        read.cstring()  # schedule_delivery_time
        read.cstring()  # validity_period
        registered_delivery = read.octet()
        read.octet()  # replace_if_present_flag
        data_coding = read.octet()
        read.octet()  # sm_default_msg_id
        short_message = read.octets(read.octet())
        with self._lock:
            if self.throttle:
                self.throttle -= 1
                self.throttled += 1
                return RTHROTTLED, None
            if destination in self.refused:
                return RINVDSTADR, None
        reference, total, number, user_data = None, 1, 1, short_message
        if esm_class & 0x40:
            header_length = short_message[0]
            header = short_message[1 : 1 + header_length]
            user_data = short_message[1 + header_length :]
            if header[:2] == b"\x00\x03":
                reference, total, number = header[2], header[3], header[4]
        if data_coding == 0x08:
            text = user_data.decode("utf-16-be")
        elif data_coding == 0x00:
            text = gsm_decode(user_data)
        else:
            raise ValueError(f"data_coding 0x{data_coding:02X} is not simulated")
        message_id = f"{next(self._ids):X}"
        part = Part(
            message_id,
            system_id,
            source,
            source_ton,
            source_npi,
            destination,
            dest_ton,
            dest_npi,
            esm_class,
            registered_delivery,
            data_coding,
            short_message,
            reference,
            total,
            number,
            text,
        )
        with self._lock:
            self.parts.append(part)
        return ROK, part

    def _receipt(self, part: Part, sequence: int) -> bytes:
        failed = part.destination in self.undeliverable
        state, code = ("UNDELIV", 5) if failed else ("DELIVRD", 2)
        text = (
            f"id:{part.message_id} sub:001 dlvrd:{'000' if failed else '001'} "
            f"submit date:2612071200 done date:2612071201 stat:{state} "
            f"err:{'001' if failed else '000'} text:"
        ).encode("ascii")
        body = (
            cstring("")
            + bytes((part.dest_ton, part.dest_npi))
            + cstring(part.destination)
            + bytes((part.source_ton, part.source_npi))
            + cstring(part.source)
            + bytes((0x04, 0, 0))  # esm_class: an SMS centre delivery receipt
            + cstring("")
            + cstring("")
            + bytes((0, 0, 0, 0, len(text)))
            + text
        )
        if self.receipt_tlvs:
            receipted = cstring(part.message_id)
            body += struct.pack(">HH", TLV_RECEIPTED_MESSAGE_ID, len(receipted)) + receipted
            body += struct.pack(">HHB", TLV_MESSAGE_STATE, 1, code)
        return pdu(DELIVER_SM, ROK, sequence, body)


class _Session:
    def __init__(self, smsc: Smsc, conn: socket.socket) -> None:
        self.smsc = smsc
        self.conn = conn
        self.bound: str | None = None
        self.sequences = itertools.count(1)
        self.send_lock = threading.Lock()
        #: the receipts sent, by their sequence number, until acknowledged
        self.receipts: dict[int, str] = {}
        #: the replies from phones sent on this bind, by sequence number, until acknowledged
        self.mobile: dict[int, tuple[str, str]] = {}

    def run(self) -> None:
        try:
            while True:
                header = self._read(16)
                length, command, _, sequence = struct.unpack(">IIII", header)
                body = self._read(length - 16)
                if not self._answer(command, sequence, body):
                    return
        except (OSError, ConnectionError):
            return
        finally:
            with self.smsc._lock:
                if self in self.smsc.sessions:
                    self.smsc.sessions.remove(self)
            with contextlib.suppress(OSError):
                self.conn.close()

    def hand_replies(self) -> None:
        """Send the replies waiting to this bind, each as a deliver_sm (GSM-7 when it fits,
        else UCS-2)."""
        smsc = self.smsc
        with smsc._lock:
            waiting, smsc.replies_waiting = smsc.replies_waiting, []
        for phone, to, text in waiting:
            try:
                coding, data = 0x00, gsm_encode(text)
            except ValueError:
                coding, data = 0x08, text.encode("utf-16-be")
            body = (
                cstring("")
                + bytes((0x01, 0x01))  # international, ISDN
                + cstring(phone)
                + bytes((0x05, 0x00))  # alphanumeric
                + cstring(to)
                + bytes((0x00, 0, 0))  # esm_class 0: a message, not a receipt
                + cstring("")
                + cstring("")
                + bytes((0, 0, coding, 0, len(data)))
                + data
            )
            sequence = next(self.sequences)
            self.mobile[sequence] = (phone, text)
            with contextlib.suppress(OSError):
                self._send(pdu(DELIVER_SM, ROK, sequence, body))

    def _answer(self, command: int, sequence: int, body: bytes) -> bool:
        smsc = self.smsc
        if command == BIND_TRANSCEIVER:
            read = _Reader(body)
            system_id, password = read.cstring(), read.cstring()
            status = ROK
            if system_id != smsc.system_id:
                status = RINVSYSID
            elif password != smsc.password:
                status = RINVPASWD
            smsc.binds.append((system_id, status))
            self.bound = system_id if status == ROK else None
            self._send(pdu(command | RESPONSE, status, sequence, cstring("SIMSMSC")))
            if self.bound is not None:
                with smsc._lock:
                    smsc.sessions.append(self)
                self.hand_replies()
        elif command == SUBMIT_SM:
            if self.bound is None:
                self._send(pdu(command | RESPONSE, RINVBNDSTS, sequence, b"\0"))
                return True
            status, part = smsc._submit(self.bound, body)
            if smsc.hold_answers:
                return True
            message_id = part.message_id if part else ""
            self._send(pdu(command | RESPONSE, status, sequence, cstring(message_id)))
            if part is not None and part.registered_delivery & 0x03:
                timer = threading.Timer(smsc.receipt_delay, self._send_receipt, (part,))
                timer.daemon = True
                timer.start()
        elif command == DELIVER_SM | RESPONSE:
            if sequence in self.mobile:
                with smsc._lock:
                    smsc.replies_delivered.append(self.mobile.pop(sequence))
                return True
            smsc.receipts_acknowledged.append(self.receipts.pop(sequence, f"?{sequence}"))
        elif command == ENQUIRE_LINK:
            smsc.enquire_links += 1
            self._send(pdu(command | RESPONSE, ROK, sequence))
        elif command == UNBIND:
            with smsc._lock:
                if self in smsc.sessions:
                    smsc.sessions.remove(self)
            smsc.unbinds += 1
            self._send(pdu(command | RESPONSE, ROK, sequence))
            return False
        elif not command & RESPONSE:
            self._send(pdu(GENERIC_NACK, RINVCMDID, sequence))
        return True

    def _send_receipt(self, part: Part) -> None:
        sequence = next(self.sequences)
        self.receipts[sequence] = part.message_id
        with contextlib.suppress(OSError):
            self._send(self.smsc._receipt(part, sequence))

    def _send(self, data: bytes) -> None:
        with self.send_lock:
            self.conn.sendall(data)

    def _read(self, count: int) -> bytes:
        data = bytearray()
        while len(data) < count:
            chunk = self.conn.recv(count - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return bytes(data)
