"""E-mail through an SMTP server (aiosmtplib): the press list, the partners, the authorities.

``smtp://host:port`` upgrades with STARTTLS when the server offers it; ``smtps://host:port``
speaks TLS from the start. A password (``user`` with ``password_env`` or ``password_file``) is
only ever sent over TLS.

The plain-text body is the parcel's text, octet for octet: it goes out in base64, which carries
UTF-8 as it is, where quoted-printable and 8bit would rewrite line endings and 8bit would break
lines longer than 998 octets. The Message-ID is derived from the delivery, so every copy of one
delivery bears the same id and a receiver can tell a duplicate. SMTP has no idempotency key:
once the end of the message has been sent, an unanswered delivery is unknown, never sent again
by this module.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from crisisplay.delivery.base import (
    Connector,
    DeliveryFailed,
    DeliveryUnknown,
    Parcel,
    Receipt,
)
from crisisplay.texts import t

if TYPE_CHECKING:
    from email.message import EmailMessage

# asyncio and the email package are imported where they are used: together they would add some
# 30 ms to every command that loads the connectors, and only an smtp delivery needs them.

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
#: how long a polite QUIT may take once the server has taken the message
QUIT_SECONDS = 1.0
#: the longest subject taken from the text's first line when the parcel has neither
SUBJECT_FROM_TEXT = 78
#: a queue id in the server's final reply: Postfix and aiosmtpd "queued as X", Exim "id=X"
_QUEUE_ID = re.compile(r"queued as ([^\s;,]+)|\bid=([^\s;,]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    #: TLS from the first octet (smtps://), rather than STARTTLS when offered
    implicit_tls: bool


@dataclass
class _Progress:
    """How far one delivery went: decides between failed and unknown when it is cut short."""

    phase: str = "connecting"
    receipt: Receipt | None = None
    refused: dict[str, str] = field(default_factory=dict)


class SmtpConnector(Connector):
    kind = "smtp"
    idempotent = False
    edits = False

    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        if parcel.correcting is not None:
            return self.correct(parcel, parcel.correcting, timeout)
        return self._send(parcel, subject_of(parcel), None, timeout)

    def correct(self, parcel: Parcel, original: Receipt, timeout: float) -> Receipt:
        """A rectification: the corrected text as a new e-mail, its subject saying so in the
        parcel's language, threaded under the original (In-Reply-To, References)."""
        subject = t("mail.correction_subject", parcel.lang, subject=subject_of(parcel))
        return self._send(parcel, subject, original.remote_id, timeout)

    def _send(
        self, parcel: Parcel, subject: str, replying_to: str | None, timeout: float
    ) -> Receipt:
        import asyncio  # noqa: PLC0415 -- loaded only when an smtp account delivers

        account = self.account
        server = server_of(account.id, account.url)
        sender = sender_of(account.id, account.from_)
        recipients = self.recipients(parcel)
        password = self.secrets.get(account, "password") if account.user else None
        message_id = message_id_for(parcel.delivery, sender)
        message = compose(
            parcel, subject, account.from_ or sender, recipients, message_id, replying_to
        )
        progress = _Progress()
        envelope = _Envelope(
            server, sender, recipients, account.user, password, message_id, message
        )
        try:
            return asyncio.run(asyncio.wait_for(_session(envelope, progress), timeout))
        except asyncio.TimeoutError:
            if progress.receipt is not None:  # taken; only the goodbye was slow
                return progress.receipt
            if progress.phase == "data":
                raise DeliveryUnknown(
                    f"{server.host}:{server.port}: no answer within {timeout:g} s after the "
                    "message was sent: it may have been taken"
                ) from None
            raise DeliveryFailed(
                f"{server.host}:{server.port}: no answer within {timeout:g} s "
                f"({progress.phase}, before the message was sent)"
            ) from None


