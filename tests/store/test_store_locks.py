"""Appends to one incident wait for each other on the lock of the incident's row, which only
the append function takes: the advisory lock anyone may take holds nothing up, and a session
that holds the incident (a member's transaction left open) makes the next append give up after
a few seconds, saying so. (The storm of test_store_faults runs beside an outsider holding every
advisory lock it can.)"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from crisisplay.errors import NotRecorded
from crisisplay.timeline.events import GENESIS
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgquery import read_lines
from crisisplay.timeline.pgstore import PgStore
from tests.store.pgcluster import Cluster
from tests.store.test_store_append_rules import APPEND
from tests.store.test_store_basics import INCIDENT, _activation, _note


def test_an_append_held_up_by_another_session_gives_up_after_a_few_seconds(
    cluster: Cluster, member_url: str
) -> None:
    target = parse_target(member_url)
    first = PgStore(target, INCIDENT, create=True)
    (activated,) = first.append_many([_activation()])
    line = read_lines(target, INCIDENT).decode("utf-8").rstrip("\n")
    cluster.create_login("cp_outsider_h3", "outsider-h3-pw")
    outsider = cluster.url(member_url.rsplit("/", 1)[1], "cp_outsider_h3", "outsider-h3-pw")
    # No one but the append function may lock the incident's head row, and the advisory lock
    # anyone may take holds nothing up.
    pool, held = ThreadPoolExecutor(1), []
    try:
        for url in (member_url, outsider):
            conn = psycopg.connect(url, autocommit=True)
            held.append(conn)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("SELECT 1 FROM crisisplay.incidents FOR UPDATE")
        held[-1].execute(
            "SELECT pg_advisory_lock(hashtextextended(%s, 0))", (f"crisisplay:{INCIDENT}",)
        )  # the outsider
        assert pool.submit(PgStore(target, INCIDENT).append, _note(1)).result(timeout=20).seq == 2
        # A member who leaves a transaction open on the function holds the incident up...
        holder = psycopg.connect(member_url)
        held.append(holder)
        row = holder.execute(
            APPEND, (INCIDENT, 0, GENESIS, [uuid.uuid4()], [activated.hash], [line])
        ).fetchone()
        assert row is not None and row[0] == "moved"
        started = time.monotonic()
        waiting = pool.submit(PgStore(target, INCIDENT).append, _note(9))
        with pytest.raises(NotRecorded) as refused:
            waiting.result(timeout=30)  # ...for a few seconds, not forever
        waited = time.monotonic() - started
    finally:
        for conn in held:
            conn.close()
        pool.shutdown()
    assert 4 <= waited < 15
    assert str(refused.value) == (
        "the shared incident is locked by another session for more than 5 s: NOT recorded"
    )
    assert PgStore(target, INCIDENT).append(_note(10)).seq == 3
