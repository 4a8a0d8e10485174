"""Template seams: what a text shows where its pieces were joined badly.

A message is assembled from literal text, facts and shared statements; where two pieces meet
badly the reader sees it at once, and a communications director rewrites the text. The seams
found here, each an error finding with its span in the text:

- ``seam.double-space``: two spaces in a row (a piece that rendered empty);
- ``seam.leading-space``: a line that starts with a space (a nested list item aside);
- ``seam.lower-case``: a sentence or a paragraph that starts in lower case (a statement
  pasted after a full stop, "….example. un nouvel avis");
- ``seam.url-stop``: a link followed on the same line by a capital with no full stop;
- ``seam.quote``: « without its », or the reverse (and the same for “ ” and ");
- ``seam.line-break``: a list item glued to the end of the line before ("….- Frais
  bancaires"), where a line break was lost;
- ``seam.repeated-label``: a label repeated by its value ("Appels d'urgence : Les appels
  d'urgence…");
- ``seam.choice``: a choice left in parentheses, "(routes coupées ou alerte météo)", where the
  text should say which, or say both in a sentence;
- ``seam.gsm-spelling``: a French word misspelt to stay in the SMS alphabet ("facon" for
  "façon"): reword instead.

``seam_findings`` is pure: the renderer runs it on every text, the publication runs it again,
and ``crisisplay validate`` runs it on every template with the widest and the narrowest facts,
locating each finding on the template line that produced it (``template_lines``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from crisisplay.findings import Finding
from crisisplay.texts import t

# Typographic forms read as typed, one character for one, so spans stay exact.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " "})
_SPACE = "[ \u00a0\u202f]"
_DOUBLE_SPACE = re.compile(rf"(?<=\S){_SPACE}{{2,}}(?=\S)")
_LEADING_SPACE = re.compile(r"(?m)^[ \t]+(?=\S)(?![-•*] )")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>«»\"]+")
_URL_TAIL = ".,;:!?)»'\""
# A sentence ends with . ! ? or … (a closing quote or bracket may follow), then space.
_SENTENCE_END = re.compile(r"[.!?…][»\"”')]*[ \n]+")
_ABBREVIATIONS = frozenset(
    {"etc", "m", "mme", "mlle", "cf", "ex", "p", "e.g", "i.e", "vs", "env", "av", "no", "st"}
)
_LABEL = re.compile(r"(?m)^(?:- )?(?P<label>[^\n:.!?]{2,60}?) ?: (?P<value>\S[^\n]*)")
_ARTICLES = re.compile(r"^(?:les|le|la|l'|un|une|des|du|the|a|an) ?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_PARENTHESES = re.compile(r"\((?P<inner>[^()\n]{1,80})\)")
# A choice: two short alternatives and nothing else, no condition, no verb of their own.
_TWO_WAYS = {
    "fr": re.compile(r"^(?!.*\b(?:si|quand|pour|avec|par|sauf)\b)[^,;:?]+ ou [^,;:?]+$"),
    "en": re.compile(r"^(?!.*\b(?:if|when|for|with|by|unless)\b)[^,;:?]+ or [^,;:?]+$"),
}
_CHOICE_WORDS = 6
# French words whose only correct spelling needs a letter outside GSM-7 (ç ê â î ô û): written
# without it, the word is misspelt to keep an SMS cheap. Say it another way instead.
_GSM_MISSPELT = re.compile(
    r"\b(?:facons?|recue?s?|francais(?:es?)?|apercus?|lecons?|garcons?|etre|memes?|"
    r"fenetres?|tetes?|hopita(?:l|ux)|bientot|plutot|deja|aout|couts?|gouts?|connait|"
    r"chaines?|interets?|arretee?s?|grace a|sure(?:ment)?)\b",
    re.IGNORECASE,
)
_QUOTE_PAIRS = (("«", "»"), ("\u201c", "\u201d"))
_GLUED_ITEM = re.compile(r"(?<=[.!?»\"])- (?=[^\W\d_])")


def seam_findings(text: str, lang: str) -> list[Finding]:
    """Every seam of ``text`` (written in ``lang``), in the order of the text."""
    plain = text.translate(_PLAIN)
    found = [
        *_double_spaces(plain, lang),
        *_leading_spaces(plain, lang),
        *_lower_case_starts(plain, lang),
        *_urls_without_stop(plain, lang),
        *_unbalanced_quotes(plain, lang),
        *_glued_items(plain, lang),
        *_repeated_labels(plain, lang),
        *_choices_left(plain, lang),
    ]
    if lang == "fr":
        found += _gsm_misspellings(plain, lang)
    return sorted(found, key=lambda finding: (finding.start or 0, finding.rule))


def _finding(rule: str, lang: str, start: int, end: int, **values: str) -> Finding:
    key = rule.removeprefix("seam.").replace("-", "_")
    return Finding(
        rule,
        "error",
        t(f"seam.{key}", lang, **values),
        start,
        end,
        hint=t(f"seam.{key}.hint", lang),
    )


def _snippet(text: str, start: int, end: int, room: int = 30) -> str:
    """The words around a span, on one line, for a message."""
    before = text[max(0, start - room) : start].rsplit("\n", 1)[-1]
    after = text[end : end + room].split("\n", 1)[0]
    return f"{'…' if start > room else ''}{before}{text[start:end]}{after}…".strip()


def _double_spaces(text: str, lang: str) -> Iterator[Finding]:
    for match in _DOUBLE_SPACE.finditer(text):
        yield _finding(
            "seam.double-space",
            lang,
            match.start(),
            match.end(),
            words=_snippet(text, match.start(), match.end()),
        )


def _leading_spaces(text: str, lang: str) -> Iterator[Finding]:
    for match in _LEADING_SPACE.finditer(text):
        yield _finding(
            "seam.leading-space",
            lang,
            match.start(),
            match.end() + 1,
            words=_snippet(text, match.end(), match.end()),
        )


def _links(text: str) -> list[tuple[int, int]]:
    """The spans of the links and e-mail addresses of ``text`` (their own dots are no stops)."""
    spans = [(m.start(), m.start() + len(m.group().rstrip(_URL_TAIL))) for m in _URL.finditer(text)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)]
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _sentence_starts(text: str) -> Iterator[int]:
    """Where a sentence or a paragraph starts: the text's start, after a blank line, after
    a sentence's end (never inside a link, nor after an abbreviation)."""
    links = _links(text)
    yield 0
    for match in re.finditer(r"\n[ \t]*\n", text):
        yield match.end()
    for match in _SENTENCE_END.finditer(text):
        if _inside(match.start(), links) or _after_abbreviation(text, match.start()):
            continue
        yield match.end()


