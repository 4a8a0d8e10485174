"""The GSM 7-bit alphabet and the look-alikes suggested for French text."""

from __future__ import annotations

import pytest

from crisisplay.channels import gsm_replacement, is_gsm, suggest_gsm
from crisisplay.channels.gsm import _BASIC_TABLE, GSM_BASIC, GSM_EXTENSION, septets


def test_the_basic_table_has_128_positions() -> None:
    assert len(_BASIC_TABLE) == 128
    assert _BASIC_TABLE[0x1B] == "\x1b"
    assert len(GSM_BASIC) == 127  # the escape is not a sendable character
    assert len(GSM_EXTENSION) == 10


@pytest.mark.parametrize("char", list("éèàùìòÉÇ@£$¥ØøÅåÆæßÄÖÑÜäöñü¿¡§¤ΔΦΓΛΩΠΨΣΘΞ"))
def test_in_the_basic_table(char: str) -> None:
    assert septets(char) == 1


@pytest.mark.parametrize("char", list("çêâîôûëïœŒÀÈÊÂÎÔÛËÏÙ`’«»…–—\u00a0\u202f\t"))
def test_not_in_gsm(char: str) -> None:
    assert not is_gsm(char)
    assert septets(char) == 0


@pytest.mark.parametrize("char", list("€{}[]~^|\\\f"))
def test_extension_characters_cost_two_septets(char: str) -> None:
    assert septets(char) == 2


@pytest.mark.parametrize(
    ("char", "replacement"),
    [
        ("’", "'"),
        ("‘", "'"),
        ("«", '"'),
        ("»", '"'),
        ("“", '"'),
        ("”", '"'),
        ("\u00a0", " "),
        ("\u202f", " "),
        ("…", "..."),
        ("–", "-"),
        ("—", "-"),
        ("œ", "oe"),
        ("Œ", "OE"),
        ("ç", "c"),
        ("ê", "e"),
        ("â", "a"),
        ("î", "i"),
        ("ô", "o"),
        ("û", "u"),
        ("ë", "e"),
        ("ï", "i"),
        ("À", "A"),
        ("È", "E"),
        ("\u200b", ""),
        ("é", "é"),  # already GSM: kept
        ("🐳", None),
        ("中", None),
    ],
)
def test_replacements(char: str, replacement: str | None) -> None:
    assert gsm_replacement(char) == replacement


def test_every_suggestion_is_gsm() -> None:
    samples = "’‘‚‛′´`“”„‟«»″‹›\u00a0\u202f\u2007\u2009\u3000\t…‐‑‒–—―−•œŒçΩ∆êâîôûëïÀÈÊÙÿﬁ²"
    for char in samples:
        replacement = gsm_replacement(char)
        assert replacement is not None, char
        assert all(is_gsm(c) for c in replacement), char


def test_suggest_gsm_rewrites_french_typography() -> None:
    text = "L’incident est résolu\u00a0: « merci » pour votre patience… Fenêtre — 14h"
    assert (
        suggest_gsm(text)
        == 'L\'incident est résolu : " merci " pour votre patience... Fenetre - 14h'
    )


def test_suggest_gsm_keeps_what_has_no_look_alike() -> None:
    assert suggest_gsm("Réseau 🐳 rétabli") == "Réseau 🐳 rétabli"
