"""Texts printed plain, ready to paste: no border, no wrapping, no colour.

What a community manager copies must be the text itself. One text prints alone, byte for byte
as rendered, with a final newline; several get one header line each (``== x (fr) ==``) and a
blank line between them. Any command that hands out texts (``render``, ``check``, the texts an
incident published) prints them through ``print_plain``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from crisisplay.textsafe import sanitize

#: A text to print and the header that names it when there are several.
PlainItem = tuple[str, str]


def plain_lines(items: Sequence[PlainItem]) -> str:
    """The texts as printed: the lone text, or each under its header line."""
    if len(items) == 1:
        return sanitize(items[0][1]) + "\n"
    blocks = [
        f"== {sanitize(head, keep_newlines=False)} ==\n{sanitize(text)}\n" for head, text in items
    ]
    return "\n".join(blocks)


def print_plain(items: Sequence[PlainItem], stream: TextIO | None = None) -> None:
    """Print the texts on ``stream`` (stdout by default); nothing at all for no text."""
    if not items:
        return
    target = stream or sys.stdout
    target.write(plain_lines(items))
    target.flush()
