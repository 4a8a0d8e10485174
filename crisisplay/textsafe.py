"""Making untrusted text harmless before it reaches a terminal or a spreadsheet.

Facts, notes, actor names and YAML values come from people and files; a crafted one could carry
terminal escape sequences (CSI, OSC 8 hyperlinks, OSC 52 clipboard writes), C1 controls or bidi
overrides that disguise what the operator reads. This module has no third-party imports so that
the error path of the CLI can use it without loading rich.
"""

from __future__ import annotations

import re

# ESC sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-char escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, terminated or not
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # lone ESC or a two-character escape
)
# C0 controls except tab and newline, DEL, C1 controls (8-bit CSI is \x9b, OSC \x9d...).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates (Trojan Source), plus line/paragraph separators.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029]")


# What a reader cannot see or that disguises what is around it: C0 (but tab and newline), DEL and
# C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width characters,
# bidi marks, embeddings, overrides and isolates, line and paragraph separators, invisible
# operators, the byte order mark and tag characters.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)


def first_hidden(text: str) -> tuple[int, str] | None:
    """The first invisible, control or bidi character of ``text`` and where it is."""
    found = _HIDDEN.search(text)
    return (found.start(), found.group()) if found else None


def describe_char(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: a character named so that a person sees it."""
    import unicodedata

    name = unicodedata.name(char, "")
    if not name and "\U000e0000" <= char <= "\U000e007f":
        name = "TAG CHARACTER"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def sanitize(text: str, *, keep_newlines: bool = True) -> str:
    """Text with every terminal control removed; visible placeholders mark what was there."""
    text = _ESCAPES.sub("\N{REPLACEMENT CHARACTER}", text)
    text = _CONTROLS.sub("\N{REPLACEMENT CHARACTER}", text)
    text = _BIDI.sub("\N{REPLACEMENT CHARACTER}", text)
    if not keep_newlines:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def sanitize_line(text: str) -> str:
    """One line of terminal text: controls removed and newlines folded into spaces."""
    return sanitize(text, keep_newlines=False)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP CSV injection advice)."""
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value
