"""The four-terminal nationwide outage of tests/engine/test_cell_in_parallel.py, on the shared
PostgreSQL store: each member on a laptop of their own (local copy and outbox apart), each
process on its own connection."""

from __future__ import annotations

from pathlib import Path

from tests.engine.test_cell_in_parallel import Cell, play


def test_four_laptops_play_a_nationwide_outage_on_the_shared_store(
    tmp_path: Path, store_url: str
) -> None:
    play(Cell(tmp_path, store=store_url))
