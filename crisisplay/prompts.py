"""How the walkthrough asks and tells: one interface, a scripted and an interactive implementation.

The engine asks plain-data ``Question``s and shows plain-data ``Notice``s; it never touches the
terminal. Questions are grouped: ``("gates", "noc-scope")`` is a group whose fields are asked in
turn (``decision``, then ``comment``). A scripted answers file mirrors those groups::

    facts:
      services_down: [voice, data]        # a plain value answers the group's first field
    gates:
      noc-scope:                          # a repeatable group takes a list: one item per ask
        - {decision: refuse, comment: "the share is 40%, not 60%"}
        - {decision: pass, by: noc-duty, at: 14m}

``at`` (a duration after activation) says when the answer is given; ``by`` who gives it.
The interactive prompter (questionary, imported only when used) lives in
``crisisplay.console.prompter``.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal, Protocol

from crisisplay.errors import InputError, Location, PathPart, UsageError
from crisisplay.playbook.types import Duration
from crisisplay.playbook.yamlio import Document, load_yaml
from crisisplay.suggest import did_you_mean

QuestionType = Literal["text", "select", "checkbox", "confirm"]
NoticeLevel = Literal["info", "ok", "warning", "error", "drill"]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    """One thing to ask. ``group`` + ``field`` name it in an answers file."""

    group: tuple[str, ...]
    field: str
    type: QuestionType
    message: str
    help: str | None = None
    options: tuple[Option, ...] = ()
    default: Any = None
    #: the first field of its group (a scalar answer in a file answers it; a list moves on)
    first: bool = True
    #: a group that may be asked several times (a gate refused, then passed)
    repeatable: bool = False
    #: may be left unanswered in a file (the default is taken)
    optional: bool = False
    #: how many times this group was answered before (from the timeline, so resuming a run
    #: picks up the answer list exactly where it stopped)
    attempt: int = 0
    #: the language of the walkthrough asking it (the prompt's own hints follow it)
    lang: str | None = None

    @property
    def id(self) -> str:
        return ".".join((*self.group, self.field))


@dataclass(frozen=True)
class Answer:
    value: Any
    #: when the answer is given, after activation (scripted answers only)
    at: timedelta | None = None
    #: who gives it (a validator, the person brought in)
    by: str | None = None
    where: Location | None = None


@dataclass(frozen=True)
class Notice:
    """Something to show the operator: a step, a roster gap, rendered messages, an inject."""

    kind: str
    title: str
    lines: tuple[str, ...] = ()
    level: NoticeLevel = "info"
    data: Any = None


class Prompter(Protocol):
    def ask(self, question: Question) -> Answer: ...

    def reject(self, question: Question, answer: Answer, reason: str) -> None:
        """An answer was not acceptable: re-ask (interactive) or stop (scripted)."""
        ...

    def show(self, notice: Notice) -> None: ...


# ---------------------------------------------------------------- scripted


@dataclass
class ScriptedPrompter:
    """Answers from a YAML answers file; never waits for a person."""

    doc: Document
    shown: list[Notice] = field(default_factory=list)
    echo: Any = None  # a callable receiving each notice (progress on the terminal), or None

    @classmethod
    def empty(cls, echo: Any = None) -> ScriptedPrompter:
        """A prompter with no answers yet (a command fills them in from its options)."""
        return cls(Document("<command line>", {}), echo=echo)

    @property
    def answers(self) -> Mapping[str, Any]:
        data = self.doc.data
        return data if isinstance(data, dict) else {}

    def ask(self, question: Question) -> Answer:
        node, path = self._group_node(question)
        at = by = None
        if isinstance(node, dict):
            at = self._duration(node.get("at"), (*path, "at"))
            by = node.get("by") if isinstance(node.get("by"), str) else None
            if question.field in node:
                return Answer(node[question.field], at, by, self._where((*path, question.field)))
        elif node is not None and question.first:
            return Answer(node, None, None, self._where(path))
        if question.optional or (question.default is not None and not question.first):
            return Answer(question.default, at, by, self._where(path))
        raise InputError(
            f"the answers file has no answer for {question.id!r} ({question.message})",
            location=Location(self.doc.file),
            hint=f"add it under {' > '.join(question.group)}",
        )

    def can_answer(self, group: tuple[str, ...], attempt: int, mine: bool) -> bool:
        """Whether this file takes the act of ``group``: it answers it, or the act is the
        board's own (then a missing answer is an error, said when it is asked). An act of
        another member that the file does not answer is left to that member's terminal."""
        if mine:
            return True
        node: Any = self.answers
        for part in group:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, list):
            return attempt < len(node)
        return node is not None

    def reject(self, question: Question, answer: Answer, reason: str) -> None:
        raise InputError(
            f"answer to {question.id!r} is not acceptable: {reason}",
            location=answer.where or Location(self.doc.file),
        )

    def show(self, notice: Notice) -> None:
        self.shown.append(notice)
        if self.echo is not None:
            self.echo(notice)

    def _group_node(self, question: Question) -> tuple[Any, tuple[PathPart, ...]]:
        node: Any = self.answers
        path: tuple[PathPart, ...] = ()
        for part in question.group:
            node = node.get(part) if isinstance(node, dict) else None
            path = (*path, part)
        if question.repeatable and isinstance(node, list):
            index = question.attempt
            if index >= len(node):
                raise InputError(
                    f"the answers file ran out of answers for {'.'.join(question.group)!r}: "
                    f"asked {index + 1} times, {len(node)} answer(s) given",
                    location=self._where(path),
                )
            return node[index], (*path, index)
        return node, path

    def _duration(self, value: Any, path: tuple[PathPart, ...]) -> timedelta | None:
        if value is None:
            return None
        try:
            return Duration.from_yaml(value)
        except ValueError as exc:
            raise InputError(f"'at': {exc}", location=self._where(path)) from None

    def _where(self, path: tuple[PathPart, ...]) -> Location:
        return self.doc.location(path)


