"""Making untrusted text harmless before it reaches a terminal or a spreadsheet.

Facts, notes, actor names and YAML values come from people and files; a crafted one could carry
terminal escape sequences (CSI, OSC 8 hyperlinks, OSC 52 clipboard writes), C1 controls or bidi
overrides that disguise what the operator reads. This module has no third-party imports so that
the error path of the CLI can use it without loading rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# ESC sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-char escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, terminated or not
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[@-Z\\-_]?"  # lone ESC or a two-character escape
)
# C0 controls except tab and newline, DEL, C1 controls (8-bit CSI is \x9b, OSC \x9d...).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings, overrides and isolates (Trojan Source), plus line/paragraph separators, and
# the invisible characters that hide text: zero-width space and non-joiner, word joiner and
# invisible operators, byte order mark, tag characters. (The zero-width joiner stays: emoji
# sequences are built with it.)
_BIDI = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029"
    "\u200b\u200c\u2060-\u2064\ufeff\U000e0000-\U000e007f]"
)


# What a reader cannot see or that disguises what is around it: C0 (but tab and newline), DEL and
# C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width characters,
# bidi marks, embeddings, overrides and isolates, line and paragraph separators, invisible
# operators, the byte order mark and tag characters.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)


def hidden_chars(text: str) -> list[tuple[int, str]]:
    """Every invisible, control or bidi character of ``text``, with its offset; a zero-width
    joiner inside an emoji sequence (👨‍👩‍👧) is part of what is seen, so it is not one."""
    return [
        (found.start(), found.group())
        for found in _HIDDEN.finditer(text)
        if not _joins_emoji(text, found.start())
    ]


def first_hidden(text: str) -> tuple[int, str] | None:
    """The first invisible, control or bidi character of ``text`` and where it is."""
    for found in _HIDDEN.finditer(text):
        if not _joins_emoji(text, found.start()):
            return found.start(), found.group()
    return None


def _joins_emoji(text: str, index: int) -> bool:
    if text[index] != _ZWJ or index == 0 or index + 1 == len(text):
        return False
    import unicodedata  # noqa: PLC0415

    before, after = text[index - 1], text[index + 1]
    pictographic = unicodedata.category(after) == "So"
    return pictographic and (unicodedata.category(before) in ("So", "Sk") or before in _EMOJI_TAILS)


def _utf16_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def escape_hidden_json(text: str) -> str:
    """JSON text (as ``json`` writes it) with every hidden character written ``\\uXXXX``: they
    only occur inside its strings, so it stays valid JSON and reads back the same."""
    return _HIDDEN.sub(_utf16_escape, text)


def json_text(document: object) -> str:
    """``document`` as indented JSON, every hidden character written ``\\uXXXX``.

    ``json`` escapes C0 controls itself; C1 controls, bidi characters, zero-width and tag
    characters would pass through ``ensure_ascii=False`` and act on a terminal or disguise text
    when the output is printed. Escaped, a JSON reader gets exactly the same strings back.
    """
    return "".join(json_chunks(document))


def json_chunks(document: object, size: int = 1 << 16) -> Iterator[str]:
    """:func:`json_text` a piece at a time (each about ``size`` characters): a document whose
    long lists are made as they are walked is written without ever being whole in memory."""
    import json  # noqa: PLC0415

    pieces: list[str] = []
    held = 0
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(document):
        pieces.append(piece)
        held += len(piece)
        if held >= size:
            yield escape_hidden_json("".join(pieces))
            pieces, held = [], 0
    pieces.append("\n")
    yield escape_hidden_json("".join(pieces))


def html_for_terminal(html: str) -> str:
    """An HTML page safe to print: hidden characters as character references (``&#x202e;``),
    which a browser shows as before and a terminal does not act on."""
    return _HIDDEN.sub(lambda match: f"&#x{ord(match.group()):x};", html)


def describe_char(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: a character named so that a person sees it."""
    import unicodedata  # noqa: PLC0415

    name = unicodedata.name(char, "")
    if not name and "\U000e0000" <= char <= "\U000e007f":
        name = "TAG CHARACTER"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


_ZWJ = "\u200d"
# What may end an emoji before a joiner: the emoji presentation selector and skin-tone modifiers.
_EMOJI_TAILS = frozenset("\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")


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
