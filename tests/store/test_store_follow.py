"""`crisisplay timeline follow` prints every event once, in order, as it is appended."""

from __future__ import annotations

import os
import subprocess
import sys

from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgstore import PgStore
from tests.conftest import ROOT
from tests.store.test_store_basics import INCIDENT, _activation, _note


def test_follow_prints_what_others_append(store_url: str) -> None:
    store = PgStore(parse_target(store_url), INCIDENT, create=True)
    store.append_many([_activation(), _note(1)])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    follower = subprocess.Popen(
        [sys.executable, "-m", "crisisplay", "--store", store_url, "timeline", "follow",
         "--incident", INCIDENT, "--count", "6"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert follower.stdout is not None
    first = [follower.stdout.readline() for _ in range(2)]
    assert [line.split()[0] for line in first] == ["#1", "#2"]
    for i in range(2, 6):
        store.append(_note(i))
    out, err = follower.communicate(timeout=60)
    assert follower.returncode == 0, err
    assert [line.split()[0] for line in out.splitlines()] == ["#3", "#4", "#5", "#6"]
    assert "note 5" in out.splitlines()[-1]
    assert store_url not in out + err
