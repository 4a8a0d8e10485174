"""`signals watch`: a Mastodon search for the brand's names on a Mastodon API server on the
loopback (mastodon-mock), and JSON Lines on stdin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crisisplay.signals.store import read_rows
from tests.conftest import Cli
from tests.delivery.servers_social import MastodonServer, http_json, mastodon_server

pytest.importorskip("mastodon_mock")


@pytest.fixture(scope="module")
def instance() -> Iterator[MastodonServer]:
    with mastodon_server() as server:
        yield server


def _post(server: MastodonServer, text: str) -> None:
    http_json("POST", f"{server.url}/api/v1/statuses", {"status": text}, token=server.token)


def test_watch_adds_the_statuses_naming_the_brand_once(
    cli: Cli, home_copy: Path, instance: MastodonServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _post(instance, "Plus aucun réseau Onde Mobile depuis 7h, c'est un scandale")
    _post(instance, "Onde Mobile : toujours rien à Rennes ?")
    _post(instance, "Les Ondes Mobiles de la radio locale")  # a name inside other words
    monkeypatch.setenv("WATCH_TOKEN", instance.token)
    args = ("signals", "watch", "--mastodon", instance.url, "--token-env", "WATCH_TOKEN",
            "--rounds", "1", "--no-incident", "--lang", "en")  # fmt: skip
    ran = cli(*args, home=home_copy)
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    rows = read_rows(home_copy / "signals" / "mentions.csv")
    assert sorted(row[4] for row in rows) == [
        "Onde Mobile : toujours rien à Rennes ?",
        "Plus aucun réseau Onde Mobile depuis 7h, c'est un scandale",
    ]
    assert {row[2] for row in rows} == {"@ondemobile"}
    assert "scandale" in ran.stdout  # the watched word raised the level
    again = cli(*args, home=home_copy)  # the same statuses found again count once
    assert "0 row(s) added" in again.stdout
    assert len(read_rows(home_copy / "signals" / "mentions.csv")) == 2


def test_watch_without_a_token_says_which_option(
    cli: Cli, home_copy: Path, instance: MastodonServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MASTODON_TOKEN", raising=False)
    ran = cli("signals", "watch", "--mastodon", instance.url, "--lang", "en", home=home_copy)
    assert ran.exit_code == 2
    assert "--token-env" in ran.stderr


def test_watch_reads_json_lines_on_stdin(cli: Cli, home_copy: Path) -> None:
    lines = "".join(
        f'{{"time": "2026-11-23T07:{m:02d}:00+01:00", "author": "@p{m}", "audience": 40, '
        f'"text": "panne"}}\n'
        for m in range(5)
    )
    ran = cli("signals", "watch", "--no-incident", "--lang", "en", home=home_copy, input=lines)
    assert ran.exit_code == 0, ran.stderr
    assert "5 row(s) added" in ran.stdout
