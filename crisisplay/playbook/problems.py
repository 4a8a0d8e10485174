"""Collecting the problems of one YAML document, each located by the path to the bad value."""

from __future__ import annotations

from collections.abc import Iterable

from crisisplay.conditions import compile_condition
from crisisplay.errors import PathPart, Problem
from crisisplay.playbook.yamlio import Document
from crisisplay.suggest import did_you_mean

Path_ = tuple[PathPart, ...]


class ProblemReport:
    """Problems found in one document: unknown names (with "did you mean"), duplicate ids,
    conditions that do not compile."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def at(self, path: Path_, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def ref(self, path: Path_, value: str, known: Iterable[str], what: str) -> None:
        known = list(known)
        if value not in known:
            self.at(path, f"unknown {what} {value!r}{did_you_mean(value, known)}")

    def unique(self, items: Iterable[tuple[Path_, str]], what: str) -> None:
        seen: set[str] = set()
        for path, ident in items:
            if ident in seen:
                self.at(path, f"duplicate {what} id {ident!r}")
            seen.add(ident)

    def condition(self, path: Path_, source: str | None, declared: frozenset[str]) -> None:
        if source is None:
            return
        try:
            compile_condition(source, declared)
        except ValueError as exc:
            self.at(path, str(exc))
