"""The GSM 7-bit alphabet and the look-alikes suggested for French text."""

from __future__ import annotations

import pytest

from crisisplay.channels import gsm_replacement, is_gsm, suggest_gsm
from crisisplay.channels.gsm import _BASIC_TABLE, GSM_BASIC, GSM_EXTENSION, gsm_septets, septets


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


# Codes from the table of 3GPP TS 23.038 section 6.2.1, read there rather than from our table.
@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("@", b"\x00"),
        ("£", b"\x01"),
        ("è", b"\x04"),
        ("é", b"\x05"),
        ("Ç", b"\x09"),
        ("\n", b"\x0a"),
        ("\r", b"\x0d"),
        ("Δ", b"\x10"),
        ("_", b"\x11"),
        ("É", b"\x1f"),
        (" ", b"\x20"),
        ("¤", b"\x24"),
        ("¡", b"\x40"),
        ("A", b"\x41"),
        ("§", b"\x5f"),
        ("¿", b"\x60"),
        ("a", b"\x61"),
        ("à", b"\x7f"),
        ("\f", b"\x1b\x0a"),
        ("^", b"\x1b\x14"),
        ("{", b"\x1b\x28"),
        ("}", b"\x1b\x29"),
        ("\\", b"\x1b\x2f"),
        ("[", b"\x1b\x3c"),
        ("~", b"\x1b\x3d"),
        ("]", b"\x1b\x3e"),
        ("|", b"\x1b\x40"),
        ("€", b"\x1b\x65"),
    ],
)
def test_septet_codes(char: str, code: bytes) -> None:
    assert gsm_septets(char) == code


def test_every_basic_character_has_its_own_code_and_costs_what_it_is_counted() -> None:
    codes = [gsm_septets(char) for char in sorted(GSM_BASIC | GSM_EXTENSION)]
    assert len(set(codes)) == len(codes)
    for char in GSM_BASIC | GSM_EXTENSION:
        assert len(gsm_septets(char)) == septets(char)
    assert all(octet < 0x80 for code in codes for octet in code)


def test_a_character_outside_the_alphabet_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"U\+2019"):
        gsm_septets("l’incident")
