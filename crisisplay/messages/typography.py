"""The typography of a rendered text, set by its channel in one pass after rendering.

Templates are written with plain spaces and straight apostrophes, as anyone types them; facts
arrive the same way. This pass gives each text what its channel can carry (the catalogue's
``typography`` of the channel):

- ``rich`` (email, press, FAQ, status page, push, social posts...), French texts only:
  a narrow no-break space U+202F before ``; ! ?``, inside ``« »`` and between groups of
  thousands (``2 300``); a no-break space U+00A0 before ``:`` and between a number and its
  unit (``60 %``, ``34,99 €``, ``2 h 30``, ``45 min``, ``3 j``, ``5 Go``); the apostrophe
  ``’`` between two letters (``l’équipe``); the ligature in the words that need it (``cœur``,
  ``œuvre``, ``sœur``, ``vœu``, ``manœuvre``...).
- ``rich-nbsp`` (X): the same, with U+00A0 wherever ``rich`` puts U+202F. twitter-text
  weighs U+202F double, U+00A0 single, so the post's weighted length stays its length in
  characters, the count the templates fit their text to.
- ``gsm`` (SMS), every language: no-break spaces, typographic apostrophes and quotes, dashes,
  the ellipsis and ``œ`` back to their GSM-7 forms, so the typography alone never turns an SMS
  into UCS-2 (a fact with a letter outside GSM-7 still does: the ``gsm`` filter is for those).
- ``as-written`` (IVR, read aloud): untouched.

Clock times stay as the templates write them (``14h30``, the ``clock`` filter's form, compact
and SMS-safe); only durations, where ``h`` is a unit, get the spaces (``2 h 30``, written so
by the ``duration`` filter). Links and e-mail addresses are never touched. In an HTML part
only the text between tags changes (``<style>`` and ``<script>`` are left alone).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crisisplay.channels.catalogue import Typography

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

# Links and addresses keep every character (a "?" in a query, a "'" in a path).
_UNTOUCHABLE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LETTER = r"[^\W\d_]"
_APOSTROPHE = re.compile(rf"(?<={_LETTER})(?:'|&#39;|&#x27;)(?={_LETTER})")
_SPACES = f" {NBSP}{NARROW_NBSP}"
_OPENING_QUOTE = re.compile(f"«[{_SPACES}]*")
_CLOSING_QUOTE = re.compile(f"[{_SPACES}]*»")
# After a word, or at the start of a piece of HTML text (the word ends inside the tag before).
_BEFORE_TALL = re.compile(rf"(?<!\s)[ {NBSP}](?=[;!?])")
_BEFORE_COLON = re.compile(rf"(?<!\s)[ {NARROW_NBSP}](?=:)")
_UNIT = re.compile(r"(?<=\d) (?=(?:%|€|h|min|j|Go|Mo|ko|km)(?!\w))")
_MINUTES_OF_DURATION = re.compile(rf"(?<=\d{NBSP}h) (?=\d\d(?!\d))")
_THOUSANDS = re.compile(r"(?<![\d,.])(?<!\d )\d{1,3}(?: \d{3})+(?!\d)")
# Stems that take the ligature wherever they appear (rancœur, écœurant, désœuvré...).
_LIGATURE = re.compile(
    r"(?<=c|s)oe(?=ur)|(?<=ch)oe(?=ur)|(?<=m)oe(?=urs)|oe(?=uvr)|(?<=\bv)oe(?=u)|(?<=\bn)oe(?=ud)"
    r"|(?<=\bb)oe(?=uf)|\boe(?=uf|il|cum|soph|dèm)",
    re.IGNORECASE,
)
_GSM_FORMS = str.maketrans(
    {
        NBSP: " ",
        NARROW_NBSP: " ",
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2026": "...",
        "\u0153": "oe",
        "\u0152": "OE",
    }
)
_GSM_OPENING_QUOTE = re.compile(f"«[{_SPACES}]*")
_GSM_CLOSING_QUOTE = re.compile(f"[{_SPACES}]*»")
_HTML_PIECES = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)\s*([a-zA-Z][\w-]*)")
_RAW_HTML = ("style", "script")


def typeset(text: str, lang: str, typography: Typography) -> str:
    """``text`` with the typography its channel allows (see the module docstring)."""
    if typography == "gsm":
        return _gsm_forms(text)
    if typography == "as-written" or lang != "fr":
        return text
    typeset_text = _outside_links(text, _french)
    return typeset_text.replace(NARROW_NBSP, NBSP) if typography == "rich-nbsp" else typeset_text


def typeset_html(html: str, lang: str, typography: Typography) -> str:
    """The same for an HTML part: text between tags only, never inside a tag or a style."""
    if typography in ("gsm", "as-written") or lang != "fr":
        return html
    pieces = _HTML_PIECES.split(html)
    raw = False
    for index, piece in enumerate(pieces):
        if index % 2:  # a tag
            tag = _TAG_NAME.match(piece)
            if tag is not None and tag.group(2).lower() in _RAW_HTML:
                raw = not tag.group(1)
            continue
        if not raw:
            pieces[index] = typeset(piece, lang, typography)
    return "".join(pieces)


def _outside_links(text: str, change: Callable[[str], str]) -> str:
    kept = [match.span() for match in _UNTOUCHABLE.finditer(text)]
    if not kept:
        return change(text)
    pieces: list[str] = []
    position = 0
    for start, end in kept:
        pieces += [change(text[position:start]), text[start:end]]
        position = end
    pieces.append(change(text[position:]))
    return "".join(pieces)


def _french(text: str) -> str:
    text = _LIGATURE.sub(_ligature, text)
    text = _APOSTROPHE.sub("\u2019", text)
    text = _OPENING_QUOTE.sub("«" + NARROW_NBSP, text)
    text = _CLOSING_QUOTE.sub(NARROW_NBSP + "»", text)
    text = _BEFORE_TALL.sub(NARROW_NBSP, text)
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _THOUSANDS.sub(lambda match: match.group().replace(" ", NARROW_NBSP), text)
    text = _UNIT.sub(NBSP, text)
    return _MINUTES_OF_DURATION.sub(NBSP, text)


def _ligature(match: re.Match[str]) -> str:
    return {"oe": "œ", "Oe": "Œ", "OE": "Œ", "oE": "œ"}[match.group()]


def _gsm_forms(text: str) -> str:
    text = _GSM_OPENING_QUOTE.sub('"', text)
    text = _GSM_CLOSING_QUOTE.sub('"', text)
    return text.translate(_GSM_FORMS)
