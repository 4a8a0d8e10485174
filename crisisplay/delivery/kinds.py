"""The connector of each account kind.

Every connector module is imported here, and each imports its client library only inside its
methods: a command loads a library only when an account of its kind delivers.
"""

from __future__ import annotations

from pathlib import Path

from crisisplay.delivery.base import Connector, Secrets
from crisisplay.playbook.model import Account

CONNECTORS: dict[str, type[Connector]] = {}


def connector_for(account: Account, secrets: Secrets, folder: Path) -> Connector:
    """The connector that delivers through ``account``."""
    return CONNECTORS[account.kind](account, secrets, folder)
