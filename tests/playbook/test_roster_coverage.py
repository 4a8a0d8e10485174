"""`crisisplay validate` warns when a role that validates a gate of a public message has hours
of the week with nobody on duty; warnings keep the home valid (exit 0, ``ok: true``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from crisisplay.checks.coverage import describe
from tests.conftest import Cli

FIXTURES = Path(__file__).parent / "fixtures"
GAPS = FIXTURES / "warn" / "org-roster-gaps.yaml"
WHERE = "playbooks/organisation.yaml:34:3: roster.noc-liaison: warning: "


def _home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    shutil.copytree(FIXTURES / "home", home)
    (home / "playbooks" / "organisation.yaml").write_text(GAPS.read_text(encoding="utf-8"))
    return home


def test_each_uncovered_window_is_one_warning_with_its_exact_text(cli: Cli, tmp_path: Path) -> None:
    ran = cli("validate", home=_home(tmp_path))
    assert ran.exit_code == 0, ran.stdout
    assert ran.stdout.splitlines() == [
        WHERE + "noc-liaison: nobody on duty Mon 20:00-Tue 08:00 (validates scope)",
        WHERE + "noc-liaison: nobody on duty Tue 20:00-Wed 08:00 (validates scope)",
        WHERE + "noc-liaison: nobody on duty Wed 20:00-Thu 08:00 (validates scope)",
        WHERE + "noc-liaison: nobody on duty Thu 20:00-Fri 08:00 (validates scope)",
        WHERE + "noc-liaison: nobody on duty Sat 08:00-Sun 22:00 (validates scope)",
        f"ok: {tmp_path / 'home'} is valid (5 warnings)",
    ]


def test_warnings_carry_their_level_and_leave_the_home_ok_in_json(cli: Cli, tmp_path: Path) -> None:
    ran = cli("validate", "--format", "json", home=_home(tmp_path))
    assert ran.exit_code == 0
    report = json.loads(ran.stdout)
    assert report["ok"] is True
    first = report["problems"][0]
    assert first == {
        "file": "playbooks/organisation.yaml",
        "line": 34,
        "column": 3,
        "path": "roster.noc-liaison",
        "message": "noc-liaison: nobody on duty Mon 20:00-Tue 08:00 (validates scope)",
        "level": "warning",
    }
    assert {p["level"] for p in report["problems"]} == {"warning"}


def test_an_error_says_error_and_makes_the_home_not_ok(cli: Cli, tmp_path: Path) -> None:
    home = _home(tmp_path)
    bad = FIXTURES / "bad" / "org-bad-window.yaml"
    (home / "playbooks" / "organisation.yaml").write_text(bad.read_text(encoding="utf-8"))
    ran = cli("validate", "--format", "json", home=home)
    report = json.loads(ran.stdout)
    assert ran.exit_code == 1 and report["ok"] is False
    assert [p["level"] for p in report["problems"]] == ["error"]


def test_windows_read_as_days_and_hours() -> None:
    day = 24 * 60
    assert describe(5 * day, 7 * day + 8 * 60) == "Sat 00:00-Mon 08:00"
    assert describe(day + 19 * 60, day + 20 * 60) == "Tue 19:00-20:00"
    assert describe(4 * day + 19 * 60, 5 * day) == "Fri 19:00-24:00"
    assert describe(0, 7 * day) == "all week"


def test_the_bundled_roster_covers_every_validating_role_all_week(cli: Cli) -> None:
    # the sample a cell adopts on day one: legal, the DPO, the communication director, the
    # executive sponsor and monitoring are on duty or backed up at night and at weekends
    ran = cli("validate", "--format", "json")
    report = json.loads(ran.stdout)
    assert ran.exit_code == 0 and report["ok"] is True
    assert [p["message"] for p in report["problems"]] == []
