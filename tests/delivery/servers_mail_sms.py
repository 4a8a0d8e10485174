"""Real SMTP servers on 127.0.0.1 for the smtp connector's tests (aiosmtpd), and the two kinds of
absent server every connector meets: a port where nothing listens, and one that takes the
connection and never says a word.

One event loop in a thread serves every aiosmtpd instance of the session:

- ``plain``: no TLS, no AUTH (what a relay on the loopback looks like);
- ``starttls``: offers STARTTLS, and AUTH once under TLS, with one login and its password;
- ``smtps``: TLS from the first octet;
- ``clear_auth``: offers AUTH without TLS (a server the connector must not give a password to).

Each keeps what it received, as it received it, and the logins tried on it. A recipient at
``refused.test`` is refused (550); a message to one at ``slow.test`` is taken, then answered
only after ``SLOW_SECONDS``.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import itertools
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SLOW_SECONDS = 3.0
LOGIN = "cell-press"
PASSWORD = "Xq7-press-Secret-4412"  # long and odd enough to be found wherever it leaks


@dataclass(frozen=True)
class Received:
    """One message a server took: its envelope and the octets after DATA."""

    server: str
    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes
    queue_id: str
    login: str | None
    tls: bool


@dataclass
class MailServer:
    name: str
    port: int
    received: list[Received] = field(default_factory=list)
    logins: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def url(self) -> str:
        scheme = "smtps" if self.name == "smtps" else "smtp"
        return f"{scheme}://127.0.0.1:{self.port}"


class _Handler:
    def __init__(self, server: MailServer, counter: Iterator[int]) -> None:
        self.server = server
        self.counter = counter

    async def handle_RCPT(
        self,
        smtp: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        options: list[str],
    ) -> str:
        if address.endswith("@refused.test"):
            return "550 5.1.1 <" + address + ">: no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        queue_id = f"Q{next(self.counter):06d}"
        auth = session.auth_data
        login = auth.login if isinstance(auth, LoginPassword) else None
        self.server.received.append(
            Received(
                server=self.server.name,
                mail_from=str(envelope.mail_from),
                rcpt_tos=tuple(envelope.rcpt_tos),
                content=bytes(envelope.original_content or b""),
                queue_id=queue_id,
                login=login.decode() if isinstance(login, bytes) else login,
                tls=smtp.transport is not None
                and smtp.transport.get_extra_info("ssl_object") is not None,
            )
        )
        if any(rcpt.endswith("@slow.test") for rcpt in envelope.rcpt_tos):
            await asyncio.sleep(SLOW_SECONDS)
        return f"250 2.0.0 Ok: queued as {queue_id}"


class _Authenticator:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    def __call__(
        self, smtp: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login, password = data.login.decode(), data.password.decode()
        ok = (login, password) == (LOGIN, PASSWORD)
        self.server.logins.append((login, ok))
        return AuthResult(success=ok, handled=False, auth_data=data)  # handled: 535 on failure


class MailServers:
    """The session's SMTP servers and the CA that signs their certificate (trusted by a test
    through SSL_CERT_FILE)."""

    def __init__(self, folder: Path) -> None:
        self.ca_file, self._tls = _certificates(folder)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._counter = itertools.count(1)
        self._servers: list[asyncio.AbstractServer] = []
        self.plain = self._start("plain")
        self.starttls = self._start("starttls", starttls=True, auth=True)
        self.smtps = self._start("smtps", implicit=True)
        self.clear_auth = self._start("clear_auth", auth=True, auth_in_clear=True)

    def _start(
        self,
        name: str,
        *,
        starttls: bool = False,
        implicit: bool = False,
        auth: bool = False,
        auth_in_clear: bool = False,
    ) -> MailServer:
        server = MailServer(name, 0)
        handler = _Handler(server, self._counter)

        def protocol() -> SMTP:
            return SMTP(
                handler,
                hostname="mail.crisisplay.test",
                tls_context=self._tls if starttls else None,
                authenticator=_Authenticator(server) if auth else None,
                auth_require_tls=not auth_in_clear,
                loop=self._loop,
            )

        async def listen() -> asyncio.AbstractServer:
            return await self._loop.create_server(
                protocol, "127.0.0.1", 0, ssl=self._tls if implicit else None
            )

        listening = asyncio.run_coroutine_threadsafe(listen(), self._loop).result(5)
        self._servers.append(listening)
        server.port = listening.sockets[0].getsockname()[1]
        return server

    def all(self) -> list[MailServer]:
        return [self.plain, self.starttls, self.smtps, self.clear_auth]

    def close(self) -> None:
        async def stop() -> None:
            for server in self._servers:
                server.close()
                await server.wait_closed()

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()


def _certificates(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """A CA and a certificate it signs for 127.0.0.1: the CA's file, and the servers' context."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "crisisplay test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_file = folder / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    chain = folder / "server.pem"
    chain.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        + leaf.public_bytes(serialization.Encoding.PEM)
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(chain)
    return ca_file, context


# ---------------------------------------------------------------- servers that are not there


def closed_port() -> int:
    """A loopback port where nothing listens (a connection is refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def silent_server() -> Iterator[int]:
    """A port that takes connections (the kernel's backlog does) and never answers."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()
