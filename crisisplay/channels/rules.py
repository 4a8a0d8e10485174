"""The findings a channel's limits produce, with their wording.

Rule ids are ``<channel>.<rule>``. Over a hard limit is an error (the platform refuses or
breaks the text); past a soft threshold is a warning (the text is folded or truncated).
Messages are one plain sentence with the numbers; hints say what to do.
"""

from __future__ import annotations

import unicodedata

from crisisplay.channels.catalogue import ChannelSpec
from crisisplay.channels.sms import SINGLE_PART_UNITS, SmsSplit
from crisisplay.findings import Finding

# Feeds that fold a long post behind "see more", and the wording of each fold.
_FOLDS = {"facebook": '"See more"', "instagram": '"more"', "linkedin": '"see more"'}
_RFC5322_HINT = "RFC 5322 section 2.1.1 caps a header line at 998 characters."
# Past this many, characters outside GSM-7 are listed in one finding instead of one each.
MAX_UCS2_FINDINGS = 10

# Where in the body a finding points: code-point offsets, or (None, None) for the whole text.
Span = tuple[int | None, int | None]
NO_SPAN: Span = (None, None)


def over_limit(spec: ChannelSpec, length: int, limit: int, span: Span) -> Finding:
    unit = "weighted character" if spec.unit == "weighted" else "character"
    return Finding(
        f"{spec.id}.length",
        "error",
        f"{length:,}/{limit:,} {unit}s ({_limit_note(spec)})",
        *span,
        hint=f"Cut {_count(length - limit, unit)}.",
    )


def _limit_note(spec: ChannelSpec) -> str:
    if spec.id == "x":
        return f"X counts URLs as {spec.url_length}, emoji as 2"
    if spec.id == "bluesky":
        return "Bluesky counts graphemes: an emoji or an accented letter is 1"
    if spec.id == "mastodon":
        return f"Mastodon counts URLs as {spec.url_length}, @user@server as @user"
    return f"the {spec.label} limit"


def past_warning(spec: ChannelSpec, length: int, warn_after: int, span: Span) -> Finding:
    if spec.id in _FOLDS:
        return Finding(
            f"{spec.id}.fold",
            "warning",
            f"{spec.label} shows about {warn_after:,} characters before {_FOLDS[spec.id]};"
            f" this text has {length:,}",
            *span,
            hint=f"Put the key facts in the first {warn_after:,} characters.",
        )
    if spec.id == "push":
        return Finding(
            "push.body-length",
            "warning",
            f"{length:,} characters: lock screens show about {warn_after:,} of a push body",
            *span,
            hint="Say what the customer must know first.",
        )
    return Finding(
        f"{spec.id}.long",
        "warning",
        f"{length:,} characters: longer than the {warn_after:,} suggested for the {spec.label}",
        *span,
    )


def title_findings(spec: ChannelSpec, title: str) -> list[Finding]:
    """Subject (email) or title (push) length; spans are left out as they are not body offsets."""
    name, rule = ("Subject", "subject-length") if spec.id == "email" else ("Title", "title-length")
    length = len(title)
    if spec.title_limit is not None and length > spec.title_limit:
        hint = _RFC5322_HINT if spec.id == "email" else None
        message = f"{name} of {length:,}/{spec.title_limit:,} characters"
        return [Finding(f"{spec.id}.{rule}", "error", message, hint=hint)]
    if spec.title_warn_after is not None and length > spec.title_warn_after:
        where = "inboxes" if spec.id == "email" else "lock screens"
        message = f"{name} of {length:,} characters: {where} show about {spec.title_warn_after:,}"
        return [Finding(f"{spec.id}.{rule}", "warning", message)]
    return []


def ivr_too_long(spec: ChannelSpec, seconds: int, words: int, wpm: int) -> Finding:
    max_seconds = spec.max_seconds or 0
    extra_words = words - max_seconds * wpm // 60
    return Finding(
        "ivr.duration",
        "error",
        f"About {seconds} s when read at {wpm} words per minute ({words:,} words);"
        f" the limit is {max_seconds} s",
        hint=f"Cut about {_count(extra_words, 'word')}.",
    )


