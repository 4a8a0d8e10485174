"""`crisisplay timeline follow` prints every event once, in order, as it is appended; in JSON,
with hidden characters escaped."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from crisisplay.timeline.events import NewEvent
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgstore import PgStore
from tests.conftest import ROOT
from tests.store.test_store_basics import INCIDENT, START, _activation, _note


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


def test_follow_json_escapes_hidden_characters(store_url: str) -> None:
    text = "rétabli \u202eevil\u202c \x9b31m \u200bhidden \U000e0041 👨\u200d👩"
    store = PgStore(parse_target(store_url), INCIDENT, create=True)
    store.append_many([_activation(), NewEvent("note.added", "bob", None, {"text": text}, START)])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ran = subprocess.run(
        [sys.executable, "-m", "crisisplay", "--store", store_url, "timeline", "follow",
         "--incident", INCIDENT, "--count", "2", "--format", "json"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    for char in ("\u202e", "\u202c", "\x9b", "\u200b", "\U000e0041", "\u200d"):
        assert char not in ran.stdout
    lines = ran.stdout.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1])["payload"]["text"] == text  # the same values, escaped
    assert "\\u202e" in lines[1] and "\\u009b" in lines[1] and "\\udb40\\udc41" in lines[1]
