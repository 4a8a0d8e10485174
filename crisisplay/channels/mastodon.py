"""Mastodon's post length: grapheme clusters, with links and remote mentions discounted.

Source: mastodon/mastodon ``app/validators/status_length_validator.rb`` (read for its rules
only): the text is counted with ``each_grapheme_cluster`` after every URL that has a protocol
becomes 23 characters (``URL_PLACEHOLDER_CHARS``) and every ``@user@server`` becomes ``@user``.
The mention pattern follows ``Account::MENTION_RE`` in ``app/models/account.rb``.
"""

from __future__ import annotations

import re

from crisisplay.channels.graphemes import grapheme_count
from crisisplay.channels.urls import shorten_urls

URL_PLACEHOLDER_CHARS = 23  # status_length_validator.rb

_MENTION = re.compile(
    r"(?<![=/\w])@(?P<user>[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\w.-]+\w+)?", re.IGNORECASE
)


def countable_text(text: str, url_length: int) -> str:
    """The text Mastodon measures: URLs as placeholders, mentions without their server."""
    return _MENTION.sub(r"@\g<user>", shorten_urls(text, url_length))


def mastodon_length(text: str, url_length: int) -> int:
    """How many characters Mastodon's composer counts for ``text``."""
    return grapheme_count(countable_text(text, url_length))
