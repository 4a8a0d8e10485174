"""Loading a playbook home into frozen objects: the organisation file and the scenarios."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from crisisplay.errors import InputError, Location, PlaybookInvalid, Problem, UsageError
from crisisplay.home import Home
from crisisplay.playbook.convert import INVALID, Converter
from crisisplay.playbook.doc_cache import cached_document, known_valid, remember_valid
from crisisplay.playbook.model import Organisation, Scenario
from crisisplay.playbook.validate import check_playbook
from crisisplay.playbook.yamlio import Document
from crisisplay.suggest import did_you_mean

ORGANISATION_FILE = "organisation.yaml"
SCENARIO_FOLDER = "scenarios"
T = TypeVar("T")


@dataclass(frozen=True)
class Loaded:
    """A typed object and the document it came from (for locating later problems)."""

    value: Any
    doc: Document


@dataclass(frozen=True)
class Playbook:
    """A loaded playbook home: the organisation and its scenarios, with their documents."""

    home: Home
    organisation: Organisation
    scenarios: Mapping[str, Scenario]
    documents: Mapping[str, Document] = field(default_factory=dict)

    @property
    def organisation_doc(self) -> Document:
        return self.documents["organisation"]

    def scenario_doc(self, scenario_id: str) -> Document:
        return self.documents[f"scenario:{scenario_id}"]

    def scenario(self, scenario_id: str) -> Scenario:
        found = self.scenarios.get(scenario_id)
        if found is None:
            raise UsageError(
                f"no scenario {scenario_id!r} in {self.home.root}"
                f"{did_you_mean(scenario_id, self.scenarios)}",
                hint="`crisisplay list` shows the scenarios",
            )
        return found


def display_name(home: Home, path: Path) -> str:
    """A file's name as shown in messages: relative to the home."""
    try:
        return str(path.relative_to(home.root))
    except ValueError:
        return str(path)


def load_document(home: Home, path: Path) -> Document:

    return cached_document(path, display_name(home, path))


def build(cls: type[T], doc: Document) -> tuple[T | None, list[Problem]]:
    """Turn one document into ``cls``; the problems when it cannot be built."""
    if doc.data is None:
        return None, [Problem("the file is empty", Location(doc.file, 1, 1))]
    converter = Converter(doc)
    value = converter.build(cls, doc.data, ())
    if value is INVALID or converter.problems:
        return None, converter.problems
    return value, []


def scenario_files(home: Home) -> list[Path]:
    folder = home.playbooks / SCENARIO_FOLDER
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))


def _read(home: Home, path: Path, cls: type[T]) -> tuple[Loaded | None, list[Problem]]:
    try:
        doc = load_document(home, path)
    except InputError as exc:
        return None, [exc.problem]
    value, problems = build(cls, doc)
    return (Loaded(value, doc) if value is not None else None), problems


def read_home(home: Home, only: str | None = None) -> tuple[Playbook | None, list[Problem]]:
    """Load the home (or just one scenario of it); every problem of the files read is returned.

    The playbook is ``None`` when the organisation file could not be built; scenarios that
    could not be built are left out (their problems are in the list).
    """
    problems: list[Problem] = []
    org_path = home.playbooks / ORGANISATION_FILE
    if not org_path.is_file():
        where = Location(display_name(home, org_path))
        return None, [Problem("missing organisation file (brand, roles, roster, channels)", where)]
    org, found = _read(home, org_path, Organisation)
    problems += found
    documents: dict[str, Document] = {}
    scenarios: dict[str, Scenario] = {}
    for path in scenario_files(home):
        if only is not None and path.stem != only:
            continue
        loaded, found = _read(home, path, Scenario)
        problems += found
        if loaded is None:
            continue
        scenario: Scenario = loaded.value
        if scenario.id != path.stem:
            problems.append(
                loaded.doc.problem(
                    ("id",), f"scenario id {scenario.id!r} must match its file name {path.stem!r}"
                )
            )
            continue
        scenarios[scenario.id] = scenario
        documents[f"scenario:{scenario.id}"] = loaded.doc
    if org is None:
        return None, problems
    documents["organisation"] = org.doc
    return Playbook(home, org.value, scenarios, documents), problems


def load_playbook(home: Home, only: str | None = None) -> Playbook:
    """The home, fully checked; raises ``PlaybookInvalid`` with every problem found.

    With ``only``, just that scenario is read and checked (the fast path for ``render``).
    """
    if only is not None:
        stems = [path.stem for path in scenario_files(home)]
        if only not in stems:
            raise UsageError(
                f"no scenario {only!r} in {home.root}{did_you_mean(only, stems)}",
                hint="`crisisplay list` shows the scenarios",
            )

    playbook, problems = read_home(home, only)
    if playbook is not None and not problems:
        documents = playbook.documents.values()
        if not known_valid(documents):
            problems += check_playbook(playbook)
            if not problems:
                remember_valid(documents)
    if problems:
        raise PlaybookInvalid(problems)
    assert playbook is not None
    if only is not None:
        playbook.scenario(only)
    return playbook