@dataclass(frozen=True)
class _Envelope:
    server: Server
    sender: str
    recipients: list[str]
    user: str | None
    password: str | None = field(repr=False)
    message_id: str
    message: bytes = field(repr=False)


async def _session(envelope: _Envelope, progress: _Progress) -> Receipt:
    import asyncio  # noqa: PLC0415 -- loaded only when an smtp account delivers

    import aiosmtplib  # noqa: PLC0415

    server = envelope.server
    where = f"{server.host}:{server.port}"
    client = aiosmtplib.SMTP(
        hostname=server.host,
        port=server.port,
        use_tls=server.implicit_tls,
        start_tls=False if server.implicit_tls else None,  # None: STARTTLS when offered
        timeout=None,  # one deadline bounds the whole exchange (the caller's wait_for)
    )
    try:
        try:
            await client.connect()
            if envelope.user is not None:
                progress.phase = "logging in"
                if client.get_transport_info("sslcontext") is None:
                    raise DeliveryFailed(
                        f"{where} offers no TLS: the password is not sent in clear "
                        "(use smtps:// or a server that offers STARTTLS)"
                    )
                await client.login(envelope.user, envelope.password or "")
            progress.phase = "sending the envelope"
            await client.mail(envelope.sender)
            for recipient in envelope.recipients:
                try:
                    await client.rcpt(recipient)
                except aiosmtplib.SMTPRecipientRefused as exc:
                    progress.refused[recipient] = f"{exc.code} {_one_line(exc.message)}"
            if len(progress.refused) == len(envelope.recipients):
                raise DeliveryFailed(f"{where} refused every recipient: {_refusals(progress)}")
        except aiosmtplib.SMTPAuthenticationError as exc:
            raise DeliveryFailed(
                f"{where} refused the login of {envelope.user}: {exc.code} {_one_line(exc.message)}"
            ) from None
        except aiosmtplib.SMTPResponseException as exc:
            raise DeliveryFailed(
                f"{where} refused while {progress.phase}: {exc.code} {_one_line(exc.message)}"
            ) from None
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise DeliveryFailed(f"{where}: {_said(exc)} ({progress.phase})") from None
        progress.phase = "data"
        try:
            reply = await client.data(envelope.message)
        except aiosmtplib.SMTPDataError as exc:  # an explicit refusal: nothing was taken
            raise DeliveryFailed(
                f"{where} refused the message: {exc.code} {_one_line(exc.message)}"
            ) from None
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise DeliveryUnknown(
                f"{where}: {_said(exc)} while the message was being sent: it may have been taken"
            ) from None
        progress.receipt = _receipt(envelope.message_id, reply.code, reply.message, progress)
        progress.phase = "done"
        # The message is taken: a lost goodbye changes nothing.
        with contextlib.suppress(aiosmtplib.SMTPException, OSError, asyncio.TimeoutError):
            await asyncio.wait_for(client.quit(), QUIT_SECONDS)
        return progress.receipt
    finally:
        client.close()


def _receipt(message_id: str, code: int, reply: str, progress: _Progress) -> Receipt:
    details = {"reply": f"{code} {_one_line(reply)}"}
    found = _QUEUE_ID.search(reply)
    if found:
        details["queue_id"] = found[1] or found[2]
    if progress.refused:
        details["refused"] = _refusals(progress)
    return Receipt(remote_id=message_id, details=details)


def _refusals(progress: _Progress) -> str:
    return "; ".join(f"{address} ({why})" for address, why in progress.refused.items())


def _said(exc: BaseException) -> str:
    return _one_line(str(exc)) or type(exc).__name__


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- the account


def server_of(account: str, url: str | None) -> Server:
    parts = urlsplit(url or "")
    try:
        port = parts.port
    except ValueError:
        port = None
        parts = parts._replace(scheme="")
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise DeliveryFailed(
            f"account {account}: url must be smtp://host:port or smtps://host:port"
        )
    return Server(parts.hostname, port or DEFAULT_PORTS[parts.scheme], parts.scheme == "smtps")


