"""Keys, rosters that list them and signed incidents, for the signing tests."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crisisplay.cli.main import app
from crisisplay.timeline.events import GENESIS, canonical
from crisisplay.timeline.signing import Identity, create_key

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_ANSWERS = ROOT / "playbooks" / "answers"
FIXTURE_HOME = ROOT / "tests" / "playbook" / "fixtures" / "home"


def make_key(folder: Path, person: str) -> Identity:
    return create_key(folder / person, person, None)


def copy_home(source: Path, target: Path) -> Path:
    for name in ("playbooks", "templates"):
        shutil.copytree(source / name, target / name)
    return target


def list_keys(home: Path, keys: Sequence[Identity]) -> None:
    """Give each key to its person's entry in the organisation file (what `key show` says)."""
    path = home / "playbooks" / "organisation.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for key in keys:
        at = lines.index(f"  - id: {key.person}")
        lines.insert(at + 1, f"    {key.roster_line}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(
    monkeypatch: pytest.MonkeyPatch, key: Identity | Path | None, *args: str
) -> tuple[int, str, str]:
    """crisisplay run by the holder of ``key`` (a key's folder; None: nobody's)."""
    folder = key.folder if isinstance(key, Identity) else key
    monkeypatch.setenv("CRISISPLAY_CONFIG_DIR", str(folder or "/nonexistent-config"))
    monkeypatch.delenv("CRISISPLAY_ACTOR", raising=False)
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rechain(lines: list[bytes]) -> bytes:
    """The lines with every hash recomputed after an edit, as an attacker without the private
    keys can do: the signatures are left as they were."""
    out, prev = [], GENESIS
    for line in lines:
        obj = json.loads(line)
        obj["prev"] = prev
        del obj["hash"]
        obj["hash"] = prev = hashlib.sha256(canonical(obj)).hexdigest()
        out.append(canonical(obj) + b"\n")
    return b"".join(out)


def seq_of(timeline: Path, kind: str, **payload: object) -> int:
    for line in timeline.read_bytes().splitlines():
        obj = json.loads(line)
        if obj["kind"] == kind and all(obj["payload"].get(k) == v for k, v in payload.items()):
            return int(obj["seq"])
    raise AssertionError(f"no {kind} {payload} in {timeline}")