#: the groups of an answers file, and the fields a mapping answer may name (README, "Answers
#: files"): a misspelt one would otherwise be silently ignored, and its answer lost
ANSWER_GROUPS = ("facts", "severity", "roles", "escalations", "steps", "gates", "messages", "post")
ANSWER_FIELDS = (
    *("decision", "comment", "reason", "person", "next_update", "checklist", "level", "done"),
    *("fact", "value", "at", "by"),
)


def load_answers(path: Path, display: str | None = None) -> Document:
    """Read an answers file (safe YAML, positions kept); unknown groups and fields refused."""
    doc = load_yaml(path, display=display)
    if doc.data is not None and not isinstance(doc.data, dict):
        raise InputError(
            "an answers file is a mapping (facts:, roles:, steps:, gates:...)",
            location=doc.location(()),
        )
    for group, answers in (doc.data or {}).items():
        _known(doc, (), group, ANSWER_GROUPS, "group")
        if group == "severity":
            _check_fields(doc, (group,), answers)
        elif isinstance(answers, dict) and group != "facts":
            for key, answer in answers.items():
                _check_fields(doc, (group, key), answer)
    return doc


def _check_fields(doc: Document, path: tuple[PathPart, ...], answer: object) -> None:
    items = enumerate(answer) if isinstance(answer, list) else [(None, answer)]
    for index, item in items:
        where = path if index is None else (*path, index)
        if isinstance(item, dict):
            for field_name in item:
                _known(doc, where, field_name, ANSWER_FIELDS, "field")


def _known(
    doc: Document, path: tuple[PathPart, ...], key: str, known: tuple[str, ...], what: str
) -> None:
    if key not in known:
        raise InputError(
            f"unknown answers {what} {key!r}{did_you_mean(key, known)}",
            location=doc.location((*path, key), key=True),
            hint=f"the {what}s: {', '.join(known)}",
        )


def require_terminal(option: str = "--answers FILE") -> None:
    """Stop at once (exit 2) when there is nobody to ask: never hang on a closed stdin."""
    if not sys.stdin.isatty():
        raise UsageError(
            f"no terminal to ask questions on; give the answers with {option}",
            hint="see README, 'Answers files'",
        )
