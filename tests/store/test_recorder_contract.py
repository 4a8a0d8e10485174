"""The one recorder contract, held by the file store and by the shared PostgreSQL store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgstore import PgStore
from crisisplay.timeline.recorder import Recorder
from crisisplay.timeline.store import TimelineStore
from tests.store.recorder_contract import INCIDENT, Make, RecorderContract


class TestFileRecorder(RecorderContract):
    @pytest.fixture
    def make(self, tmp_path: Path) -> Make:
        path = tmp_path / "incident.jsonl"

        def make(create: bool = False, **_: Any) -> Recorder:
            return TimelineStore(path, incident=INCIDENT if create else None)

        return make


class TestPgRecorder(RecorderContract):
    @pytest.fixture
    def make(self, store_url: str) -> Make:
        target = parse_target(store_url)
        made: list[PgStore] = []

        def make(create: bool = False, **_: Any) -> Recorder:
            store = PgStore(target, INCIDENT, create=create)
            made.append(store)
            return store

        return make
