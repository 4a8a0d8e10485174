"""The accounts of the organisation file: what each kind needs, channels that exist, and the
credentials they name (a variable not set, a file others can read) — named, never read out."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from crisisplay.channels.catalogue import CATALOGUE
from crisisplay.errors import Problem
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Account
from crisisplay.playbook.problems import ProblemReport

#: what each kind cannot deliver without (besides channels)
NEEDS: Mapping[str, tuple[str, ...]] = {
    "smtp": ("url", "from_", "to|to_file"),
    "smpp": ("url", "user", "password", "to|to_file"),
    "mastodon": ("url", "token"),
    "bluesky": ("user", "password"),
    "matrix": ("url", "rooms", "token"),
    "webhook": ("url",),
    "statuspage": ("dir",),
}
SCHEMES: Mapping[str, tuple[str, ...]] = {
    "smtp": ("smtp://", "smtps://"),
    "smpp": ("smpp://",),
    "mastodon": ("https://", "http://"),
    "bluesky": ("https://", "http://"),
    "matrix": ("https://", "http://"),
    "webhook": ("https://", "http://"),
}


def account_problems(playbook: Playbook, environ: Mapping[str, str]) -> list[Problem]:
    """Errors (a kind's missing settings, unknown channels, duplicate ids), then warnings
    (credentials named but not found here: this laptop may not be the one that delivers)."""
    org = playbook.organisation
    report = ProblemReport(playbook.organisation_doc)
    accounts = org.accounts
    report.unique(((("accounts", i, "id"), a.id) for i, a in enumerate(accounts)), "account")
    known = [*CATALOGUE, *org.channels]
    for i, account in enumerate(accounts):
        for j, channel in enumerate(account.channels):
            report.ref(("accounts", i, "channels", j), channel, known, "channel")
        for need in NEEDS[account.kind]:
            if not any(_given(account, name) for name in need.split("|")):
                names = " or ".join(n.rstrip("_") for n in need.split("|"))
                report.at(("accounts", i), f"a {account.kind} account needs {names}")
        schemes = SCHEMES.get(account.kind)
        if account.url and schemes and not account.url.startswith(schemes):
            report.at(("accounts", i, "url"), f"a {account.kind} url starts with "
                      + " or ".join(schemes))  # fmt: skip
        if account.timeout <= 0:
            report.at(("accounts", i, "timeout"), "the timeout is a number of seconds above 0")
    warnings = [
        playbook.organisation_doc.problem(path, message, level="warning")
        for path, message in _credential_warnings(accounts, environ, playbook.home.playbooks)
    ]
    return report.problems + warnings


def _given(account: Account, name: str) -> bool:
    if name in ("password", "token", "secret"):
        return bool(getattr(account, f"{name}_env") or getattr(account, f"{name}_file"))
    return bool(getattr(account, name))


def _credential_warnings(
    accounts: tuple[Account, ...], environ: Mapping[str, str], folder: Path
) -> list[tuple[tuple[str | int, ...], str]]:
    found: list[tuple[tuple[str | int, ...], str]] = []
    for i, account in enumerate(accounts):
        for name in ("password", "token", "secret"):
            variable = getattr(account, f"{name}_env")
            if variable and not environ.get(variable):
                found.append(((("accounts", i, f"{name}_env")),
                              f"${variable} is not set here: {account.id} cannot deliver "
                              "from this terminal"))  # fmt: skip
            filename = getattr(account, f"{name}_file")
            if filename:
                problem = _private(folder / Path(filename).expanduser())
                if problem:
                    found.append((("accounts", i, f"{name}_file"), problem))
        if account.to_file and not (folder / account.to_file).is_file():
            found.append((("accounts", i, "to_file"), f"{account.to_file} is not a file here"))
    return found


def _private(path: Path) -> str | None:
    try:
        info = path.lstat()
    except OSError:
        return f"{path} does not exist here"
    if not stat.S_ISREG(info.st_mode):
        return f"{path} is not a regular file"
    if info.st_uid != os.getuid():
        return f"{path} belongs to someone else"
    if info.st_mode & 0o077:
        return f"{path} can be read by others: chmod 600 it"
    return None


__all__ = ["account_problems"]
