"""Tables that fit the terminal without cutting a word or an id one must type.

Each column is at least as wide as its longest word (an id column as its longest id, whatever
its length; other columns up to ``WORD_CAP`` characters), so the table wraps between words,
never inside one. When that does not fit, the borders go (one space between columns); when that
still does not fit (a narrow terminal), each row is shown as a short block of "header: value"
lines, which wrap on words like any text. Lines of text wrap on words the same way, a command
one types kept whole (:func:`word_lines`).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

if TYPE_CHECKING:
    from rich.table import Table

#: the widest word a free-text column reserves room for (a longer one may wrap inside)
WORD_CAP = 16


def fitted(
    title: str | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[Text]],
    width: int,
    ids: Sequence[int] = (),
) -> RenderableType:
    """``rows`` under ``headers`` as a table no wider than ``width``; the columns in ``ids``
    hold ids one types, never cut."""
    least = [_width(i, header, rows, i in ids, words=True) for i, header in enumerate(headers)]
    most = [_width(i, header, rows, True, words=False) for i, header in enumerate(headers)]
    count = len(headers)
    for boxed, around in ((True, 3 * count + 1), (False, count - 1)):
        room = width - around  # boxed: a border and a space each side; bare: one space between
        if sum(least) <= room:
            return _table(title, headers, rows, _shared(least, most, room), boxed=boxed)
    return _records(title, headers, rows)


def _width(
    index: int, header: str, rows: Sequence[Sequence[Text]], typed: bool, *, words: bool
) -> int:
    """The column's longest word (``words``; capped unless ``typed``) or longest line."""
    texts = [row[index].plain for row in rows] + [header]
    pieces = [part for text in texts for part in (text.split() if words else text.splitlines())]
    longest = max((cell_len(piece) for piece in pieces), default=1)
    return longest if typed else min(longest, WORD_CAP)


def _shared(least: Sequence[int], most: Sequence[int], room: int) -> list[int]:
    """Each column's width: its least, then what is left shared out, the columns that want
    least first (a short date stays on one line), each never given more than it wants."""
    widths = list(least)
    wants = [max(0, m - w) for m, w in zip(most, widths, strict=True)]
    spare = room - sum(widths)
    waiting = sorted(range(len(wants)), key=lambda i: wants[i])
    while waiting and spare > 0:
        fair = spare // len(waiting) or 1
        index = waiting.pop(0)
        given = min(wants[index], fair, spare)
        widths[index] += given
        spare -= given
    return widths


def _table(
    title: str | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[Text]],
    widths: Sequence[int],
    *,
    boxed: bool,
) -> Table:
    from rich.table import Table  # noqa: PLC0415 -- rich's layout maths: only when a table is shown

    if boxed:
        table = Table(title=title, title_justify="left", header_style="accent")
    else:
        table = Table(
            title=title,
            title_justify="left",
            header_style="accent",
            box=None,
            padding=(0, 1, 0, 0),
            pad_edge=False,
        )
    for header, wide in zip(headers, widths, strict=True):
        table.add_column(header, width=wide, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _records(
    title: str | None, headers: Sequence[str], rows: Sequence[Sequence[Text]]
) -> RenderableType:
    """Each row as its lines, ``header: value``, a blank line between rows."""
    parts: list[RenderableType] = []
    if title:
        parts.append(Text.from_markup(title))
    for number, row in enumerate(rows):
        if number or title:
            parts.append(Text(""))
        for header, cell in zip(headers, row, strict=True):
            if cell.plain:
                parts.append(Text.assemble((f"{header}: ", "accent"), cell))
    return Group(*parts)


#: kept on one line: what a person types (``[do inform-authorities]``, ```sync```) and a short
#: quotation (« inconnu »)
_COMMANDS = re.compile(r"\[[^\]\n]{1,60}\]|`[^`\n]{1,60}`|«[^»\n]{1,30}»|“[^”\n]{1,30}”")
#: a space French puts before ? ! : ; and », or after «: never a line's first or last character
_TIGHT = re.compile(r" (?=[?!:;»])|(?<=«) ")
_KEEP = "\u00a0"  # not a break for textwrap, which breaks on ASCII whitespace only


def word_lines(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """``text`` wrapped on words to ``width`` (after the ``first`` line's and the ``rest``'s
    indents), a command in brackets or backquotes never split across two lines."""
    kept = _COMMANDS.sub(lambda found: found.group().replace(" ", _KEEP), text)
    kept = _TIGHT.sub(_KEEP, kept)
    lines = textwrap.wrap(
        kept,
        width=max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_KEEP, " ") for line in lines] or [first.rstrip()]
