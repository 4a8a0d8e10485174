"""A drill on the shared store: run, scored from the server's record, reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.drills.conftest import make_drill_home
from tests.drills.test_drill_cli import RUN


@pytest.fixture
def drill_home(tmp_path: Path) -> Path:
    """The drills' fixture home (minimal scenario, one person) with their drills."""
    return make_drill_home(tmp_path)


def test_a_drill_runs_and_scores_on_the_shared_store(
    cli: Cli,
    drill_home: Path,
    store_url: str,
) -> None:
    ran = cli("--store", store_url, "drill", "run", "minimal-drill", *RUN, home=drill_home)
    assert ran.exit_code == 0, ran.stderr
    assert "Débriefing : Exercice minimal  100/100" in ran.stdout
    (incident,) = json.loads(cli("--store", store_url, "incidents", "--format", "json").stdout)
    assert incident["drill"] is True
    score = cli("--store", store_url, "drill", "score", "--incident", incident["id"],
                "--format", "json", home=drill_home)  # fmt: skip
    assert score.exit_code == 0, score.stderr
    document = json.loads(score.stdout)
    assert (document["drill"], document["score"], document["max"]) == ("minimal-drill", 100, 100)
    report = cli("--store", store_url, "report", "--incident", incident["id"], "--format",
                 "json", home=drill_home)  # fmt: skip
    assert report.exit_code == 0, report.stderr
    assert json.loads(report.stdout)["record"]["verified"] is True
