"""The regular expressions of twitter-text's URL extractor, rebuilt for Python's ``re``.

Source: twitter/twitter-text 3.x (Apache-2.0), ``js/src/regexp/``: each constant below names
the file it comes from. JavaScript's ``$`` (without the m flag) is ``\\Z`` here, and the
``i`` flag is ``re.IGNORECASE``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from crisisplay.channels.tlds import COUNTRY_TLDS, GENERIC_TLDS

# Character groups (regexp/punct.js, spacesGroup.js, invalidCharsGroup.js,
# directionalMarkersGroup.js, latinAccentChars.js, cyrillicLettersAndMarks.js), written to sit
# inside a [...] class.
_PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]\^_{|}~$"
_SPACES = "\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"


def trie_alternation(names: tuple[str, ...]) -> str:
    """``names`` as one regex that shares common prefixes, preferring the longer name.

    twitter-text writes ``name1|name2|...``, which Python tries one by one at every
    backtracking point: over 1,500 names made a run of dotted words take minutes. A trie
    matches the same strings; it prefers the longer of two names that both match, as
    twitter-text's order does (every TLD comes after its longer extensions: tested).
    """
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    if "" in node:  # greedy "?": try the longer names first, then stop here
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# validDomainChars, validSubdomain, validDomainName, validGTLD/validCCTLD, validPunycode,
# validDomain.
_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_SUBDOMAIN = rf"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\.)"
_DOMAIN_NAME = rf"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\.)"
_TLD_END = r"(?=[^0-9a-zA-Z@+-]|\Z)"
# Placeholders for the two TLD alternations: building them (over 1,500 names) waits until a
# pattern that holds them is compiled (see _compile).
_GTLD = "\x00GTLD\x00"
_CCTLD = "\x00CCTLD\x00"
_PUNYCODE = r"(?:xn--[\-0-9a-z]+)"
_DOMAIN = rf"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}(?:{_GTLD}|{_CCTLD}|{_PUNYCODE}))"

# validGeneralUrlPathChars, validUrlBalancedParens, validUrlPathEndingChars, validUrlPath,
# validUrlQueryChars, validUrlQueryEndingChars.
_PATH_CHAR = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN_ACCENTS}]"
_PARENS = rf"\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\({_PATH_CHAR}+\){_PATH_CHAR}*))\)"
_PATH_END = rf"(?:[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{_PARENS}))"
_PATH = rf"(?:(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"

# validUrlPrecedingChars and extractUrl.
_PRECEDING = rf"(?:[^A-Za-z0-9@＠$#＃{_INVALID}]|[{_DIRECTIONAL}]|^)"
_EXTRACT_URL = (
    rf"(?P<before>{_PRECEDING})"
    rf"(?P<url>(?P<protocol>https?://)?(?P<domain>{_DOMAIN})(?::[0-9]+)?"
    rf"(?P<path>/{_PATH}*)?(?:\?{_QUERY_CHAR}*{_QUERY_END})?)"
)
# validAsciiDomain and validTcoUrl.
_ASCII_DOMAIN = rf"(?:(?:[\-a-z0-9{_LATIN_ACCENTS}]+)\.)+(?:{_GTLD}|{_CCTLD}|{_PUNYCODE})"
_TCO_URL = rf"^https?://t\.co/([a-z0-9]+)(?:\?{_QUERY_CHAR}*{_QUERY_END})?"


# No part of a URL (protocol, domain, path, query) can hold a space of spacesGroup, so the
# extractor can run on each space-free token, from the space before it, and find the same URLs.
# Every URL also has a dot right before its TLD: a token without one is skipped. Both keep the
# extractor's backtracking, quadratic on long runs of dotted words as in twitter-text itself,
# to the few tokens that may hold a URL.
TOKEN = re.compile(f"[^{_SPACES}]+")
_TLD_AFTER_DOT = rf"\.(?:{_GTLD}|{_CCTLD}|{_PUNYCODE})"


# Each pattern is compiled on first use, on its own: every one carries the TLD alternations and
# takes some 25 ms to compile, which a text without a URL candidate should not pay.
@cache
def _tld_alternations() -> tuple[str, str]:
    generic = rf"(?:{trie_alternation(GENERIC_TLDS)}{_TLD_END})"
    country = rf"(?:{trie_alternation(COUNTRY_TLDS)}{_TLD_END})"
    return generic, country


def _compile(pattern: str) -> re.Pattern[str]:
    generic, country = _tld_alternations()
    return re.compile(pattern.replace(_GTLD, generic).replace(_CCTLD, country), re.IGNORECASE)


@cache
def extract_url() -> re.Pattern[str]:
    return _compile(_EXTRACT_URL)


@cache
def ascii_domain() -> re.Pattern[str]:
    return _compile(_ASCII_DOMAIN)


@cache
def tco_url() -> re.Pattern[str]:
    return _compile(_TCO_URL)


@cache
def _tld_after_dot() -> re.Pattern[str]:
    return _compile(_TLD_AFTER_DOT)


_TLDS = frozenset(GENERIC_TLDS) | frozenset(COUNTRY_TLDS)
_LONGEST_TLD = max(len(name) for name in _TLDS)
_ASCII_LABEL_RUN = re.compile(r"[0-9a-zA-Z@+-]+")
_PUNYCODE_CHAR = re.compile(r"[\-0-9a-z]")


def has_tld_after_dot(token: str) -> bool:
    """Whether a dot in ``token`` is followed by a TLD (or punycode), as ``_TLD_AFTER_DOT``.

    A TLD must end where the run of ``[0-9a-zA-Z@+-]`` after the dot ends (``_TLD_END``), so
    for an ASCII label the only candidate is that whole run: one set lookup per dot, and the
    runs never overlap, so the whole token is read in linear time. A label with any other
    character goes to the regex, whose case-insensitive matching of non-Latin TLDs is the
    reference.
    """
    dot = token.find(".")
    while dot >= 0:
        label = token[dot + 1 : dot + 2 + _LONGEST_TLD]
        if not label.isascii():
            return _tld_after_dot().search(token) is not None
        lowered = label.lower()
        if lowered.startswith("xn--") and _PUNYCODE_CHAR.match(lowered, 4):  # validPunycode
            return True
        run = _ASCII_LABEL_RUN.match(token, dot + 1)
        if run is not None and len(run[0]) <= _LONGEST_TLD and run[0].lower() in _TLDS:
            return True
        dot = token.find(".", dot + 1)
    return False


# invalidUrlWithoutProtocolPrecedingChars.
INVALID_BEFORE_BARE_DOMAIN = re.compile(r"[-_./]\Z")
# punycode.js: the label separators it accepts, and what it leaves unencoded.
LABEL_SEPARATORS = re.compile("[\x2e\u3002\uff0e\uff61]")
NON_ASCII = re.compile("[^\x00-\x7f]")
