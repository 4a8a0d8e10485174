"""Which template line produced each character of a rendered text.

``crisisplay validate`` reports a seam (``crisisplay.messages.seams``) at the line of the
template that wrote it. To know it, the channel's template is compiled a second time with a
marker before every piece of literal text and every ``{{ }}`` it writes at its top level; the
markers carry the template line and are taken out after rendering, leaving each character
with its line. Text written inside a macro, a ``{% call %}``, a ``{% filter %}`` or a
``{% set %}`` block is not marked: those pieces are values (a length is measured, a choice made
on them), and a marker would change them. Such text is credited to the line of the ``{{ }}``
that writes it out, as is everything a shared macro writes: the line where the channel's
template calls it. Partials (``_*.j2``, ``_shared/``) are never marked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

from crisisplay.messages import limits
from crisisplay.messages.run import run_template
from crisisplay.messages.sandbox import MessageEnvironment

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_BLOCKS = frozenset({"macro", "call", "filter", "set"})
_TRAILING_SPACE = re.compile(r"[ \t]+(?=\n)")
_BLANK_LINES = re.compile(r"\n{3,}")


def _marked(name: str | None) -> bool:
    """Channel templates are marked; partials are not."""
    if not name:
        return False
    return not any(part.startswith("_") for part in name.split("/"))


def _marker(line: int) -> Token:
    return Token(line, "data", f"{_OPEN}{line}{_CLOSE}")


class _LineMarks(Extension):
    """Inserts a line marker before each piece of top-level output (see the module docstring)."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        if not _marked(stream.name):
            return stream
        return _with_marks(iter(stream))


def _with_marks(tokens: Iterator[Token]) -> Iterator[Token]:
    depth = 0
    for token in tokens:
        if token.type == "block_begin":
            tag = [token, *_until_block_end(tokens)]
            depth = max(0, depth + _depth_change(tag))
            yield from tag
        elif depth == 0 and token.type == "data":
            yield from _marked_data(token)
        elif depth == 0 and token.type == "variable_begin":
            yield _marker(token.lineno)
            yield token
        else:
            yield token


def _until_block_end(tokens: Iterator[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.type == "block_end":
            return


def _depth_change(tag: list[Token]) -> int:
    names = [token.value for token in tag if token.type == "name"]
    if not names:
        return 0
    first = names[0]
    if first in _BLOCKS:
        inline = first == "set" and any(token.type == "assign" for token in tag)
        return 0 if inline else 1
    if first.startswith("end") and first[3:] in _BLOCKS:
        return -1
    return 0


def _marked_data(token: Token) -> Iterator[Token]:
    line = token.lineno
    for piece in token.value.splitlines(keepends=True):
        yield _marker(line)
        yield Token(line, "data", piece)
        line += piece.count("\n")


class LineMarkingEnvironment(MessageEnvironment):
    """The message sandbox, compiling channel templates with line markers (never cached on
    disk: the compiled code differs from the real one)."""

    def __init__(self, templates: Path) -> None:
        super().__init__(templates)
        self.add_extension(_LineMarks)

    def compile(
        self,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        return super(MessageEnvironment, self).compile(  # type: ignore[call-overload]
            source, name, filename, raw, defer_init
        )


@functools.lru_cache(maxsize=4)
def marking_environment_for(templates: Path) -> LineMarkingEnvironment:
    return LineMarkingEnvironment(templates)


def render_with_lines(
    templates: Path, name: str, variables: Mapping[str, Any], caps: limits.RenderLimits
) -> tuple[str, list[int | None]]:
    """Template ``name`` rendered and tidied as the renderer does (trailing spaces and runs of
    blank lines removed, the ends stripped), and the template line of each character (``None``
    where no marker came before it)."""
    raw = run_template(marking_environment_for(templates), name, variables, caps)
    text, lines = _unmarked(raw.replace("\r\n", "\n"))
    text, lines = _drop(text, lines, _spans(_TRAILING_SPACE, text))
    blanks = [(match.start() + 2, match.end()) for match in _BLANK_LINES.finditer(text)]
    text, lines = _drop(text, lines, blanks)
    stripped = text.strip()
    start = len(text) - len(text.lstrip())
    return stripped, lines[start : start + len(stripped)]


def render_tidied(
    env: MessageEnvironment, name: str, variables: Mapping[str, Any], caps: limits.RenderLimits
) -> str:
    """What :func:`render_with_lines` gives as text, from the message environment's own
    compiled template (no markers: a text with nothing to point at is never compiled twice)."""
    text = run_template(env, name, variables, caps).replace("\r\n", "\n")
    text = _TRAILING_SPACE.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _unmarked(raw: str) -> tuple[str, list[int | None]]:
    chars: list[str] = []
    lines: list[int | None] = []
    line: int | None = None
    position = 0
    for match in _MARKER.finditer(raw):
        piece = raw[position : match.start()]
        chars.append(piece)
        lines += [line] * len(piece)
        line = int(match.group(1))
        position = match.end()
    piece = raw[position:]
    chars.append(piece)
    lines += [line] * len(piece)
    return "".join(chars), lines


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def _drop(
    text: str, lines: list[int | None], spans: list[tuple[int, int]]
) -> tuple[str, list[int | None]]:
    if not spans:
        return text, lines
    keep = [True] * len(text)
    for start, end in spans:
        for index in range(start, end):
            keep[index] = False
    return (
        "".join(char for char, kept in zip(text, keep, strict=True) if kept),
        [line for line, kept in zip(lines, keep, strict=True) if kept],
    )
