"""The organisation file's accounts, as `crisisplay validate` reads them: each kind's needs,
channels that exist, credentials named and never given (a password in YAML is refused)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from tests.conftest import ROOT, Cli


def _home(tmp_path: Path, accounts: list[dict[str, object]]) -> Path:
    home = tmp_path / "home"
    for name in ("playbooks", "templates"):
        shutil.copytree(ROOT / name, home / name)
    org = home / "playbooks" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text + "\n" + yaml.safe_dump({"accounts": accounts}), encoding="utf-8")
    return home


def _problems(cli: Cli, home: Path) -> tuple[int, list[dict[str, object]]]:
    ran = cli("validate", "--format", "json", home=home)
    return ran.exit_code, json.loads(ran.stdout)["problems"]


def test_a_well_formed_account_is_valid_and_its_sender_is_written_from(
    cli: Cli, tmp_path: Path, monkeypatch: object
) -> None:
    account = {"id": "press-mail", "kind": "smtp", "url": "smtp://127.0.0.1:2525",
               "from": "Onde Mobile <crise@onde-mobile.example>", "to": ["presse@example.org"],
               "channels": ["email"]}  # fmt: skip
    code, problems = _problems(cli, _home(tmp_path, [account]))
    assert code == 0 and not [p for p in problems if "accounts" in str(p.get("path"))], problems


def test_what_a_kind_needs_and_channels_that_do_not_exist_are_named_at_their_line(
    cli: Cli, tmp_path: Path
) -> None:
    accounts = [
        {"id": "sms", "kind": "smpp", "channels": ["smss"]},
        {"id": "sms", "kind": "webhook", "url": "ftp://hooks.example", "channels": ["x"]},
    ]
    home = _home(tmp_path, accounts)
    code, problems = _problems(cli, home)
    assert code == 1
    messages = {str(p["message"]) for p in problems if p["level"] == "error"}
    assert "unknown channel 'smss' (did you mean 'sms'?)" in messages
    assert "a smpp account needs url" in messages
    assert "a smpp account needs to or to_file" in messages
    assert "duplicate account id 'sms'" in messages
    assert "a webhook url starts with https:// or http://" in messages
    assert all(str(p["file"]).endswith("organisation.yaml") and p["line"] for p in problems
               if "account" in str(p["message"]))  # fmt: skip


def test_a_password_in_the_file_is_refused(cli: Cli, tmp_path: Path) -> None:
    account = {"id": "m", "kind": "mastodon", "url": "https://social.example",
               "channels": ["mastodon"], "password": "hunter2", "token_env": "TOKEN"}  # fmt: skip
    ran = cli("validate", home=_home(tmp_path, [account]))
    assert ran.exit_code != 0
    assert "unknown key 'password'" in ran.stdout + ran.stderr
    assert "hunter2" not in ran.stdout + ran.stderr


def test_credentials_not_found_here_are_warnings_naming_them_never_their_value(
    cli: Cli, tmp_path: Path, monkeypatch: object
) -> None:
    secret = tmp_path / "token.txt"
    secret.write_text("tok-very-secret\n", encoding="utf-8")
    secret.chmod(0o644)
    accounts = [
        {"id": "m", "kind": "mastodon", "url": "https://social.example", "channels": ["mastodon"],
         "token_file": str(secret)},
        {"id": "w", "kind": "webhook", "url": "https://hooks.example", "channels": ["x"],
         "secret_env": "CRISISPLAY_TEST_UNSET_SECRET"},
    ]  # fmt: skip
    ran = cli("validate", "--format", "json", home=_home(tmp_path, accounts))
    problems = json.loads(ran.stdout)["problems"]
    warnings = {str(p["message"]) for p in problems if p["level"] == "warning"}
    assert f"{secret} can be read by others: chmod 600 it" in warnings
    assert any("$CRISISPLAY_TEST_UNSET_SECRET is not set here" in w for w in warnings)
    assert "tok-very-secret" not in ran.stdout
    secret.chmod(0o600)
    ran = cli("validate", "--format", "json", home=_home(tmp_path / "again", accounts))
    assert not [p for p in json.loads(ran.stdout)["problems"] if "chmod" in str(p["message"])]
