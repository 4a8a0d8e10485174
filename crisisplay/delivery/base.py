"""What a connector is given (a parcel: one text for one channel through one account) and what
it gives back (a receipt), or how it fails.

A connector is one class per account kind. It imports its client library inside its methods,
so that the library loads only when an account of its kind is used. ``deliver`` either returns
a receipt, or raises ``DeliveryFailed`` (certainly not delivered: refused, unreachable before
anything was sent) or ``DeliveryUnknown`` (the service may have taken it: the connection
dropped after the text was sent). Connectors whose platform has an idempotency key
(``idempotent = True``) use ``parcel.delivery`` as that key, so a retry of an unknown outcome
never posts twice.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from crisisplay.playbook.model import Account


@dataclass(frozen=True)
class Receipt:
    """What the service gave back: its id for what it took, where it can be read, and details
    worth keeping (an SMTP queue id, the SMPP message id of each part...)."""

    remote_id: str | None = None
    url: str | None = None
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Parcel:
    """One text for one channel, through one account."""

    #: the delivery's id, unique in its incident: the idempotency key where the platform has one
    delivery: str
    incident: str
    message: str
    #: the message's kind (holding, update, resolution...)
    kind: str
    channel: str
    lang: str
    text: str
    published_at: datetime
    next_update: datetime | None = None
    #: the e-mail subject, the push or status page title, where the channel has one
    subject: str | None = None
    title: str | None = None
    html: str | None = None
    #: a drill's text (an account marked ``drill: true`` receives it)
    drill: bool = False
    #: for a correction: the receipt of the delivery it corrects
    correcting: Receipt | None = None
    #: the earlier parcels of the same channel and account in the incident, in order (the
    #: status page is rebuilt from all of them)
    history: tuple[Parcel, ...] = ()
    #: for a page: the person's own address (phone, e-mail, Matrix id) instead of the
    #: account's recipients
    to: tuple[str, ...] = ()


class DeliveryFailed(Exception):
    """Not delivered, certainly: it may be tried again."""


class DeliveryUnknown(Exception):
    """Maybe delivered: the service may have taken it and the answer was lost."""


class Connector(ABC):
    """Delivers parcels through one account."""

    kind: ClassVar[str]
    #: a retry cannot post twice (the platform keeps an idempotency key)
    idempotent: ClassVar[bool] = False
    #: corrections edit in place (Mastodon, Matrix) rather than send a rectification
    edits: ClassVar[bool] = False

    def __init__(self, account: Account, secrets: Secrets, folder: Path) -> None:
        self.account = account
        self.secrets = secrets
        #: the organisation file's folder: relative paths of the account (``to_file``, ``dir``)
        #: are read from it
        self.folder = folder

    def recipients(self, parcel: Parcel | None = None) -> list[str]:
        """The parcel's own recipients (a page), else the account's ``to``, then the lines of
        ``to_file`` (blank lines and ``#`` comments skipped)."""
        if parcel is not None and parcel.to:
            return list(parcel.to)
        found = list(self.account.to)
        if self.account.to_file:
            path = self.folder / self.account.to_file
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise DeliveryFailed(f"{path}: {exc.strerror or exc}") from None
            found += [
                line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
            ]
        if not found:
            raise DeliveryFailed(f"account {self.account.id}: no recipient (to, to_file)")
        return found

    @abstractmethod
    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        """Send the parcel within ``timeout`` seconds; its receipt."""

    def correct(self, parcel: Parcel, original: Receipt, timeout: float) -> Receipt:
        """A correction of what ``original`` delivered. By default, the corrected text is sent
        as a new delivery (a rectification: an e-mail, an SMS); platforms that edit or delete
        override this."""
        return self.deliver(parcel, timeout)

    def close(self) -> None:  # noqa: B027 -- most connectors hold nothing between deliveries
        """Release what the connector holds (a connection, a session)."""


class Secrets(ABC):
    """Where a connector reads its credentials (``crisisplay.delivery.secrets``)."""

    @abstractmethod
    def get(self, account: Account, name: str) -> str:
        """The credential ``name`` (password, token, secret) of ``account``; raises
        ``DeliveryFailed`` naming the variable or file, never the value."""

    @abstractmethod
    def find(self, account: Account, name: str) -> str | None:
        """The credential when the account names one, else None."""
