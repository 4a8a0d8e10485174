"""How a built-in tone rule is written down (``rules_fr``, ``rules_en``)."""

from __future__ import annotations

from dataclasses import dataclass

from crisisplay.findings import Level

# The kinds where saying "all is well" or promising a time hurts: while the crisis is running.
WHILE_RUNNING = (
    "holding", "update", "faq", "agent-script", "ivr", "press-statement", "executive-statement",
    "reply",
)  # fmt: skip
# Jargon is fine between engineers (internal brief) and in the script agents read from.
PUBLIC = (
    "holding", "update", "resolution", "compensation", "faq", "ivr", "press-statement",
    "breach-notice", "executive-statement", "reply", "recontact", "survey",
)  # fmt: skip


@dataclass(frozen=True)
class RuleSpec:
    """One built-in rule of one language.

    ``patterns`` are in the language of ``crisisplay.tone.patterns``; a match is dropped when
    one of ``unless`` matches in its sentence up to its end ("a été rétabli à 15h10" is past),
    or one of ``unless_after`` matches the words right after it ("sans gravité pour vos
    données" is a fact about data, not a judgement of the disruption).
    ``negatable``: a match under a negation it does not contain is dropped ("nous ne pouvons
    pas garantir"; ``crisisplay.tone.negation``), except a match of ``polar``: patterns whose
    words are a negation themselves ("aucune raison de s'alarmer", "no need to panic").
    ``timed``: a match whose times are all times the cell validated is not reported.
    ``needs_kind``: only for a message of one of ``kinds`` (not for a text checked by hand).
    The rule's label and hint are in the interface texts (``finding.rule.ID``,
    ``finding.hint.ID``). When the organisation file has a forbidden rule with the same id, its
    level, hint and kinds are used instead of these.
    """

    id: str
    patterns: tuple[str, ...]
    level: Level = "error"
    kinds: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    unless_after: tuple[str, ...] = ()
    negatable: bool = False
    polar: tuple[str, ...] = ()
    timed: bool = False
    needs_kind: bool = False
