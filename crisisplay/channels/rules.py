"""The findings a channel's limits produce, with their wording in the reader's language.

Rule ids are ``<channel>.<rule>``. Over a hard limit is an error (the platform refuses or
breaks the text); past a soft threshold is a warning (the text is folded or truncated).
Messages are one plain sentence with the numbers; hints say what to do. The sentences are the
catalogue's (``crisisplay/texts/*/findings.py``); English unless a language is given.
"""

from __future__ import annotations

import unicodedata

from crisisplay.channels.catalogue import ChannelSpec
from crisisplay.channels.sms import SINGLE_PART_UNITS, SmsSplit
from crisisplay.findings import Finding
from crisisplay.texts import number, t
from crisisplay.textsafe import describe_char

# Feeds that fold a long post behind "see more" (each fold's wording is in the catalogue).
_FOLDS = ("facebook", "instagram", "linkedin")
# Past this many, characters outside GSM-7 are listed in one finding instead of one each.
MAX_UCS2_FINDINGS = 10

# Where in the body a finding points: code-point offsets, or (None, None) for the whole text.
Span = tuple[int | None, int | None]
NO_SPAN: Span = (None, None)


def over_limit(spec: ChannelSpec, length: int, limit: int, span: Span, lang: str = "en") -> Finding:
    unit = "weighted" if spec.unit == "weighted" else "character"
    nouns = t(f"finding.unit.{unit}.many", lang)
    message = t(
        "finding.over_limit",
        lang,
        length=number(length, lang),
        limit=number(limit, lang),
        unit=nouns,
        note=_limit_note(spec, lang),
    )
    hint = t("finding.cut", lang, count=_count(length - limit, unit, lang))
    return Finding(f"{spec.id}.length", "error", message, *span, hint=hint)


def _limit_note(spec: ChannelSpec, lang: str) -> str:
    if spec.id in ("x", "bluesky", "mastodon"):
        return t(f"finding.note.{spec.id}", lang, url_length=spec.url_length)
    return t("finding.note.other", lang, label=spec.label)


def past_warning(
    spec: ChannelSpec, length: int, warn_after: int, span: Span, lang: str = "en"
) -> Finding:
    numbers = {"length": number(length, lang), "warn": number(warn_after, lang)}
    if spec.id in _FOLDS:
        fold = t(f"finding.fold.{spec.id}", lang)
        return Finding(
            f"{spec.id}.fold",
            "warning",
            t("finding.fold", lang, label=spec.label, fold=fold, **numbers),
            *span,
            hint=t("finding.fold_hint", lang, warn=numbers["warn"]),
        )
    if spec.id == "push":
        return Finding(
            "push.body-length",
            "warning",
            t("finding.push_long", lang, **numbers),
            *span,
            hint=t("finding.push_long_hint", lang),
        )
    message = t("finding.long", lang, label=spec.label, **numbers)
    return Finding(f"{spec.id}.long", "warning", message, *span)


def title_findings(spec: ChannelSpec, title: str, lang: str = "en") -> list[Finding]:
    """Subject (email) or title (push) length; spans are left out as they are not body offsets."""
    name, rule = ("subject", "subject-length") if spec.id == "email" else ("title", "title-length")
    length = number(len(title), lang)
    if spec.title_limit is not None and len(title) > spec.title_limit:
        hint = t("finding.rfc5322", lang) if spec.id == "email" else None
        limit = number(spec.title_limit, lang)
        message = t(f"finding.{name}_over", lang, length=length, limit=limit)
        return [Finding(f"{spec.id}.{rule}", "error", message, hint=hint)]
    if spec.title_warn_after is not None and len(title) > spec.title_warn_after:
        warn = number(spec.title_warn_after, lang)
        message = t(f"finding.{name}_long", lang, length=length, warn=warn)
        return [Finding(f"{spec.id}.{rule}", "warning", message)]
    return []


def ivr_too_long(
    spec: ChannelSpec, seconds: int, words: int, wpm: int, lang: str = "en"
) -> Finding:
    max_seconds = spec.max_seconds or 0
    extra_words = words - max_seconds * wpm // 60
    message = t(
        "finding.ivr",
        lang,
        seconds=seconds,
        wpm=wpm,
        words=_count(words, "word", lang),
        max=max_seconds,
    )
    hint = t("finding.cut_about", lang, count=_count(extra_words, "word", lang))
    return Finding("ivr.duration", "error", message, hint=hint)


