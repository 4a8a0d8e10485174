"""Counting and linting a text a community manager wrote by hand (``crisisplay check``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from crisisplay.channels.measurement import measure
from crisisplay.errors import PlaybookInvalid, UsageError
from crisisplay.home import Home
from crisisplay.messages.lint import ToneLinter
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.specs import channel_spec
from crisisplay.playbook.load import read_home
from crisisplay.playbook.model import Organisation
from crisisplay.playbook.validate import check_organisation
from crisisplay.texts import catalogue, t

# Words only one of the two languages uses often, and the French elisions and accents: enough
# to tell a French message from an English one in a few words, without a language model.
_MARKERS = {
    "fr": frozenset(
        {"le", "la", "les", "des", "du", "de", "et", "est", "nous", "vous", "pas", "une",
         "un", "pour", "sur", "dans", "au", "aux", "ce", "cette", "ces", "qui", "que",
         "ne", "votre", "vos", "notre", "nos", "sont", "avec", "depuis", "il", "elle",
         "ils", "mais", "ou", "très", "plus", "merci", "en", "se", "son", "sa", "ses",
         "leur", "je", "tout", "tous", "toutes", "par", "été", "être", "désolés",
         "désolé", "prochain", "réseau"}
    ),
    "en": frozenset(
        {"the", "and", "is", "are", "we", "you", "your", "our", "to", "of", "in", "for",
         "with", "not", "be", "will", "has", "have", "this", "that", "it", "at", "by",
         "from", "was", "were", "been", "please", "sorry", "next", "there", "they",
         "their", "what", "when", "us", "its", "who", "which", "would", "should", "can",
         "do", "does", "all", "any", "network"}
    ),
}  # fmt: skip
_READ = 2000  # characters: the start of a text says its language


@dataclass(frozen=True)
class TextLanguage:
    """The language a text is read in: ``recognised`` from its words, or else assumed (the
    organisation's first language)."""

    lang: str
    recognised: bool

    def note(self) -> str:
        """One line, in that language, saying which language was used and why."""
        key = f"check.language.{self.lang}"
        name = t(key, self.lang) if key in catalogue(self.lang) else self.lang
        which = "recognised" if self.recognised else "assumed"
        return t(f"check.lang.{which}", self.lang, name=name)


def text_language(text: str, languages: Sequence[str]) -> TextLanguage:
    """French or English, whichever the text's words say, when the organisation has it; else
    the organisation's first language."""
    start = text[:_READ]
    word, elision, accented = _patterns()
    words = word.findall(start.lower())
    scores = {lang: sum(1 for w in words if w in markers) for lang, markers in _MARKERS.items()}
    scores["fr"] += len(elision.findall(start)) + len(accented.findall(start))
    best, other = sorted(scores, key=scores.__getitem__, reverse=True)
    if best in languages and scores[best] >= 2 and scores[best] > 2 * scores[other]:
        return TextLanguage(best, recognised=True)
    return TextLanguage(languages[0], recognised=False)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Words, French elisions and accents: compiled only when a text's language is guessed."""
    return (
        re.compile(r"[^\W\d_]+"),
        re.compile(r"\b(?:l|d|n|c|j|s|qu|m|t)['’](?=[^\W\d_])", re.IGNORECASE),
        re.compile(r"[éèêàçùûôîïëœ«»]", re.IGNORECASE),
    )


def check_text(
    org: Organisation,
    channel: str,
    text: str,
    *,
    lang: str,
    kind: str | None = None,
    title: str | None = None,
) -> RenderedChannel:
    """``text`` measured for ``channel`` and linted by the organisation's tone rules.

    Forbidden phrases always count; required elements only when the message ``kind`` is known.
    """
    if lang not in org.languages:
        raise UsageError(
            f"language {lang!r} is not one of the organisation's ({', '.join(org.languages)})"
        )
    spec = channel_spec(org, channel)
    if title is not None and not spec.has_title:
        raise UsageError(f"{spec.label} has no title; --title is for push and email")
    measurement = measure(spec, text, title, lang)
    tone = ToneLinter(org.tone, lang).lint(text, kind=kind, channel=channel, title=title)
    return RenderedChannel(
        channel,
        lang,
        kind=kind,
        text=text,
        title=title,
        measurement=measurement,
        findings=(*measurement.findings, *tone),
    )


def load_organisation(home: Home) -> Organisation:
    """The organisation file alone, checked: ``check`` must work even while a scenario file is
    being edited (or broken) in the middle of a crisis."""

    # No scenario file has an empty name, so only the organisation file is read.
    playbook, problems = read_home(home, only="")
    if playbook is not None:
        problems += check_organisation(playbook.organisation, playbook.organisation_doc)
    if problems or playbook is None:
        raise PlaybookInvalid(problems)
    return playbook.organisation
