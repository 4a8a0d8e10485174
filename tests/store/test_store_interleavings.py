"""The interleaving property on the shared store: the lead's board and a member, two
processes, one incident of a PostgreSQL store (see tests/incident/test_interleavings.py)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisisplay.timeline.events import Event
from crisisplay.timeline.pgconn import connect, parse_target
from crisisplay.timeline.pgschema import migrate
from crisisplay.timeline.pgstore import PgStore
from tests.conftest import ROOT
from tests.incident.test_interleavings import ACTS, _board_answers, _crisisplay, play
from tests.store.pgcluster import Cluster


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(acts=st.lists(ACTS, min_size=4, max_size=10))
def test_random_interleavings_on_the_shared_store(
    acts: list[Any], cluster: Cluster, tmp_path_factory: Any
) -> None:
    url = cluster.url(cluster.create_database())
    with connect(parse_target(url)) as conn:
        migrate(conn)
    folder = tmp_path_factory.mktemp("shared")
    opening = str(_board_answers(folder, opening=True))
    started = _crisisplay("--store", url, "activate", "nationwide-outage", "--answers", opening,
                          "--actor", "camille-roux", "--quiet")  # fmt: skip
    assert started.returncode == 0, started.stderr
    listed = json.loads(_crisisplay("--store", url, "incidents", "--format", "json").stdout)
    incident = listed[0]["id"]

    def read() -> list[Event]:
        return PgStore(parse_target(url), incident).read_new()

    play(f"{url}#{incident}", ROOT, folder, acts, read)
