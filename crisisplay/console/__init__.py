"""The terminal: the only package that imports rich.

Everything untrusted (facts, notes, actor names, YAML values, rendered messages) goes through
``safe()`` before it is printed, so no escape sequence, hyperlink, clipboard write or bidi override
from a file or an operator ever reaches the terminal raw. Rich markup in such text is escaped too.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text
from rich.theme import Theme

from crisisplay.console.tables import fitted
from crisisplay.textsafe import json_text, sanitize, sanitize_line

THEME = Theme(
    {
        "ok": "bold green",
        "error": "bold red",
        "warning": "bold yellow",
        "muted": "dim",
        "accent": "bold cyan",
        "drill": "bold black on yellow",
        "overdue": "bold red",
        "due": "yellow",
    }
)


@functools.cache
def get_console(stderr: bool = False) -> Console:
    """The shared console (stdout or stderr); colours follow NO_COLOR and the terminal."""
    return Console(
        theme=THEME,
        stderr=stderr,
        highlight=False,
        no_color="NO_COLOR" in os.environ,
        soft_wrap=False,
        # No :emoji: codes: untrusted text must print as written (and it saves an import).
        emoji=False,
    )


def safe(text: object) -> str:
    """Untrusted text as rich markup that prints literally (controls removed, markup escaped)."""
    return escape(sanitize(str(text)))


def safe_line(text: object) -> str:
    return escape(sanitize_line(str(text)))


def plain(text: object, style: str | None = None) -> Text:
    """Untrusted text as a rich ``Text`` (never parsed as markup)."""
    return Text(sanitize(str(text)), style=style or "")


def out(*renderables: Any) -> None:
    get_console().print(*renderables)


def err(*renderables: Any) -> None:
    get_console(stderr=True).print(*renderables)


def note(text: str) -> None:
    """One sanitised line on stderr: what is worth knowing beside a command's result."""
    sys.stderr.write(sanitize_line(text) + "\n")


def print_table(
    title: str | None,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    stderr: bool = False,
    ids: Sequence[int] = (),
) -> None:
    """A table whose cells are all untrusted text, fitted to the terminal without cutting a
    word; the columns in ``ids`` hold ids one types, never cut (``crisisplay.console.tables``)."""
    cells = [[cell if isinstance(cell, Text) else plain(cell) for cell in row] for row in rows]
    console = get_console(stderr)
    console.print(fitted(title, columns, cells, console.width, ids))


def panel(body: Any, title: str, *, style: str = "accent", subtitle: str | None = None) -> Panel:
    """A titled panel; ``title`` and ``subtitle`` are sanitised, ``body`` must be safe already."""
    return Panel(
        body,
        title=safe_line(title),
        subtitle=safe_line(subtitle) if subtitle else None,
        border_style=style,
        title_align="left",
    )


def write_json(document: object) -> None:
    """One JSON document on stdout, nothing else (``--format json``); hidden characters are
    escaped (``crisisplay.textsafe.json_text``)."""

    sys.stdout.write(json_text(document))
