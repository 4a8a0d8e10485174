"""The live views (the lead's board, ``status --watch``) wake on the shared store's
notifications, and a listener that drops is replaced: the views never depend on it to see
events, only to see them sooner."""

from __future__ import annotations

from pathlib import Path

import psycopg

from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgstore import PgStore
from crisisplay.timeline.store import TimelineStore
from crisisplay.timeline.wakeup import FALLBACK_SECONDS, POLL_SECONDS, Wakeup, wakeup_of
from tests.store.test_store_basics import INCIDENT, _activation, _note

LONG = 120.0  # a wait that a notification must cut short


def test_an_append_elsewhere_wakes_a_waiting_view(store_url: str) -> None:
    target = parse_target(store_url)
    writer = PgStore(target, INCIDENT, create=True)
    writer.append_many([_activation()])
    with Wakeup(target) as wakeup:
        wakeup.wait(0)
        assert wakeup.listening
        writer.append(_note(1))
        wakeup.wait(LONG)
        assert wakeup.notified >= 1
        reader = PgStore(target, INCIDENT)
        assert [e.seq for e in reader.read_new()] == [1, 2]


def test_a_listener_cut_by_the_server_is_replaced(store_url: str) -> None:
    target = parse_target(store_url)
    writer = PgStore(target, INCIDENT, create=True)
    writer.append_many([_activation()])
    with Wakeup(target) as wakeup:
        wakeup.wait(0)
        pid = wakeup._listener.info.backend_pid
        with psycopg.connect(store_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        for _ in range(50):  # the cut is seen on a wait, and the next wait listens anew
            wakeup.wait(0.1)
            if wakeup.listening and wakeup._listener.info.backend_pid != pid:
                break
        assert wakeup.listening and wakeup._listener.info.backend_pid != pid
        before = wakeup.notified
        writer.append(_note(1))
        wakeup.wait(LONG)
        assert wakeup.notified > before


def test_an_unreachable_store_leaves_the_view_polling() -> None:
    target = parse_target("postgresql://u:pw-x@127.0.0.1:1/db")
    with Wakeup(target) as wakeup:
        assert wakeup.wait(0) == [] and not wakeup.listening
        assert wakeup.interval() == FALLBACK_SECONDS


def test_a_file_is_looked_at_ten_times_a_second(tmp_path: Path, store_url: str) -> None:
    on_file = wakeup_of(TimelineStore(tmp_path / "t.jsonl", incident="inc-1"))
    assert on_file.target is None and on_file.interval() == POLL_SECONDS
    shared = wakeup_of(PgStore(parse_target(store_url), INCIDENT))
    assert shared.target is not None and shared.interval() == FALLBACK_SECONDS
