"""What `validate` found in a scenario's templates, kept between runs of an unchanged home.

Rendering every message of a scenario on every channel, in every language, with three sets of
facts and as a drill, is most of what `crisisplay validate` does. Its result depends on the
scenario file, the organisation file, the templates folder, where the home is (problems name
its files) and crisisplay itself; the entry of a scenario is keyed by a digest of all of them,
so editing one scenario checks that scenario again and nothing else, and a new crisisplay, a
new Jinja2 or a new Python simply misses. Entries are plain JSON data in the user's cache
folder (``crisisplay.cachedir``), opened from a checked root with a checksum: a damaged or
foreign entry is a miss.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crisisplay.cachedir import CacheFolder, read_entry, user_cache, write_entry
from crisisplay.errors import Location, Problem
from crisisplay.playbook.load import Playbook

_PACKAGE = Path(__file__).resolve().parents[1]


@functools.cache
def _crisisplay_fingerprint() -> str:
    """Every file of the crisisplay package (code, texts, tone rules), Jinja2's version and
    Python's bytecode tag: whatever could change what a check finds."""
    import jinja2  # noqa: PLC0415 -- loaded by validation already

    digest = hashlib.sha256(f"{jinja2.__version__}\0{sys.implementation.cache_tag}".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _folder() -> CacheFolder | None:
    base = user_cache(os.environ)
    return base.child(f"validation-{_crisisplay_fingerprint()}") if base else None


def templates_digest(templates: Path) -> str:
    """Every file under the templates folder, by name and contents."""
    digest = hashlib.sha256()
    if templates.is_dir():
        for path in sorted(templates.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(templates)).encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class ValidationCache:
    """The problems found in each scenario's templates: ``load`` and ``store`` never raise."""

    def __init__(self, folder: CacheFolder, playbook: Playbook) -> None:
        self.folder = folder
        self.common = "\0".join(
            (
                str(playbook.home.root.resolve()),
                playbook.organisation_doc.digest,
                templates_digest(playbook.home.templates),
            )
        )
        self.playbook = playbook

    def key(self, scenario_id: str) -> str | None:
        scenario = self.playbook.scenario_doc(scenario_id).digest
        if not scenario or not self.playbook.organisation_doc.digest:
            return None  # a document not read from a file: nothing to key it on
        return hashlib.sha256(f"{self.common}\0{scenario_id}\0{scenario}".encode()).hexdigest()

    def load(self, scenario_id: str) -> list[Problem] | None:
        key = self.key(scenario_id)
        data = read_entry(self.folder, key) if key else None
        if data is None:
            return None
        try:
            return [_problem(item) for item in json.loads(data)]
        except (ValueError, TypeError, KeyError):
            return None

    def store(self, scenario_id: str, problems: Sequence[Problem]) -> None:
        key = self.key(scenario_id)
        if key:
            write_entry(self.folder, key, json.dumps([_item(p) for p in problems]).encode())


def validation_cache(playbook: Playbook) -> ValidationCache | None:
    folder = _folder()
    return ValidationCache(folder, playbook) if folder is not None else None


def _item(problem: Problem) -> dict[str, Any]:
    where = problem.location
    return {
        "message": problem.message,
        "location": None if where is None else [where.file, where.line, where.column],
        "path": list(problem.path),
        "level": problem.level,
    }


def _problem(item: dict[str, Any]) -> Problem:
    where = item["location"]
    location = None if where is None else Location(str(where[0]), where[1], where[2])
    if item["level"] == "warning":
        return Problem(str(item["message"]), location, tuple(item["path"]), "warning")
    return Problem(str(item["message"]), location, tuple(item["path"]), "error")