_MAX_HIDDEN_FINDINGS = 20


def x_invalid_characters(found: list[tuple[int, str]], lang: str = "en") -> list[Finding]:
    return [
        Finding(
            "x.invalid-char",
            "error",
            t("finding.x_invalid", lang, char=_describe(char)),
            index,
            index + 1,
            hint=t("finding.remove_invisible", lang),
        )
        for index, char in found
    ]


def hidden_characters(found: list[tuple[int, str]], lang: str = "en") -> list[Finding]:
    """Invisible, control and bidi characters: whatever the channel, nobody can proofread them
    and they can make the text read differently from what was approved."""

    return [
        Finding(
            "text.hidden-char",
            "error",
            t("finding.hidden", lang, char=describe_char(char)),
            index,
            index + 1,
            hint=t("finding.hidden_hint", lang),
        )
        for index, char in found[:_MAX_HIDDEN_FINDINGS]
    ]


def bluesky_too_many_bytes(size: int, limit: int, lang: str = "en") -> Finding:
    return Finding(
        "bluesky.bytes",
        "error",
        t("finding.bluesky_bytes", lang, size=number(size, lang), limit=number(limit, lang)),
        hint=t("finding.bluesky_bytes_hint", lang),
    )


def push_payload_too_big(size: int, limit: int, lang: str = "en") -> Finding:
    return Finding(
        "push.payload",
        "error",
        t("finding.push_payload", lang, size=number(size, lang), limit=number(limit, lang)),
    )


def sms_findings(split: SmsSplit, max_parts: int | None, lang: str = "en") -> list[Finding]:
    findings = _ucs2_findings(split, lang)
    if max_parts is not None and split.part_count > max_parts:
        findings.insert(0, _too_many_parts(split, max_parts, lang))
    return findings


def _too_many_parts(split: SmsSplit, max_parts: int, lang: str) -> Finding:
    unit = t("finding.unit.septets" if split.encoding == "GSM-7" else "finding.unit.utf16", lang)
    fixable = split.non_gsm_chars and all(c.replacement is not None for c in split.non_gsm_chars)
    message = t(
        "finding.sms_parts",
        lang,
        parts=split.part_count,
        max=max_parts,
        units=number(split.units, lang),
        unit=unit,
        encoding=split.encoding,
        per_part=split.units_per_part,
    )
    hint = t("finding.shorten_or_replace" if fixable else "finding.shorten", lang)
    return Finding("sms.parts", "error", message, hint=hint)


def _ucs2_findings(split: SmsSplit, lang: str) -> list[Finding]:
    shown = split.non_gsm_chars[:MAX_UCS2_FINDINGS]
    units = {"ucs2": SINGLE_PART_UNITS["UCS-2"], "gsm": SINGLE_PART_UNITS["GSM-7"]}
    findings = [
        Finding(
            "sms.ucs2",
            "warning",
            t("finding.ucs2", lang, char=_describe(c.char), **units),
            c.first_index,
            c.first_index + 1,
            hint=_replacement_hint(c.replacement, lang),
        )
        for c in shown
    ]
    rest = split.non_gsm_chars[MAX_UCS2_FINDINGS:]
    if rest:
        listed = " ".join(_describe(c.char) for c in rest)
        key = "finding.ucs2_rest.one" if len(rest) == 1 else "finding.ucs2_rest.many"
        count = _count(len(rest), "more_character", lang)
        findings.append(Finding("sms.ucs2", "warning", t(key, lang, count=count, listed=listed)))
    return findings


def _replacement_hint(replacement: str | None, lang: str) -> str:
    if replacement is None:
        return t("finding.no_lookalike", lang)
    if replacement == "":
        return t("finding.remove_invisible", lang)
    if replacement == " ":
        return t("finding.plain_space", lang)
    return t("finding.write_instead", lang, replacement=replacement)


def _describe(char: str) -> str:
    """``’ (U+2019 right single quotation mark)``: the code names invisible characters too."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "").lower()
    label = f"{code} {name}" if name else code
    visible = char.isprintable() and not char.isspace() and unicodedata.category(char) != "Cf"
    return f"{char} ({label})" if visible else label


def _count(value: int, unit: str, lang: str) -> str:
    """``1 word``, ``3 words``: the number with the catalogue's noun, singular or plural."""
    noun = t(f"finding.unit.{unit}.{'one' if value == 1 else 'many'}", lang)
    return f"{number(value, lang)} {noun}"
