"""Exactly once under faults: four writer processes while their connections are terminated at
random and the server crashes (pg_ctl -m immediate) and restarts once, and a login that is not a
member holds every advisory lock it can (the incident's own key first): appends do not depend
on any lock an outsider can take."""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from crisisplay.timeline.chain import scan
from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgquery import read_lines
from crisisplay.timeline.pgstore import PgStore
from tests.conftest import ROOT
from tests.store.pgcluster import Cluster
from tests.store.test_store_basics import START

WRITERS = 4
EACH = 250
INCIDENT = "20261123-1500-faults-0001"
OUTSIDER = "cp_outsider_jammer"
OUTSIDER_PASSWORD = "jammer-pw-2026"
_KILL = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE application_name = 'crisisplay' AND pid <> pg_backend_pid()"
)


def _terminator(cluster: Cluster, db: str, stop: threading.Event, rng: random.Random) -> int:
    """The fifth party: terminate the writers' connections at random; returns how many."""
    import psycopg

    killed = 0
    while not stop.wait(rng.uniform(0.01, 0.08)):
        try:
            with psycopg.connect(cluster.url(db), autocommit=True, connect_timeout=2) as conn:
                row = conn.execute(_KILL).fetchone()
                killed += int(row[0]) if row else 0
        except psycopg.OperationalError:
            continue  # the server is restarting
    return killed


def _jammer(url: str, stop: threading.Event, rng: random.Random) -> int:
    """The sixth party, a login without the member role: holds the advisory lock of the
    incident's key (the one appends once took), the schema's, and a few hundred others, again
    after each reconnect; returns how many times it took the incident's."""
    import psycopg

    keys = [f"crisisplay:{INCIDENT}", "crisisplay:schema", INCIDENT, "crisisplay"]
    others = [rng.getrandbits(63) for _ in range(300)]
    taken = 0
    while not stop.is_set():
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=2,
                                 application_name="jammer") as conn:  # fmt: skip
                for key in keys:
                    conn.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (key,))
                    conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (key,))
                conn.execute(
                    "SELECT pg_try_advisory_lock(k) FROM unnest(%s::bigint[]) k", (others,)
                )
                taken += 1
                for table in ("incidents", "events"):
                    with (
                        contextlib.suppress(psycopg.errors.InsufficientPrivilege),
                        conn.transaction(),
                    ):
                        conn.execute(f"LOCK TABLE crisisplay.{table}")
                        raise AssertionError(f"an outsider locked crisisplay.{table}")
                while not stop.wait(0.2):
                    conn.execute("SELECT 1")
        except psycopg.Error:
            stop.wait(0.05)  # the server is restarting
    return taken


def test_four_writers_terminations_and_a_crash_give_exactly_1000_events(
    cluster: Cluster, store_url: str, tmp_path: Path
) -> None:
    if not cluster.owned:
        pytest.skip("the server of $CRISISPLAY_TEST_DSN is not restarted by the tests")
    target = parse_target(store_url)
    cluster.create_login(OUTSIDER, OUTSIDER_PASSWORD)
    outsider = cluster.url(store_url.rsplit("/", 1)[1], OUTSIDER, OUTSIDER_PASSWORD)
    activation = {"scenario": "local-outage", "title": "t", "lang": "fr", "drill": False}
    PgStore(target, INCIDENT, create=True).append(
        NewEvent("incident.activated", "lead", None, activation, START)
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("pg_writer.py")), store_url, INCIDENT,
             f"w{n}", str(EACH)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for n in range(WRITERS)
    ]  # fmt: skip
    rng = random.Random(20261123)
    stop = threading.Event()
    killed: list[int] = []
    jammed: list[int] = []
    killer = threading.Thread(
        target=lambda: killed.append(_terminator(cluster, store_url.rsplit("/", 1)[1], stop, rng))
    )
    jammer = threading.Thread(
        target=lambda: jammed.append(_jammer(outsider, stop, random.Random(1123)))
    )
    killer.start()
    jammer.start()
    try:
        _wait_for_progress(store_url, 300)
        cluster.restart_immediate()
        outputs = [w.communicate(timeout=240) for w in writers]
    finally:
        stop.set()
        killer.join()
        jammer.join()
        for w in writers:
            w.kill()
    for w, (_, err) in zip(writers, outputs, strict=True):
        assert w.returncode == 0, err[-2000:]
    reported = [line for out, _ in outputs for line in out.split()]
    assert len(reported) == WRITERS * EACH
    assert killed and killed[0] > 0  # connections were indeed cut
    assert jammed and jammed[0] >= 1  # the outsider held the incident's advisory lock
    data = read_lines(target, INCIDENT)
    found = scan(data)
    assert found.clean  # the chain verifies
    assert [e.seq for e in found.events] == list(range(1, WRITERS * EACH + 2))
    texts = [e.payload.get("text") for e in found.events[1:]]
    assert len(set(texts)) == len(texts) == WRITERS * EACH  # none twice, none lost
    import psycopg

    with psycopg.connect(store_url) as conn:
        ids = {
            str(r[0])
            for r in conn.execute("SELECT event_id FROM crisisplay.events WHERE incident = %s",
                                  (INCIDENT,))
        }  # fmt: skip
    assert set(reported) <= ids  # every event reported as recorded is there


def _wait_for_progress(url: str, events: int) -> None:
    """Until the incident has ``events`` events (so the crash falls mid-run); appends that do
    not progress fail the test instead of hanging it."""
    import time

    import psycopg

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with psycopg.connect(url) as conn:
            row = conn.execute(
                "SELECT head_seq FROM crisisplay.incidents WHERE id = %s", (INCIDENT,)
            ).fetchone()
        if row and int(row[0]) >= events:
            return
        time.sleep(0.05)
    raise AssertionError(f"the incident did not reach {events} events in two minutes")
