"""X weighted length: URL detection, the emoji rule and invalid characters, case by case."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisplay.channels import CONFIG_V3, UrlSpan, extract_urls, parse_tweet
from crisisplay.channels.emoji import emoji_spans
from crisisplay.channels.tlds import COUNTRY_TLDS, GENERIC_TLDS
from crisisplay.channels.url_patterns import _tld_after_dot, extract_url, has_tld_after_dot
from crisisplay.channels.urls import _urls_in_match


def urls(text: str, *, without_protocol: bool = True) -> list[str]:
    return [text[u.start : u.end] for u in extract_urls(text, without_protocol=without_protocol)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Suivez https://status.example.com/incident?id=42.",
            ["https://status.example.com/incident?id=42"],
        ),
        ("Infos sur www.orange.fr/reseau.", ["www.orange.fr/reseau"]),
        ("bare domain orange.fr works", ["orange.fr"]),
        (
            "http://fr.wikipedia.org/wiki/Panne_(réseau)).",
            ["http://fr.wikipedia.org/wiki/Panne_(réseau)"],
        ),
        ("no TLD: http://intranet.local/page", []),
        ("a path after a dot: example.com/foo. End", ["example.com/foo"]),
        ("the link keeps its slug only: https://t.co/abc123/more", ["https://t.co/abc123"]),
        ("Voir t.co ou orange.fr", ["t.co", "orange.fr"]),  # 3.x has no short-domain rule
        ("email support@example.com is no link", []),
        ("preceded by a dot .example.com is not a link", []),
        ("HTTPS://EXAMPLE.COM/UPPER", ["HTTPS://EXAMPLE.COM/UPPER"]),
    ],
)
def test_url_detection(text: str, expected: list[str]) -> None:
    assert urls(text) == expected


def test_protocol_only_search_skips_bare_domains() -> None:
    text = "www.example.com and https://example.org/x"
    assert urls(text, without_protocol=False) == ["https://example.org/x"]


def test_a_domain_label_over_63_characters_is_no_url() -> None:
    label = "a" * 64
    assert urls(f"https://{label}.com") == []
    assert urls(f"https://{label[:63]}.com") == [f"https://{label[:63]}.com"]


def test_every_url_weighs_23() -> None:
    short, long = "http://a.co", "https://example.com/" + "x" * 200
    assert parse_tweet(short).weighted_length == 23
    assert parse_tweet(long).weighted_length == 23


@pytest.mark.parametrize(
    ("text", "weight"),
    [
        ("a", 1),
        ("é", 1),
        ("中", 2),
        ("😷", 2),
        ("👨‍👩‍👧‍👦", 2),  # ZWJ family: one emoji
        ("🙋🏽", 2),  # skin tone modifier
        ("🇫🇷", 2),  # flag
        ("1\ufe0f\u20e3", 2),  # keycap
        ("©", 1),  # not an emoji without VS16
        ("©\ufe0f", 2),
        ("☺\ufe0e", 4),  # text presentation: two characters of weight 2
        ("e\u0301", 1),  # NFC makes it one é
    ],
)
def test_weights(text: str, weight: int) -> None:
    assert parse_tweet(text, CONFIG_V3).weighted_length == weight


def test_emoji_spans_are_whole_sequences() -> None:
    text = "ok 👨‍👩‍👧‍👦!"
    assert emoji_spans(text) == {3: 10}


def test_invalid_characters_make_the_post_invalid() -> None:
    assert parse_tweet("ok").valid
    assert not parse_tweet("ok\ufeff").valid
    assert not parse_tweet("").valid  # twitter-text: an empty post is not valid


def test_fits_is_where_the_post_overflows() -> None:
    text = "é" * 300
    assert parse_tweet(text).fits == 280
    assert parse_tweet("中" * 200).fits == 140


def test_permillage_uses_the_configured_maximum() -> None:
    assert parse_tweet("x" * 140).permillage == 500


def test_tld_lists_put_longer_names_first() -> None:
    """The trie prefers the longer of two matching TLDs; twitter-text's order must agree."""
    for names in (GENERIC_TLDS, COUNTRY_TLDS):
        position = {name: index for index, name in enumerate(names)}
        for name in names:
            for cut in range(1, len(name)):
                prefix = name[:cut]
                if prefix in position:
                    assert position[name] < position[prefix], (name, prefix)


def _whole_text_scan(text: str, without_protocol: bool) -> tuple[UrlSpan, ...]:
    """twitter-text's own loop: one pass of the extractor over the whole text."""
    if "." not in text:
        return ()
    found: list[UrlSpan] = []
    for match in extract_url().finditer(text):
        found.extend(_urls_in_match(match, without_protocol))
    return tuple(found)


URL_PIECES = st.sampled_from(
    [
        *("www.", "example", ".com", ".fr", "/path", "?q=1", " ", "\u00a0", "\u3000"),
        *("https://", "t.co/", "a", "中", "-", ".", "(", ")", "@", "\u202a", "’"),
        *("xn--bcher-kva", ".ch", ":80"),
    ]
)


@given(st.lists(URL_PIECES, max_size=14).map("".join), st.booleans())
def test_token_scan_finds_what_a_whole_text_scan_finds(text: str, without_protocol: bool) -> None:
    expected = _whole_text_scan(text, without_protocol)
    assert extract_urls(text, without_protocol=without_protocol) == expected


def test_long_dotted_runs_stay_fast() -> None:
    started = time.perf_counter()
    assert parse_tweet("a." * 5000 + " voir x.com").weighted_length == 10006 + 23
    assert time.perf_counter() - started < 2


TLD_PIECES = st.sampled_from(
    [
        *(".", "com", "co", "fr", "fra", "xn--p1ai", "xn--", "rf", "-", "@", "+", "1", "a", "é"),
        *("COM", "Fr", "рф", "中国", "ß", "İ", "k", "/", "_", "example", "onde-mobile"),
    ]
)


@given(st.lists(TLD_PIECES, max_size=10).map("".join))
def test_the_quick_tld_check_agrees_with_the_regex(token: str) -> None:
    # The set-based check stands in front of twitter-text's TLD alternation: it must accept
    # exactly the tokens the regex accepts.
    assert has_tld_after_dot(token) == (_tld_after_dot().search(token) is not None)
