"""A member login may read and call the append function, nothing else (`store init` included:
it is told who may); and even the owner cannot change a recorded event (a trigger refuses)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from crisisplay.errors import UsageError
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgstore import PgStore
from tests.conftest import Cli
from tests.store.conftest import MEMBER, MEMBER_PASSWORD
from tests.store.pgcluster import Cluster
from tests.store.test_store_basics import INCIDENT, _activation, _note

OUTSIDER = "cp_outsider"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE crisisplay.events SET line = 'x'",
        "UPDATE crisisplay.events SET login = 'camille'",
        "DELETE FROM crisisplay.events",
        "TRUNCATE crisisplay.events",
        "INSERT INTO crisisplay.events (incident, seq, event_id, hash, line, login) "
        "SELECT incident, 99, gen_random_uuid(), hash, line, 'camille' FROM crisisplay.events",
        "UPDATE crisisplay.incidents SET head_seq = 0",
    ],
)
def test_a_member_can_only_read_and_append(member_url: str, store_url: str, statement: str) -> None:
    store = PgStore(parse_target(member_url), INCIDENT, create=True)
    store.append_many([_activation(), _note(1)])
    with psycopg.connect(member_url, autocommit=True) as conn:
        lines = conn.execute("SELECT line FROM crisisplay.events ORDER BY seq").fetchall()
        assert len(lines) == 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)
    with psycopg.connect(store_url) as conn:
        rows = conn.execute("SELECT seq, login FROM crisisplay.events ORDER BY seq").fetchall()
    assert rows == [(1, MEMBER), (2, MEMBER)]  # the server's login, not a declared one


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE crisisplay.events SET login = 'camille'",
        "DELETE FROM crisisplay.events WHERE seq = 2",
        "TRUNCATE crisisplay.events",
    ],
)
def test_the_trigger_refuses_changes_even_to_the_owner(store_url: str, statement: str) -> None:
    PgStore(parse_target(store_url), INCIDENT, create=True).append_many([_activation(), _note(1)])
    with psycopg.connect(store_url, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            conn.execute(statement)
        assert conn.execute("SELECT count(*) FROM crisisplay.events").fetchone() == (2,)


def test_a_login_without_the_member_role_is_told_so(cluster: Cluster, store_url: str) -> None:
    cluster.create_login(OUTSIDER, "outsider-pw")
    url = cluster.url(store_url.rsplit("/", 1)[1], OUTSIDER, "outsider-pw")
    with pytest.raises(UsageError, match="may not") as caught:
        PgStore(parse_target(url), INCIDENT, create=True).append(_activation())
    assert "outsider-pw" not in str(caught.value)


def test_a_line_edited_behind_the_triggers_back_fails_verify(
    cli: Cli, store_url: str, tmp_path: Path
) -> None:
    """Reads trust the hashes the append function computed; `timeline verify` and a pull hash
    every line again, so an owner who switches the trigger off to edit a line is caught."""
    store = PgStore(parse_target(store_url), INCIDENT, create=True)
    store.append_many([_activation(), _note(1), _note(2)])
    with psycopg.connect(store_url, autocommit=True) as conn:
        conn.execute("ALTER TABLE crisisplay.events DISABLE TRIGGER USER")
        conn.execute(
            "UPDATE crisisplay.events SET line = replace(line, 'note 1', 'note X') WHERE seq = 2"
        )
        conn.execute("ALTER TABLE crisisplay.events ENABLE TRIGGER USER")
    ran = cli("--store", store_url, "timeline", "verify", "--incident", INCIDENT)
    assert ran.exit_code != 0
    assert "2" in ran.stdout + ran.stderr and "hash" in (ran.stdout + ran.stderr)
    pulled = cli("--store", store_url, "timeline", "pull", "--incident", INCIDENT,
                 "--out", str(tmp_path / "copy.jsonl"))  # fmt: skip
    assert pulled.exit_code != 0 and not (tmp_path / "copy.jsonl").exists()


def test_store_init_by_a_member_says_who_may_run_it(cli: Cli, member_url: str) -> None:
    ran = cli("store", "init", "--store", member_url)
    assert ran.exit_code == 2, ran.stderr
    assert (
        f"the login {MEMBER} may not run `crisisplay store init`: only cp_admin, the owner of "
        "the crisisplay schema, or a superuser may"
    ) in ran.stderr
    assert MEMBER_PASSWORD not in ran.stderr + ran.stdout