def _after_abbreviation(text: str, stop: int) -> bool:
    if text[stop] != ".":
        return False
    word = re.search(r"([\w.]+)$", text[:stop])
    return word is not None and word.group(1).lower() in _ABBREVIATIONS


def _lower_case_starts(text: str, lang: str) -> Iterator[Finding]:
    links = _links(text)
    seen: set[int] = set()
    for start in _sentence_starts(text):
        position = start
        while position < len(text) and text[position] in " \t«\"“'-–—":
            position += 1
        if position >= len(text) or position in seen or _inside(position, links):
            continue
        seen.add(position)
        letter = text[position]
        if letter.isalpha() and letter.islower():
            word = _WORD.match(text, position)
            end = word.end() if word else position + 1
            yield _finding(
                "seam.lower-case", lang, position, end, words=_snippet(text, position, end)
            )


def _urls_without_stop(text: str, lang: str) -> Iterator[Finding]:
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_TAIL)
        end = match.start() + len(url)
        if match.group()[len(url) :]:  # punctuation closes the link: a stop or a comma
            continue
        rest = re.match(r"[ \u00a0\u202f]+(\S)", text[end:])
        if rest is not None and rest.group(1).isupper():
            word = _WORD.match(text, end + rest.start(1))
            after = word.group() if word else rest.group(1)
            yield _finding(
                "seam.url-stop",
                lang,
                match.start(),
                end + rest.end(),
                url=url,
                words=f"{url} {after}",
            )


def _unbalanced_quotes(text: str, lang: str) -> Iterator[Finding]:
    offset = 0
    for line in text.split("\n"):
        for opening, closing in _QUOTE_PAIRS:
            yield from _unbalanced_pair(line, offset, opening, closing, lang)
        straight = [m.start() for m in re.finditer('"', line)]
        if len(straight) % 2:
            where = offset + straight[-1]
            yield _finding("seam.quote", lang, where, where + 1, quote='"', words=line.strip())
        offset += len(line) + 1


def _unbalanced_pair(
    line: str, offset: int, opening: str, closing: str, lang: str
) -> Iterator[Finding]:
    open_at: int | None = None
    for index, char in enumerate(line):
        if char == opening:
            if open_at is not None:
                break  # a second opening before the first is closed: the first is the seam
            open_at = index
        elif char == closing:
            if open_at is None:
                where = offset + index
                yield _finding("seam.quote", lang, where, where + 1, quote=closing, words=line)
                return
            open_at = None
    if open_at is not None:
        where = offset + open_at
        yield _finding(
            "seam.quote", lang, where, where + 1, quote=opening, words=line[open_at:].strip()
        )


def _glued_items(text: str, lang: str) -> Iterator[Finding]:
    for match in _GLUED_ITEM.finditer(text):
        yield _finding(
            "seam.line-break",
            lang,
            match.start(),
            match.end(),
            words=_snippet(text, match.start(), match.end(), room=20),
        )


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _repeated_labels(text: str, lang: str) -> Iterator[Finding]:
    for match in _LABEL.finditer(text):
        label = _words(match.group("label"))
        value = _ARTICLES.sub("", match.group("value"))
        if label and _words(value)[: len(label)] == label:
            start = match.start("value")
            yield _finding(
                "seam.repeated-label",
                lang,
                start,
                match.end("value"),
                label=match.group("label").strip(),
            )


def _choices_left(text: str, lang: str) -> Iterator[Finding]:
    two_ways = _TWO_WAYS.get(lang)
    if two_ways is None:
        return
    for match in _PARENTHESES.finditer(text):
        inner = match.group("inner").strip()
        short = len(inner.split()) <= _CHOICE_WORDS
        if short and two_ways.match(inner) and not _inside(match.start(), _links(text)):
            yield _finding("seam.choice", lang, match.start(), match.end(), words=match.group())


def _gsm_misspellings(text: str, lang: str) -> Iterator[Finding]:
    links = _links(text)
    for match in _GSM_MISSPELT.finditer(text):
        if not _inside(match.start(), links):
            yield _finding(
                "seam.gsm-spelling", lang, match.start(), match.end(), word=match.group()
            )
