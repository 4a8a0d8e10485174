"""Drill files: ``playbooks/drills/*.yaml``, or any file given by path, read one by one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crisisplay.drills.model import Drill
from crisisplay.errors import InputError, Problem, UsageError
from crisisplay.home import Home
from crisisplay.playbook.load import build, load_document
from crisisplay.playbook.yamlio import Document
from crisisplay.suggest import did_you_mean

DRILL_FOLDER = "drills"


@dataclass(frozen=True)
class LoadedDrill:
    drill: Drill
    doc: Document
    path: Path


def drill_folder(home: Home) -> Path:
    return home.playbooks / DRILL_FOLDER


def drill_files(home: Home) -> list[Path]:
    folder = drill_folder(home)
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def read_drill(home: Home, path: Path) -> tuple[LoadedDrill | None, list[Problem]]:
    """One drill file as a ``Drill``, or the problems that stop it from being one."""
    try:
        doc = load_document(home, path)
    except InputError as exc:
        return None, [exc.problem]
    drill, problems = build(Drill, doc)
    if drill is None:
        return None, problems
    if drill.id != path.stem:
        message = f"drill id {drill.id!r} must match its file name {path.stem!r}"
        return None, [doc.problem(("id",), message)]
    return LoadedDrill(drill, doc, path), []


def find_drill(home: Home, ref: str) -> Path:
    """A drill given by id (in the home) or by path (``./my-drill.yaml``)."""
    if "/" in ref or ref.endswith((".yaml", ".yml")):
        path = Path(ref)
        if not path.is_file():
            raise UsageError(f"no drill file {ref}")
        return path
    stems = [p.stem for p in drill_files(home)]
    if ref not in stems:
        raise UsageError(
            f"no drill {ref!r} in {drill_folder(home)}{did_you_mean(ref, stems)}",
            hint="`crisisplay drill list` shows the drills",
        )
    return next(p for p in drill_files(home) if p.stem == ref)
