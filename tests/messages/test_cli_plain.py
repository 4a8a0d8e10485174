"""Copy-ready output: plain texts into a pipe or with --plain, panels on request, --copy."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from crisisplay.console.plain_text import plain_lines
from tests.conftest import ROOT, Cli

RENDER_X = ["render", "nationwide-outage", "holding", "--sample", "--next-update", "11:30"]


def test_a_piped_post_is_the_text_alone_byte_for_byte_as_in_json() -> None:
    base = [sys.executable, "-m", "crisisplay", f"--home={ROOT}", *RENDER_X, "--channel", "x"]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CRISISPLAY_HOME", None)
    piped = subprocess.run(base, capture_output=True, env=env, check=False, timeout=60)
    as_json = subprocess.run(
        [*base, "--format", "json"], capture_output=True, env=env, check=False, timeout=60
    )
    assert piped.returncode == 0 and as_json.returncode == 0, piped.stderr
    [item] = json.loads(as_json.stdout)
    assert piped.stdout == (item["text"] + "\n").encode("utf-8")
    assert b"280 weighted chars" in piped.stderr


def test_several_texts_get_one_header_line_each(cli: Cli) -> None:
    ran = cli(*RENDER_X, "--channel", "x", "--channel", "sms", "--channel", "push", "--plain")
    assert ran.exit_code == 0, ran.stderr
    texts = {item["channel"]: item["text"] for item in _json(cli, "x", "sms")}
    assert ran.stdout == f"== x (fr) ==\n{texts['x']}\n\n== sms (fr) ==\n{texts['sms']}\n"
    assert "push (fr) skipped" in ran.stderr and "GSM-7, 2 parts" in ran.stderr
    assert "│" not in ran.stdout + ran.stderr


def test_panels_can_be_asked_for_in_a_pipe(cli: Cli) -> None:
    ran = cli(*RENDER_X, "--channel", "x", "--panels")
    assert "╭─ x (fr)" in ran.stdout and "ok: 1 channel" in ran.stdout


def test_findings_go_to_stderr_so_stdout_stays_the_text(cli: Cli) -> None:
    ran = cli("check", "--channel", "x", "--plain", "Un incident mineur, sans gravité.")
    assert ran.exit_code == 1
    assert ran.stdout == "Un incident mineur, sans gravité.\n"
    assert "error minimising" in ran.stderr and "x (fr)  33/280" in ran.stderr


def test_an_email_subject_is_a_note_not_part_of_the_text(cli: Cli) -> None:
    ran = cli(*RENDER_X, "--channel", "email")
    [email] = _json(cli, "email")
    assert ran.stdout == email["text"] + "\n"
    assert f"Subject: {email['subject']}" in ran.stderr


def test_plain_lines_sanitise_what_reaches_the_terminal() -> None:
    assert plain_lines([("x", "ok\x1b]52;c;aGk=\x07")]) == "ok\N{REPLACEMENT CHARACTER}\n"
    assert plain_lines([("a\nb", "1"), ("c", "2")]) == "== a b ==\n1\n\n== c ==\n2\n"


# -- the clipboard


@pytest.fixture
def fake_xclip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `xclip` on PATH that keeps what it is given; a display to make it usable."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    kept = tmp_path / "clipboard.txt"
    tool = bin_dir / "xclip"
    tool.write_text(f"#!/bin/sh\n/bin/cat > '{kept}'\n", encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return kept


def test_copy_puts_the_one_text_on_the_clipboard(cli: Cli, fake_xclip: Path) -> None:
    ran = cli(*RENDER_X, "--channel", "x", "--copy")
    assert ran.exit_code == 0, ran.stderr
    [x] = _json(cli, "x")
    assert fake_xclip.read_text(encoding="utf-8") == x["text"]
    assert "copied the x (fr) text to the clipboard (xclip)" in ran.stderr


def test_copy_of_a_checked_text(cli: Cli, fake_xclip: Path) -> None:
    ran = cli("check", "--channel", "sms", "--copy", "Panne en cours, prochain point à 15h")
    assert ran.exit_code == 0, ran.stderr
    assert fake_xclip.read_text(encoding="utf-8") == "Panne en cours, prochain point à 15h"


def test_copy_without_a_clipboard_says_so_in_one_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":0")
    ran = cli(*RENDER_X, "--channel", "x", "--copy")
    assert ran.exit_code == 2
    assert "nothing copied: no clipboard on this system" in ran.stderr
    assert len([line for line in ran.stderr.splitlines() if "error" in line]) == 1


def test_copy_of_several_texts_asks_for_a_channel(cli: Cli, fake_xclip: Path) -> None:
    ran = cli(*RENDER_X, "--copy")
    assert ran.exit_code == 2
    assert "--copy takes one text" in ran.stderr and "--channel" in ran.stderr
    assert not fake_xclip.exists()


def _json(cli: Cli, *channels: str) -> list[dict[str, str]]:
    options = [arg for channel in channels for arg in ("--channel", channel)]
    ran = cli(*RENDER_X, *options, "--format", "json")
    return [item for item in json.loads(ran.stdout) if "text" in item]
