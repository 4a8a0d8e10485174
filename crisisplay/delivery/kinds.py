"""The connector of each account kind.

A connector's module is imported the first time its kind is asked for, and each imports its
client library only inside its methods: a command loads a connector, and its library, only when
an account of its kind delivers (recording a note never loads an SMTP or Matrix client).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from crisisplay.delivery.base import Connector, Secrets
from crisisplay.playbook.model import Account

#: where each kind's connector is, as ``module:class``
_WHERE = {
    "smtp": "crisisplay.delivery.smtp:SmtpConnector",
    "smpp": "crisisplay.delivery.smpp:SmppConnector",
    "mastodon": "crisisplay.delivery.mastodon:MastodonConnector",
    "bluesky": "crisisplay.delivery.bluesky:BlueskyConnector",
    "matrix": "crisisplay.delivery.matrix:MatrixConnector",
    "webhook": "crisisplay.delivery.webhook:WebhookConnector",
    "statuspage": "crisisplay.delivery.statuspage:StatuspageConnector",
}


class _Connectors(dict[str, "type[Connector] | str"]):
    """Kind -> connector class, each imported on first use (a class set here is kept as is)."""

    def __getitem__(self, kind: str) -> type[Connector]:
        found = super().__getitem__(kind)
        if isinstance(found, str):
            module, _, name = found.partition(":")
            found = getattr(importlib.import_module(module), name)
            super().__setitem__(kind, found)
        assert not isinstance(found, str)
        return found

    def get(self, kind: str, default: object = None) -> type[Connector] | None:  # type: ignore[override]
        return self[kind] if kind in self else None  # noqa: SIM401 -- resolved by __getitem__


CONNECTORS: _Connectors = _Connectors(_WHERE)


def connector_for(account: Account, secrets: Secrets, folder: Path) -> Connector:
    """The connector that delivers through ``account``."""
    return CONNECTORS[account.kind](account, secrets, folder)
