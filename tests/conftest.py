"""Fixtures shared by every test folder: the project's folders and a CLI runner."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisisplay.cli.main import app
from crisisplay.home import Home

ROOT = Path(__file__).resolve().parents[1]

# Compiled templates are cached under the user's cache folder: tests use a folder of their own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="crisisplay-test-cache-")
# So is the signing key (none: every timeline unsigned, unless a test makes keys of its own).
os.environ["CRISISPLAY_CONFIG_DIR"] = tempfile.mkdtemp(prefix="crisisplay-test-config-")
os.environ.pop("CRISISPLAY_KEY_PASSPHRASE", None)


@pytest.fixture(autouse=True)
def own_state_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test's witnessed heads in a folder of its own (tests reuse incident ids), and its
    own config folder: a key one test makes signs nothing in another."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("CRISISPLAY_STATE_DIR", str(folder))
    monkeypatch.setenv("CRISISPLAY_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    return folder


@dataclass(frozen=True)
class Ran:
    exit_code: int
    stdout: str
    stderr: str


Cli = Callable[..., Ran]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run crisisplay in-process; ``home`` sets --home; the environment is cleaned."""
    monkeypatch.delenv("CRISISPLAY_HOME", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")

    def run(*args: str, home: Path | None = None, input: str | None = None) -> Ran:
        argv: Sequence[str] = ([f"--home={home}"] if home else []) + list(args)
        env = {} if "CRISISPLAY_ACTOR" in os.environ else {"CRISISPLAY_ACTOR": lead_of(home)}
        result = CliRunner().invoke(app, list(argv), input=input, env=env, catch_exceptions=False)
        return Ran(result.exit_code, result.stdout, result.stderr)

    return run


def lead_of(home: Path | None) -> str:
    """Who acts when a test names nobody: the cell lead of the home's on-call roster (every
    act is a person's; a login names nobody)."""
    import re

    folder = home or ROOT
    try:
        text = (folder / "playbooks" / "organisation.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return "nobody"
    # read as text: a test may have broken the file on purpose
    found = re.search(r"^\s*cell-lead:\s*\{\s*primary:\s*([\w-]+)", text, re.MULTILINE)
    return found[1] if found else "nobody"


@pytest.fixture
def bundled_home() -> Home:
    return Home(ROOT)


@pytest.fixture
def home_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled home."""
    target = tmp_path / "home"
    for name in ("playbooks", "templates"):
        shutil.copytree(ROOT / name, target / name)
    return target
