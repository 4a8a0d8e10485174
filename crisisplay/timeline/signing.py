"""Personal signing keys, and the signature each act carries.

A person's key pair lives in their own config folder: ``signing-key.pem`` (the Ed25519 private
key, PKCS#8, mode 0600, optionally protected by a passphrase) and ``signing-key.json`` (who it
is for and the public key, ``ed25519:<base64>``, as it goes into the person's roster entry). The
organisation file is the list of who may sign: verifying compares the key of each signature
with the one the roster gives for the person named.

A ``sig`` field is ``ed25519:<public key>:<signature>``, both base64: the signature alone would
not tell a change of the event (a bad signature) from another key (a forged file). The
``cryptography`` package is imported only when a key is made, used or checked.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crisisplay.errors import TimelineError, UsageError
from crisisplay.infile import open_regular
from crisisplay.timeline.events import HASH_MARK, HASH_SEGMENT
from crisisplay.timeline.fileio import describe, fsync_dir, make_folder, write_all
from crisisplay.timeline.recording import PASSPHRASE_ENV

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

ALGORITHM = "ed25519"
KEY_FILE = "signing-key.pem"
IDENTITY_FILE = "signing-key.json"
_SIG_MARK = b',"sig":"'
_PUBLIC_LENGTH = len(ALGORITHM) + 1 + 44  # 32 bytes in base64
#: the largest key file read (a key and its description take a few hundred bytes)
MAX_KEY_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Identity:
    """Whose key a config folder holds, and its public half."""

    person: str
    public: str
    folder: Path

    @property
    def roster_line(self) -> str:
        return f"key: {self.public}"


def read_identity(folder: Path | None) -> Identity | None:
    """The key of ``folder``, or None when there is none (no file read beyond that)."""
    if folder is None:
        return None
    path = folder / IDENTITY_FILE
    try:
        data = json.loads(read_key_file(path)[0].decode("utf-8"))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UsageError(
            f"cannot read the signing key's description {path}: {describe(exc)}"
        ) from None
    except ValueError as exc:
        raise UsageError(f"cannot read the signing key's description {path}: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path} does not describe a signing key (person, public)")
    person, public = data.get("person"), data.get("public")
    if not isinstance(person, str) or not isinstance(public, str) or not person:
        raise UsageError(f"{path} does not describe a signing key (person, public)")
    return Identity(person, public, folder)


def public_text(raw: bytes) -> str:
    return f"{ALGORITHM}:{base64.b64encode(raw).decode('ascii')}"


def create_key(folder: Path, person: str, passphrase: str | None) -> Identity:
    """A new key pair for ``person`` in ``folder``; an existing key is never overwritten."""
    from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: PLC0415

    key_path = folder / KEY_FILE
    if key_path.exists() or (folder / IDENTITY_FILE).exists():
        raise UsageError(
            f"a signing key already exists in {folder}",
            hint="`crisisplay key show` prints it; move the folder's signing-key.* away first "
            "to make another (signatures made with the old key then no longer match the roster)",
        )
    private = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = serialization.NoEncryption()
    if passphrase:
        encryption = serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    identity = Identity(person, public_text(raw), folder)
    make_folder(folder)
    _write_new(key_path, pem, 0o600)
    described = {"person": person, "public": identity.public}
    _write_new(folder / IDENTITY_FILE, (json.dumps(described) + "\n").encode(), 0o644)
    return identity


def _write_new(path: Path, data: bytes, mode: int) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    except OSError as exc:
        raise UsageError(f"cannot create {path}: {describe(exc)}") from None
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(path)


class KeySigner:
    """Signs with the key of a config folder; the private key is read on the first signature
    (a command that records nothing never asks for the passphrase)."""

    def __init__(self, identity: Identity, passphrase: Callable[[], str | None]) -> None:
        self.identity = identity
        self._passphrase = passphrase
        self._key: Ed25519PrivateKey | None = None

    @property
    def person(self) -> str:
        return self.identity.person

    def unlock(self) -> None:
        if self._key is None:
            self._key = self._load()

    def sign(self, body: bytes) -> str:
        if self._key is None:
            self._key = self._load()
        signature = base64.b64encode(self._key.sign(body)).decode("ascii")
        return f"{self.identity.public}:{signature}"

    def _load(self) -> Ed25519PrivateKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: PLC0415
        from cryptography.hazmat.primitives.serialization import load_pem_private_key  # noqa: PLC0415

        path = self.identity.folder / KEY_FILE
        try:
            pem, mode = read_key_file(path)
        except OSError as exc:
            raise TimelineError(f"cannot read the signing key {path}: {describe(exc)}") from None
        if mode & 0o077:
            raise UsageError(
                f"the signing key {path} can be read by others", hint=f"chmod 600 {path}"
            )
        key = _decrypt(pem, path, self._passphrase, load_pem_private_key)
        if not isinstance(key, Ed25519PrivateKey):
            raise UsageError(f"{path} is not an Ed25519 key")
        from cryptography.hazmat.primitives import serialization  # noqa: PLC0415

        raw = key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        if public_text(raw) != self.identity.public:  # every act it signed would not verify
            described = self.identity.folder / IDENTITY_FILE
            raise UsageError(
                f"the signing key {path} is not the one {described} describes: nothing is recorded",
                hint="make a new key with `crisisplay key init --person YOUR-ID` in an empty "
                "folder, and put `crisisplay key show`'s line on your roster entry",
            )
        return key

    @property
    def public(self) -> str:
        return self.identity.public


def read_key_file(path: Path) -> tuple[bytes, int]:
    """The bytes of a key file and its mode. Only a regular file is read (a FIFO would make
    the command wait forever, ``/dev/zero`` would never end), checked on its descriptor, and
    only up to :data:`MAX_KEY_FILE_BYTES`: no key file is larger."""
    with open_regular(path) as file:
        mode = os.fstat(file.fileno()).st_mode
        data = file.read(MAX_KEY_FILE_BYTES + 1)
    if len(data) > MAX_KEY_FILE_BYTES:
        raise UsageError(
            f"{path} is larger than a key file can be ({MAX_KEY_FILE_BYTES} bytes at most)"
        )
    return data, mode


def _decrypt(pem: bytes, path: Path, passphrase: Callable[[], str | None], load: Any) -> Any:
    """The private key of ``pem``, asking for the passphrase only if it has one."""
    if b"ENCRYPTED" not in pem:
        from cryptography.exceptions import UnsupportedAlgorithm  # noqa: PLC0415

        try:
            return load(pem, password=None)
        except (ValueError, TypeError, UnsupportedAlgorithm):
            raise UsageError(f"{path} is not a PEM private key") from None
    given = passphrase()
    if given is None:
        raise UsageError(
            f"the signing key {path} is protected by a passphrase",
            hint=f"run from a terminal to type it, or set ${PASSPHRASE_ENV}",
        )
    try:
        return load(pem, password=given.encode("utf-8"))
    except ValueError:
        raise UsageError(f"wrong passphrase for the signing key {path}") from None


def signed_body(line: bytes) -> bytes:
    """What the signature of a signed line covers: the line without ``hash``, ``sig`` and its
    newline. After ``sig`` only ``time`` and ``v`` follow, so its last marker is the field."""
    cut = line.find(HASH_MARK)
    sig = line.rfind(_SIG_MARK)
    close = line.find(b'"', sig + len(_SIG_MARK))
    end = len(line) - 1 if line.endswith(b"\n") else len(line)
    return line[:cut] + line[cut + HASH_SEGMENT : sig] + line[close + 1 : end]


def split_sig(sig: str) -> tuple[str, bytes] | None:
    """The public key (as the roster writes it) and the raw signature of a ``sig`` field."""
    public, _, signature = sig.rpartition(":")
    if not public.startswith(ALGORITHM + ":") or len(public) != _PUBLIC_LENGTH:
        return None
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        return None
    return (public, raw) if len(raw) == 64 else None


def public_key(public: str) -> Ed25519PublicKey | None:
    """The key of an ``ed25519:<base64>`` text, or None if it is not one."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey  # noqa: PLC0415

    try:
        raw = base64.b64decode(public.removeprefix(ALGORITHM + ":"), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        return None


def load_signer(config: Path | None, passphrase: Callable[[], str | None]) -> KeySigner | None:
    """The signer of the key in ``config``; None when the folder holds no key."""
    identity = read_identity(config)
    return None if identity is None else KeySigner(identity, passphrase)
