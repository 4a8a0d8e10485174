"""Reading drill files: ``playbooks/drills/*.yaml``, or any file given by path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crisisplay.drills.model import Drill
from crisisplay.errors import InputError, PlaybookInvalid, Problem, UsageError
from crisisplay.home import Home
from crisisplay.playbook.load import Playbook, build, load_document
from crisisplay.playbook.types import Duration, LocalText
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


def load_drill(home: Home, ref: str) -> tuple[LoadedDrill, Playbook]:
    """The drill and the playbook of its scenario, both fully checked (``PlaybookInvalid``)."""
    from crisisplay.drills.checks import check_drill, scenario_problem
    from crisisplay.playbook.load import load_playbook

    loaded, problems = read_drill(home, find_drill(home, ref))
    if loaded is None:
        raise PlaybookInvalid(problems)
    unknown = scenario_problem(home, loaded)
    if unknown is not None:
        raise PlaybookInvalid([unknown])
    playbook = load_playbook(home, only=loaded.drill.scenario)
    problems = check_drill(loaded, playbook)
    if problems:
        raise PlaybookInvalid(problems)
    return loaded, playbook


@dataclass(frozen=True)
class DrillSummary:
    """One row of `crisisplay drill list` (a file that does not load shows its problem)."""

    id: str
    scenario: str
    title: LocalText | None
    duration: Duration | None
    injects: int
    expectations: int
    points: int
    problem: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "scenario": self.scenario,
            "title": dict(self.title) if self.title else None,
            "last_inject_min": self.duration.minutes if self.duration is not None else None,
            "injects": self.injects,
            "expectations": self.expectations,
            "points": self.points,
            "problem": self.problem or None,
        }


def home_languages(home: Home) -> tuple[str, ...]:
    """The organisation's languages, read without loading every scenario."""
    from crisisplay.playbook.load import ORGANISATION_FILE
    from crisisplay.playbook.model import Organisation

    org, problems = build(Organisation, load_document(home, home.playbooks / ORGANISATION_FILE))
    if org is None:
        raise PlaybookInvalid(problems)
    return org.languages


def summaries(home: Home) -> list[DrillSummary]:
    out = []
    for path in drill_files(home):
        loaded, problems = read_drill(home, path)
        if loaded is None:
            out.append(DrillSummary(path.stem, "", None, None, 0, 0, 0, str(problems[0])))
            continue
        drill = loaded.drill
        last = max((i.at for i in drill.injects), default=None)
        points = sum(e.points for e in drill.expectations)
        out.append(
            DrillSummary(
                drill.id,
                drill.scenario,
                drill.title,
                last,
                len(drill.injects),
                len(drill.expectations),
                points,
            )
        )
    return out
