"""URLs the way X finds them: a port of twitter-text's ``extractUrlsWithIndices``.

Source: twitter/twitter-text 3.x (Apache-2.0), ``js/src/extractUrlsWithIndices.js`` and
``js/src/lib/idna.js``; the regular expressions are in ``url_patterns``. X shortens every URL it
finds to a t.co link of fixed weight, so finding exactly the same URLs is what makes the count
exact. Offsets here are code points, where twitter-text uses UTF-16 units; both are consistent
within their own language, so the resulting lengths agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crisisplay.channels.url_patterns import (
    INVALID_BEFORE_BARE_DOMAIN,
    LABEL_SEPARATORS,
    NON_ASCII,
    TOKEN,
    ascii_domain,
    extract_url,
    has_tld_after_dot,
    tco_url,
)

# Limits from extractUrlsWithIndices.js and idna.js.
_MAX_URL_LENGTH = 4096  # UTF-16 units, protocol included
_MAX_TCO_SLUG_LENGTH = 40
_MAX_DOMAIN_LABEL_LENGTH = 63  # RFC 1035, after punycode
_DEFAULT_PROTOCOL = "https://"


_PROTOCOL = re.compile("https?://", re.IGNORECASE)


@dataclass(frozen=True)
class UrlSpan:
    """A URL X would shorten: ``text[start:end]`` (code points, end exclusive)."""

    start: int
    end: int


def extract_urls(text: str, *, without_protocol: bool = True) -> tuple[UrlSpan, ...]:
    """The URLs in ``text``; bare domains (``www.example.com``) too unless told otherwise."""
    # twitter-text's shortcut: no URL without a dot; and none with a protocol without one.
    if "." not in text or not (without_protocol or _PROTOCOL.search(text)):
        return ()
    found: list[UrlSpan] = []
    for token in TOKEN.finditer(text):
        start, end = token.span()
        if not has_tld_after_dot(token[0]):
            continue
        # Start on the space before the token: it is the URL's "preceding character".
        for match in extract_url().finditer(text, max(start - 1, 0), end):
            found.extend(_urls_in_match(match, without_protocol))
    return tuple(found)


def _urls_in_match(match: re.Match[str], without_protocol: bool) -> list[UrlSpan]:
    url, domain = match["url"], match["domain"]
    protocol = match["protocol"] or ""
    if not _is_valid_url(url, protocol or _DEFAULT_PROTOCOL, domain):
        return []
    start = match.start("url")
    if protocol:
        return _url_with_protocol(url, start)
    if not without_protocol or INVALID_BEFORE_BARE_DOMAIN.search(match["before"]):
        return []
    return _bare_domains(url, start, domain, has_path=bool(match["path"]))


def _url_with_protocol(url: str, start: int) -> list[UrlSpan]:
    # A t.co link keeps only its slug and query: what follows is not part of the link.
    tco = tco_url().match(url)
    if tco:
        if len(tco[1]) > _MAX_TCO_SLUG_LENGTH:
            return []
        url = tco[0]
    return [UrlSpan(start, start + len(url))]


def _bare_domains(url: str, start: int, domain: str, *, has_path: bool) -> list[UrlSpan]:
    # Without a protocol only ASCII domains count; the path goes with the last one found.
    spans = [UrlSpan(start + m.start(), start + m.end()) for m in ascii_domain().finditer(domain)]
    if spans and has_path:
        last = spans[-1]
        url_length = len(url) - len(domain) + (last.end - last.start)
        spans[-1] = UrlSpan(last.start, last.start + url_length)
    return spans


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    if not _domain_is_valid(domain):
        return False
    return len(protocol) + _utf16_length(url) <= _MAX_URL_LENGTH


def _domain_is_valid(domain: str) -> bool:
    """idna.toAscii: every label must be 1 to 63 characters once punycode-encoded."""
    if domain.startswith("xn--") and not ascii_domain().search(domain):
        return False  # a punycode domain cannot hold non-ASCII characters
    labels = domain.split(".")
    return all(1 <= _punycode_length(label) <= _MAX_DOMAIN_LABEL_LENGTH for label in labels)


def _punycode_length(label: str) -> int:
    """Length of punycode.js ``toASCII(label)``: non-ASCII pieces become ``xn--`` + RFC 3492."""
    pieces = LABEL_SEPARATORS.split(label)
    encoded = [
        4 + len(piece.encode("punycode")) if NON_ASCII.search(piece) else len(piece)
        for piece in pieces
    ]
    return sum(encoded) + len(pieces) - 1


def _utf16_length(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def shorten_urls(text: str, length: int) -> str:
    """``text`` with each URL that has a protocol replaced by ``length`` placeholder characters.

    This is how Mastodon (and any channel given a ``url_length``) counts links: the platform
    shows or stores a short form, so the long address does not eat the budget.
    """
    pieces: list[str] = []
    position = 0
    for url in extract_urls(text, without_protocol=False):
        pieces.extend((text[position : url.start], "x" * length))
        position = url.end
    pieces.append(text[position:])
    return "".join(pieces)