def sender_of(account: str, from_: str | None) -> str:
    """The envelope sender: the address of ``from`` ("Name <address>" or the address)."""
    from email.utils import parseaddr  # noqa: PLC0415 -- loaded only when an smtp account delivers

    _, address = parseaddr(from_ or "")
    if "@" not in address:
        raise DeliveryFailed(f"account {account}: from must be an e-mail address")
    return address


# ---------------------------------------------------------------- the message


def subject_of(parcel: Parcel) -> str:
    """The parcel's subject, else its title, else the start of its text's first line."""
    for candidate in (parcel.subject, parcel.title):
        if candidate and candidate.strip():
            return _one_line(candidate)
    first = _one_line(parcel.text.strip().split("\n", 1)[0]) if parcel.text.strip() else ""
    if len(first) > SUBJECT_FROM_TEXT:
        first = first[: SUBJECT_FROM_TEXT - 1].rstrip() + "…"
    return first or parcel.message


def message_id_for(delivery: str, sender: str) -> str:
    """``<delivery@sender's domain>``: the same for every try of one delivery."""
    domain = sender.rpartition("@")[2] or "crisisplay.invalid"
    return f"<{_dot_atom(delivery)}@{domain}>"


def _dot_atom(text: str) -> str:
    # Letters, digits, - and _ as they are, a dot between two of them; anything else (and =
    # itself) as =XX, so two deliveries never share an id.
    out: list[str] = []
    for index, char in enumerate(text):
        lone_dot = (
            char == "."
            and 0 < index < len(text) - 1
            and text[index - 1] != "."
            and text[index + 1] != "."
        )
        if (char.isascii() and (char.isalnum() or char in "-_")) or lone_dot:
            out.append(char)
        else:
            out.append("".join(f"={octet:02X}" for octet in char.encode("utf-8")))
    return "".join(out) or "delivery"


def compose(
    parcel: Parcel,
    subject: str,
    from_header: str,
    recipients: list[str],
    message_id: str,
    replying_to: str | None,
) -> bytes:
    """The message as the server receives it (CRLF line ends)."""
    from email.message import EmailMessage  # noqa: PLC0415 -- loaded only when smtp delivers
    from email.policy import SMTP  # noqa: PLC0415
    from email.utils import format_datetime  # noqa: PLC0415

    message = EmailMessage(policy=SMTP)
    message["From"] = from_header
    # A press list must not read each other's addresses: they are on the envelope only.
    message["To"] = recipients[0] if len(recipients) == 1 else "undisclosed-recipients:;"
    message["Subject"] = subject
    message["Date"] = format_datetime(parcel.published_at)
    message["Message-ID"] = message_id
    if replying_to:
        message["In-Reply-To"] = replying_to
        message["References"] = replying_to
    message["Content-Language"] = parcel.lang
    message["X-Crisisplay-Incident"] = parcel.incident
    message["X-Crisisplay-Message"] = f"{parcel.message} ({parcel.kind})"
    if parcel.drill:
        message["X-Crisisplay-Drill"] = "yes"
    message["MIME-Version"] = "1.0"
    if parcel.html is None:
        _set_text(message, "plain", parcel.text)
    else:
        plain, html = EmailMessage(policy=SMTP), EmailMessage(policy=SMTP)
        _set_text(plain, "plain", parcel.text)
        _set_text(html, "html", parcel.html)
        message["Content-Type"] = "multipart/alternative"
        digest = hashlib.sha256(parcel.delivery.encode("utf-8")).hexdigest()[:16]
        message.set_boundary(f"=crisisplay-{digest}")  # base64 never holds a -
        message.set_payload([plain, html])
    return message.as_bytes()


def _set_text(part: EmailMessage, subtype: str, content: str) -> None:
    part["Content-Type"] = f'text/{subtype}; charset="utf-8"'
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload(base64.encodebytes(content.encode("utf-8")).decode("ascii"))
