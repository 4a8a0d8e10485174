"""`--out` never destroys a record: not the timeline being read, not a hard link or a symlink to
it, not any other timeline; what it writes appears whole (written aside, then renamed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from crisisplay.errors import UsageError
from crisisplay.outfile import write_output
from tests.conftest import ROOT, Cli
from tests.report.conftest import CRAFTED, sealed, write


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    return write(tmp_path / "victim.jsonl", sealed(CRAFTED))


def _verifies(cli: Cli, path: Path) -> bool:
    return cli("timeline", "verify", "--timeline", str(path)).exit_code == 0


OUT_COMMANDS = [
    ("report",),
    ("report", "--format", "html"),
    ("timeline", "export", "--format", "csv"),
    ("timeline", "export", "--format", "json"),
]


@pytest.mark.parametrize("command", OUT_COMMANDS, ids=" ".join)
def test_out_onto_the_timeline_is_refused_and_the_timeline_is_intact(
    cli: Cli, victim: Path, command: tuple[str, ...]
) -> None:
    before = victim.read_bytes()
    ran = cli(*command, "--timeline", str(victim), "--out", str(victim))
    assert ran.exit_code == 2
    assert "refusing to write" in ran.stderr and "timeline" in ran.stderr
    assert victim.read_bytes() == before and _verifies(cli, victim)


@pytest.mark.parametrize("command", OUT_COMMANDS, ids=" ".join)
def test_out_onto_a_hard_link_of_the_timeline_is_refused(
    cli: Cli, victim: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    link = tmp_path / "innocent.txt"
    os.link(victim, link)
    ran = cli(*command, "--timeline", str(victim), "--out", str(link))
    assert ran.exit_code == 2 and "it is the timeline being read" in ran.stderr
    assert _verifies(cli, victim)


def test_out_onto_a_symlink_to_the_timeline_is_refused(
    cli: Cli, victim: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link.html"
    link.symlink_to(victim)
    ran = cli("report", "--format", "html", "--timeline", str(victim), "--out", str(link))
    assert ran.exit_code == 2 and "it is a symlink" in ran.stderr
    assert _verifies(cli, victim)


def test_out_onto_another_timeline_is_refused(cli: Cli, victim: Path, tmp_path: Path) -> None:
    other = write(tmp_path / "other.csv", sealed(CRAFTED, incident="20261123-1100-other-x"))
    before = other.read_bytes()
    ran = cli("timeline", "export", "--timeline", str(victim), "--out", str(other))
    assert ran.exit_code == 2 and "it holds a timeline" in ran.stderr
    assert other.read_bytes() == before


def test_render_out_onto_a_hard_linked_timeline_is_refused(
    cli: Cli, victim: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.link(victim, out / "holding.sms.en.txt")
    args = ("render", "local-outage", "holding", "--lang", "en", "--channel", "sms", "--sample")
    ran = cli(*args, "--out", str(out))
    assert ran.exit_code == 2 and "it holds a timeline" in ran.stderr
    assert _verifies(cli, victim)


def test_an_ordinary_file_is_replaced_whole_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o600)
    assert write_output(target, "new text") is True
    assert target.read_text() == "new text" and target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


def test_a_folder_or_a_fifo_as_out_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    for target in (tmp_path, tmp_path / "fifo"):
        with pytest.raises(UsageError, match="not a regular file"):
            write_output(target, "x")
    with pytest.raises(UsageError, match="cannot write"):
        write_output(tmp_path / "missing" / "r.md", "x")


@pytest.fixture
def replayed(tmp_path: Path) -> tuple[Path, Path]:
    """A home with the nationwide outage, and a real incident whose file name holds newlines."""
    from tests.drills.test_replay import NATIONWIDE_ANSWERS, real_incident

    home = tmp_path / "home"
    (home / "playbooks" / "scenarios").mkdir(parents=True)
    shutil.copy(ROOT / "playbooks" / "organisation.yaml", home / "playbooks")
    shutil.copy(
        ROOT / "playbooks" / "scenarios" / "nationwide-outage.yaml",
        home / "playbooks" / "scenarios",
    )
    for folder in ("_shared", "nationwide-outage"):
        shutil.copytree(ROOT / "templates" / folder, home / "templates" / folder)
    source = tmp_path / "x\nid: injected\n.jsonl"
    real_incident(home, "nationwide-outage", NATIONWIDE_ANSWERS, source)
    return home, source


def test_from_timeline_keeps_newlines_of_the_source_name_out_of_the_file(
    cli: Cli, replayed: tuple[Path, Path]
) -> None:
    home, source = replayed
    drill = home / "playbooks" / "drills" / "replay-x.yaml"
    made = cli("drill", "from-timeline", str(source), "-o", str(drill), home=home)
    assert made.exit_code == 0, made.stderr
    ids = [line for line in drill.read_text().splitlines() if line.startswith("id:")]
    assert ids == ["id: replay-x"]


def test_from_timeline_leaves_no_drill_that_does_not_check(
    cli: Cli, replayed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisplay.drills import replay
    from crisisplay.errors import Problem

    monkeypatch.setattr(replay, "check_drill", lambda *_: [Problem("an expectation is wrong")])
    home, source = replayed
    drill = home / "playbooks" / "drills" / "replay-x.yaml"
    made = cli("drill", "from-timeline", str(source), "-o", str(drill), home=home)
    assert made.exit_code == 1 and "an expectation is wrong" in made.stderr
    assert not drill.exists()
