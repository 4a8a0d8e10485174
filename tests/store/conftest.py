"""Fixtures of the shared-store tests: one throwaway PostgreSQL cluster for the session (or the
server of $CRISISPLAY_TEST_DSN), and a fresh database with the schema for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crisisplay.timeline.pgconn import connect, parse_target
from crisisplay.timeline.pgschema import migrate
from tests.store.pgcluster import Cluster, throwaway_cluster


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    with throwaway_cluster() as running:
        yield running


@pytest.fixture
def bare_url(cluster: Cluster) -> str:
    """A new, empty database (no schema), as a password-bearing URL."""
    return cluster.url(cluster.create_database())


@pytest.fixture
def store_url(bare_url: str) -> str:
    """A new database with the crisisplay schema."""
    with connect(parse_target(bare_url)) as conn:
        migrate(conn)
    return bare_url


MEMBER = "cp_member_alice"
MEMBER_PASSWORD = "alice-pw-2026"


@pytest.fixture
def member_url(cluster: Cluster, store_url: str) -> str:
    """The store of ``store_url`` as a login granted the member role (and nothing else)."""
    import psycopg

    cluster.create_login(MEMBER, MEMBER_PASSWORD)
    with psycopg.connect(store_url, autocommit=True) as conn:
        conn.execute(f"GRANT crisisplay_member TO {MEMBER}")
    return cluster.url(store_url.rsplit("/", 1)[1], MEMBER, MEMBER_PASSWORD)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its local copies and outbox in a cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CRISISPLAY_STORE", raising=False)
