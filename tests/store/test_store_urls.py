"""A store URL is read as libpq reads it: ?host= and ?port= name the server, in messages and
in this laptop's folders of the store; an option libpq refuses is bad input, not an outage."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.timeline.pgconn import parse_target
from tests.conftest import Cli


def test_host_and_port_given_as_url_options_name_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from crisisplay.timeline.stores import shared_folder

    plain = parse_target("postgresql://alice@crisis-db/crisisplay")
    by_host = parse_target("postgresql://alice@crisis-db/crisisplay?host=backup-db")
    by_port = parse_target("postgresql://alice@crisis-db/crisisplay?port=5433")
    by_both = parse_target("postgresql:///crisisplay?host=backup-db&port=6432&user=alice")
    assert plain.label == "database crisisplay on crisis-db"
    assert by_host.label == "database crisisplay on backup-db"
    assert by_port.label == "database crisisplay on crisis-db:5433"
    assert by_both.label == "database crisisplay on backup-db:6432"
    env = {"XDG_CACHE_HOME": "/cache"}
    folders = {shared_folder(t, env) for t in (plain, by_host, by_port, by_both)}
    assert len(folders) == 4  # a mirror and an outbox of their own for each server


@pytest.mark.parametrize(
    ("option", "named"),
    [("sslmode=bogus", "sslmode"), ("service=nope", "service"),
     ("target_session_attrs=bogus", "target_session_attrs")],
)  # fmt: skip
def test_a_bad_url_option_is_bad_input_not_an_outage(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str, named: str
) -> None:
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "no-service-file"))
    url = f"postgresql://alice:pw-h3@127.0.0.1:1/crisisplay?{option}"
    ran = cli("--store", url, "log", "note", "press desk called", "--actor", "alice",
              "--incident", "20261123-1500-never-read-0001")  # fmt: skip
    assert ran.exit_code == 2, ran.stdout + ran.stderr
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and f"the store URL's {named} option" in lines[0]
    assert "pw-h3" not in ran.stderr and "kept on this laptop" not in ran.stderr
    cache = tmp_path / "cache"
    assert not any(p.is_file() for p in cache.rglob("*")) if cache.exists() else True
