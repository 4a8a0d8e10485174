"""Credentials, from the environment or from files only their owner can read.

An account names them (``password_env: PRESS_SMTP_PASSWORD``, ``token_file: ~/.config/...``);
the value itself never sits in YAML, and no message, event or log carries it: errors name the
variable or the file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from crisisplay.delivery.base import DeliveryFailed, Secrets
from crisisplay.playbook.model import Account

KINDS_OF_SECRET = ("password", "token", "secret")


class EnvironmentSecrets(Secrets):
    """``*_env`` read from ``environ``; ``*_file`` read when owned by us and private."""

    def __init__(self, environ: Mapping[str, str], folder: Path) -> None:
        self.environ = environ
        self.folder = folder

    def find(self, account: Account, name: str) -> str | None:
        variable = getattr(account, f"{name}_env", None)
        filename = getattr(account, f"{name}_file", None)
        if variable:
            value = self.environ.get(variable)
            if not value:
                raise DeliveryFailed(f"account {account.id}: ${variable} is not set")
            return value
        if filename:
            return _private_file(account, self.folder / Path(filename).expanduser())
        return None

    def get(self, account: Account, name: str) -> str:
        value = self.find(account, name)
        if value is None:
            raise DeliveryFailed(f"account {account.id}: no {name} ({name}_env or {name}_file)")
        return value


def _private_file(account: Account, path: Path) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise DeliveryFailed(f"account {account.id}: {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DeliveryFailed(f"account {account.id}: {path} is not a regular file")
        if info.st_uid != os.getuid():
            raise DeliveryFailed(f"account {account.id}: {path} belongs to someone else")
        if info.st_mode & 0o077:
            raise DeliveryFailed(
                f"account {account.id}: {path} can be read by others (chmod 600 it)"
            )
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(64 * 1024)
    finally:
        os.close(fd)
    value = data.decode("utf-8", "replace").strip()
    if not value:
        raise DeliveryFailed(f"account {account.id}: {path} is empty")
    return value


class Scrubbed(EnvironmentSecrets):
    """Environment secrets that remember what they gave out, so that any text about to be
    recorded or shown (a service's error message) can be cleaned of them."""

    def __init__(self, environ: Mapping[str, str], folder: Path) -> None:
        super().__init__(environ, folder)
        self._given: set[str] = set()

    def find(self, account: Account, name: str) -> str | None:
        value = super().find(account, name)
        if value:
            self._given.add(value)
        return value

    def scrub(self, text: str) -> str:
        for value in sorted(self._given, key=len, reverse=True):
            if len(value) >= 4:
                text = text.replace(value, "***")
        return text