_MAX_HIDDEN_FINDINGS = 20


def x_invalid_characters(found: list[tuple[int, str]]) -> list[Finding]:
    return [
        Finding(
            "x.invalid-char",
            "error",
            f"X refuses posts containing {_describe(char)}",
            index,
            index + 1,
            hint="Remove it (it is invisible).",
        )
        for index, char in found
    ]


def hidden_characters(found: list[tuple[int, str]]) -> list[Finding]:
    """Invisible, control and bidi characters: whatever the channel, nobody can proofread them
    and they can make the text read differently from what was approved."""
    from crisisplay.textsafe import describe_char

    return [
        Finding(
            "text.hidden-char",
            "error",
            f"{describe_char(char)} is invisible or changes how the text around it reads",
            index,
            index + 1,
            hint="Remove it: retype the text around it if it was pasted.",
        )
        for index, char in found[:_MAX_HIDDEN_FINDINGS]
    ]


def bluesky_too_many_bytes(size: int, limit: int) -> Finding:
    return Finding(
        "bluesky.bytes",
        "error",
        f"{size:,}/{limit:,} bytes of UTF-8 (Bluesky also caps a post's size in bytes)",
        hint="Long emoji sequences and non-Latin letters take several bytes each.",
    )


def push_payload_too_big(size: int, limit: int) -> Finding:
    return Finding(
        "push.payload",
        "error",
        f"Title and body take {size:,} bytes; push services refuse more than {limit:,}",
    )


def sms_findings(split: SmsSplit, max_parts: int | None) -> list[Finding]:
    findings = _ucs2_findings(split)
    if max_parts is not None and split.part_count > max_parts:
        findings.insert(0, _too_many_parts(split, max_parts))
    return findings


def _too_many_parts(split: SmsSplit, max_parts: int) -> Finding:
    unit = "septets" if split.encoding == "GSM-7" else "UTF-16 code units"
    fixable = split.non_gsm_chars and all(c.replacement is not None for c in split.non_gsm_chars)
    hint = "Shorten the message."
    if fixable:
        hint = "Replace the characters flagged by sms.ucs2 to send GSM-7, or shorten the message."
    return Finding(
        "sms.parts",
        "error",
        f"{split.part_count} SMS parts, over the maximum of {max_parts}:"
        f" {split.units:,} {unit} in {split.encoding}, {split.units_per_part} per part",
        hint=hint,
    )


def _ucs2_findings(split: SmsSplit) -> list[Finding]:
    shown = split.non_gsm_chars[:MAX_UCS2_FINDINGS]
    findings = [
        Finding(
            "sms.ucs2",
            "warning",
            f"{_describe(c.char)} is not in the GSM-7 alphabet: the SMS goes out as UCS-2,"
            f" {SINGLE_PART_UNITS['UCS-2']} characters per SMS instead of"
            f" {SINGLE_PART_UNITS['GSM-7']}",
            c.first_index,
            c.first_index + 1,
            hint=_replacement_hint(c.replacement),
        )
        for c in shown
    ]
    rest = split.non_gsm_chars[MAX_UCS2_FINDINGS:]
    if rest:
        listed = " ".join(_describe(c.char) for c in rest)
        verb = "is" if len(rest) == 1 else "are"
        message = (
            f"{_count(len(rest), 'more character')} {verb} not in the GSM-7 alphabet: {listed}"
        )
        findings.append(Finding("sms.ucs2", "warning", message))
    return findings


def _replacement_hint(replacement: str | None) -> str:
    if replacement is None:
        return "It has no GSM-7 look-alike: rephrase without it, or accept UCS-2."
    if replacement == "":
        return "Remove it (it is invisible)."
    if replacement == " ":
        return "Write a plain space instead."
    return f"Write {replacement} instead."


def _describe(char: str) -> str:
    """``’ (U+2019 right single quotation mark)``: the code names invisible characters too."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "").lower()
    label = f"{code} {name}" if name else code
    visible = char.isprintable() and not char.isspace() and unicodedata.category(char) != "Cf"
    return f"{char} ({label})" if visible else label


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
