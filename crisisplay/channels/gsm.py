"""The GSM 7-bit default alphabet (3GPP TS 23.038 section 6.2.1, formerly GSM 03.38).

A character of the basic table costs one septet; one of the extension table costs two (the
escape 0x1B and the character). Any other character forces the whole SMS into UCS-2. French
text mostly fits: é è à ù ì ò É Ç are in the basic table, but ç (lower case), ê â î ô û ë ï,
the capitals À È Ê..., œ, the typographic apostrophe ’ and the no-break spaces are not, which
is why ``gsm_replacement`` suggests a look-alike for them.
"""

from __future__ import annotations

import unicodedata

# The basic table in code order 0x00-0x7F. 0x1B is the escape to the extension table, not a
# character anyone can send, so it is left out of the set below.
_BASIC_TABLE = (
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"
    " !\"#¤%&'()*+,-./"
    "0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNO"
    "PQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmno"
    "pqrstuvwxyzäöñüà"
)
GSM_BASIC: frozenset[str] = frozenset(_BASIC_TABLE) - {"\x1b"}
# The extension table (TS 23.038 section 6.2.1.1): form feed ^ { } \ [ ~ ] | €, each sent as
# the escape 0x1B followed by its code below.
_EXTENSION_CODES = {
    "\f": 0x0A,
    "^": 0x14,
    "{": 0x28,
    "}": 0x29,
    "\\": 0x2F,
    "[": 0x3C,
    "~": 0x3D,
    "]": 0x3E,
    "|": 0x40,
    "€": 0x65,
}
GSM_EXTENSION: frozenset[str] = frozenset(_EXTENSION_CODES)
_ESCAPE = 0x1B
_BASIC_CODES = {char: code for code, char in enumerate(_BASIC_TABLE) if code != _ESCAPE}

# Look-alikes for characters outside the alphabet, chosen for a French-speaking readership.
# Accented letters not listed here fall back to their unaccented form (see gsm_replacement).
_REPLACEMENTS = {
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’ typographic apostrophe
    "\u201a": "'",  # ‚
    "\u201b": "'",  # ‛
    "\u2032": "'",  # ′
    "\u00b4": "'",  # ´
    "`": "'",
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u201e": '"',  # „
    "\u201f": '"',  # ‟
    "\u00ab": '"',  # «
    "\u00bb": '"',  # »
    "\u2033": '"',  # ″
    "\u2039": "<",  # ‹
    "\u203a": ">",  # ›
    "\u00a0": " ",  # no-break space (before : ; ! ? in French)
    "\u202f": " ",  # narrow no-break space
    "\u2007": " ",  # figure space
    "\u2009": " ",  # thin space
    "\u3000": " ",  # ideographic space
    "\t": " ",
    "\u200b": "",  # zero width space: invisible, remove it
    "\u2060": "",  # word joiner
    "\ufeff": "",  # byte order mark
    "\u00ad": "",  # soft hyphen
    "\u2026": "...",  # …
    "\u2010": "-",  # ‐
    "\u2011": "-",  # ‑ non-breaking hyphen
    "\u2012": "-",  # ‒
    "\u2013": "-",  # –
    "\u2014": "-",  # —
    "\u2015": "-",  # ―
    "\u2212": "-",  # − minus sign
    "\u2022": "-",  # • bullet
    "\u0153": "oe",  # œ
    "\u0152": "OE",  # Œ
    # ç is not in the table; some gateways send Ç instead, which reads oddly mid-word.
    "\u00e7": "c",  # ç
    "\u2126": "Ω",  # ohm sign -> Greek capital omega (0x15)
    "\u2206": "Δ",  # increment -> Greek capital delta (0x10)
}


def is_gsm(char: str) -> bool:
    return char in GSM_BASIC or char in GSM_EXTENSION


def septets(char: str) -> int:
    """Septets ``char`` takes in GSM-7 (2 for the extension table); 0 if it cannot be sent."""
    if char in GSM_BASIC:
        return 1
    return 2 if char in GSM_EXTENSION else 0


def gsm_replacement(char: str) -> str | None:
    """A GSM-7 look-alike for ``char`` (possibly empty), or None when there is none."""
    if is_gsm(char):
        return char
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    return _unaccented(char)


def _unaccented(char: str) -> str | None:
    # Compatibility decomposition drops accents (ê -> e) and splits ligatures (ﬁ -> fi).
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped and stripped != char and all(is_gsm(c) for c in stripped):
        return stripped
    return None


def gsm_septets(text: str) -> bytes:
    """``text`` in the GSM 7-bit default alphabet, one septet an octet (unpacked, as an SMS
    centre takes it over SMPP): an extension character is the escape and its code. Raises
    ValueError on a character outside the alphabet (``is_gsm`` says which can be sent)."""
    out = bytearray()
    for char in text:
        code = _BASIC_CODES.get(char)
        if code is not None:
            out.append(code)
        elif char in _EXTENSION_CODES:
            out += bytes((_ESCAPE, _EXTENSION_CODES[char]))
        else:
            raise ValueError(f"{char!r} (U+{ord(char):04X}) is not in the GSM-7 alphabet")
    return bytes(out)


def gsm_text(septets: bytes) -> str:
    """The text of unpacked GSM-7 septets (what ``gsm_septets`` makes, as an SMS centre hands
    a reply over SMPP); an unknown escape reads as a space."""
    extension = {code: char for char, code in _EXTENSION_CODES.items()}
    out: list[str] = []
    escaped = False
    for code in septets:
        if escaped:
            out.append(extension.get(code, " "))
            escaped = False
        elif code == _ESCAPE:
            escaped = True
        else:
            out.append(_BASIC_TABLE[code & 0x7F])
    return "".join(out)


def suggest_gsm(text: str) -> str:
    """``text`` with every character that has a GSM-7 look-alike replaced by it."""
    return "".join(_replace_one(char) for char in text)


def _replace_one(char: str) -> str:
    replacement = gsm_replacement(char)
    return char if replacement is None else replacement
