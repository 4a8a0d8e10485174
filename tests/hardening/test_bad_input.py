"""Bad input exits 2 with one line naming the file and line (or the option), never 3.

Each case is one reproduction of the hardening round: a number past Python's digit limit, a
target that cannot be created, a dangling or special file among the timelines, option values
past what a float can mean, durations and dates at datetime's limits, a home that cannot be
looked into and a current folder that is gone.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crisisplay.timeline.events import GENESIS, BadLine, NewEvent, parse_line, seal
from tests.conftest import ROOT, Cli
from tests.report.conftest import CRAFTED, sealed, write

HUGE = "9" * 5000
ANSWERS = ROOT / "playbooks" / "answers" / "local-outage.yaml"


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "internal error" not in lines[0]
    return lines[0]


def test_a_huge_integer_in_the_organisation_file(cli: Cli, home_copy: Path) -> None:
    org = home_copy / "playbooks" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8") + f"\nbig: {HUGE}\n", encoding="utf-8")
    listed = cli("list", home=home_copy)
    assert listed.exit_code == 1  # a playbook that does not load is a validation problem
    line = _one_line(listed.stderr)
    assert "playbooks/organisation.yaml:" in line and "5,000 digits" in line
    validated = cli("validate", home=home_copy)
    assert validated.exit_code == 1 and "5,000 digits" in validated.stdout


def test_a_huge_integer_in_an_answers_file(cli: Cli, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    text = ANSWERS.read_text(encoding="utf-8")
    answers.write_text(text.replace("customers_affected: 85000", f"customers_affected: {HUGE}"))
    ran = cli("activate", "local-outage", "--answers", str(answers), "-t", str(tmp_path / "t"))
    assert ran.exit_code == 2
    assert _one_line(ran.stderr).startswith(f"error: {answers}:8:23: facts.customers_affected")


def test_an_at_of_a_billion_days_in_an_answers_file(cli: Cli, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    text = ANSWERS.read_text(encoding="utf-8")
    answers.write_text(text.replace("    at: 5m", "    at: 999999999d", 1))
    ran = cli("activate", "local-outage", "--answers", str(answers), "-t", str(tmp_path / "t"))
    assert ran.exit_code == 2
    assert f"{answers}:" in _one_line(ran.stderr) and "longer than 3650 days" in ran.stderr


def test_an_at_of_a_billion_days_in_a_drill_fails_validation(cli: Cli, home_copy: Path) -> None:
    drill = home_copy / "playbooks" / "drills" / "billing-double-debit.yaml"
    drill.write_text(drill.read_text(encoding="utf-8").replace("at: 35m", "at: 999999999d", 1))
    ran = cli("validate", home=home_copy)
    assert ran.exit_code == 1
    assert "billing-double-debit.yaml:31:9: injects[0].at: a duration longer" in ran.stdout
    answers = home_copy / "playbooks" / "answers" / "billing-incident.yaml"
    run = cli("drill", "run", "billing-double-debit", "--answers", str(answers), home=home_copy)
    assert run.exit_code == 1 and "billing-double-debit.yaml:31:9" in _one_line(run.stderr)


@pytest.mark.parametrize("kind", ["dangling", "dev-null", "proc"])
def test_init_where_nothing_can_be_created(cli: Cli, tmp_path: Path, kind: str) -> None:
    targets = {
        "dangling": tmp_path / "link",
        "dev-null": Path("/dev/null/x"),
        "proc": Path("/proc/crisisplay-home"),  # as good as a read-only parent, even for root
    }
    (tmp_path / "link").symlink_to(tmp_path / "missing")
    ran = cli("init", str(targets[kind]))
    assert ran.exit_code == 2 and str(targets[kind]) in _one_line(ran.stderr)


@pytest.mark.parametrize("special", ["dangling", "fifo"])
@pytest.mark.parametrize("command", [("status",), ("log", "note", "x"), ("report",)])
def test_special_files_among_the_timelines_are_not_the_newest_timeline(
    cli: Cli, home_copy: Path, special: str, command: tuple[str, ...]
) -> None:
    timelines = home_copy / "timelines"
    timelines.mkdir()
    real = write(timelines / "a-real.jsonl", sealed(CRAFTED))
    if special == "dangling":
        (timelines / "z-newer.jsonl").symlink_to(timelines / "gone.jsonl")
    else:
        os.mkfifo(timelines / "z-newer.jsonl")
    ran = cli(*command, home=home_copy)
    assert ran.exit_code == 0, ran.stderr
    assert real.stat().st_size > 0


def test_only_special_files_among_the_timelines(cli: Cli, home_copy: Path) -> None:
    (home_copy / "timelines").mkdir()
    (home_copy / "timelines" / "x.jsonl").symlink_to("/nonexistent")
    ran = cli("status", home=home_copy)
    assert ran.exit_code == 2 and "no timeline in" in _one_line(ran.stderr)


@pytest.mark.parametrize("speed", ["inf", "nan", "1e308", "1e-300", "-1"])
def test_drill_speeds_past_meaning(cli: Cli, speed: str) -> None:
    ran = cli("drill", "run", "weekend-cm-gap", "--speed", speed, "--answers", str(ANSWERS))
    assert ran.exit_code == 2 and "--speed must be a positive number from" in _one_line(ran.stderr)


@pytest.mark.parametrize("interval", ["nan", "inf"])
def test_watch_intervals_past_meaning(cli: Cli, tmp_path: Path, interval: str) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    ran = cli("status", "--watch", "--interval", interval, "--timeline", str(timeline))
    assert ran.exit_code == 2 and "--interval" in ran.stderr and "internal" not in ran.stderr


def _dated(path: Path, moment: datetime) -> Path:
    """A one-event timeline dated ``moment``, its hash valid (as an older crisisplay wrote it)."""
    kind, actor, role, payload = CRAFTED[0][1:]
    new = NewEvent(kind, actor, role, payload, datetime(2026, 11, 23, tzinfo=timezone.utc))
    _, line = seal(new, seq=1, prev=GENESIS, incident="i")
    stamp = moment.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"
    line = line.replace(b"2026-11-23T00:00:00.000Z", stamp.encode())
    cut = line.index(b',"hash":"')
    rest = line[cut + 9 + 64 + 1 :]
    digest = hashlib.sha256(line[:cut] + rest[:-1]).hexdigest().encode()
    path.write_bytes(line[:cut] + b',"hash":"' + digest + b'"' + rest)
    return path


@pytest.mark.parametrize(
    ("moment", "command"),
    [
        (datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc), ("report",)),
        (datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc), ("report", "--format", "html")),
        (datetime(9999, 12, 31, 23, 0, tzinfo=timezone.utc), ("status",)),
        (datetime(1, 1, 1, 0, 10, tzinfo=timezone.utc), ("timeline", "show", "--since", "10:00")),
    ],
)
def test_timelines_dated_at_the_ends_of_the_calendar(
    cli: Cli, tmp_path: Path, moment: datetime, command: tuple[str, ...]
) -> None:
    timeline = _dated(tmp_path / "t.jsonl", moment)
    with pytest.raises(BadLine, match=r"is not YYYY-MM-DDTHH:MM:SS.mmmZ from 1970 to 2999"):
        parse_line(timeline.read_bytes()[:-1])
    ran = cli(*command, "--timeline", str(timeline))
    assert ran.exit_code == 2
    line = _one_line(ran.stderr)
    assert f"{timeline}:1: the timeline is damaged at seq 1" in line and "1970 to 2999" in line


def test_a_since_at_the_start_of_the_calendar(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    ran = cli("timeline", "show", "--since", "0001-01-01T00:00+01:00", "--timeline", str(timeline))
    assert ran.exit_code == 2 and "--since" in _one_line(ran.stderr)


def test_a_home_that_cannot_be_looked_into(
    cli: Cli, home_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (root reads any folder whatever its mode: the refusal is the kernel's, simulated here)
    real_stat = Path.stat
    locked = home_copy / "playbooks"

    def stat(self: Path, **kwargs: object) -> os.stat_result:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    ran = cli("list", home=home_copy)
    assert ran.exit_code == 2
    assert f"--home: cannot look into {home_copy}: Permission denied" in _one_line(ran.stderr)


def test_a_deleted_current_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    ran = cli("list")
    assert ran.exit_code == 2 and "cannot tell the current folder" in _one_line(ran.stderr)


@pytest.mark.parametrize("given", ["", "DIR"])
@pytest.mark.parametrize("command", [("activate", "local-outage"), ("status",)])
def test_a_folder_or_empty_timeline_option(
    cli: Cli, tmp_path: Path, given: str, command: tuple[str, ...]
) -> None:
    value = str(tmp_path) if given == "DIR" else given
    ran = cli(
        *command,
        *(["--answers", str(ANSWERS)] if command[0] == "activate" else []),
        "--timeline",
        value,
    )
    assert ran.exit_code == 2
    line = _one_line(ran.stderr)
    assert "is a folder, not a timeline file" in line and "already holds" not in line


def test_an_infinite_fact_in_an_answers_file_names_its_line(cli: Cli, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    text = ANSWERS.read_text(encoding="utf-8")
    answers.write_text(text.replace("customers_affected: 85000", "customers_affected: .inf"))
    ran = cli("activate", "local-outage", "--answers", str(answers), "-t", str(tmp_path / "t"))
    assert ran.exit_code == 2
    assert _one_line(ran.stderr).startswith(f"error: {answers}:8:23: answer to")
    assert "not a finite number" in ran.stderr


@pytest.mark.parametrize("start", ["3500-01-01T08:00+01:00", "0001-01-01T00:00"])
def test_a_drill_start_outside_the_timeline_years(cli: Cli, start: str) -> None:
    ran = cli("drill", "run", "weekend-cm-gap", "--answers", str(ANSWERS), "--start", start)
    assert ran.exit_code == 2 and "outside the years 1970 to 2998" in _one_line(ran.stderr)
