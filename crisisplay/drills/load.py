"""Loading a drill with the playbook of its scenario, both checked; listing the drills."""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.drills.checks import check_drill, scenario_problem
from crisisplay.drills.files import LoadedDrill, drill_files, find_drill, read_drill
from crisisplay.errors import PlaybookInvalid
from crisisplay.home import Home
from crisisplay.playbook.load import (
    ORGANISATION_FILE,
    Playbook,
    build,
    load_document,
    load_playbook,
)
from crisisplay.playbook.model import Organisation
from crisisplay.playbook.types import Duration, LocalText


def load_drill(home: Home, ref: str) -> tuple[LoadedDrill, Playbook]:
    """The drill and the playbook of its scenario, both fully checked (``PlaybookInvalid``)."""

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
