"""The channel catalogue and exact counters: X weighted length, SMS parts, graphemes, speech.

Pure code: nothing here prints or reads files. ``measure(spec_for("sms"), text)`` is the usual
entry point; the counters are exported for tests and for tools that need one number.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crisisplay.channels.catalogue import (
        CATALOGUE,
        OVERRIDABLE_FIELDS,
        ChannelSpec,
        Unit,
        spec_for,
    )
    from crisisplay.channels.graphemes import grapheme_count
    from crisisplay.channels.gsm import gsm_replacement, is_gsm, suggest_gsm
    from crisisplay.channels.mastodon import mastodon_length
    from crisisplay.channels.measurement import Measurement, measure
    from crisisplay.channels.sms import Encoding, NonGsmChar, SmsSplit, split_sms
    from crisisplay.channels.speech import speaking_seconds, word_count
    from crisisplay.channels.twitter import (
        CONFIG_V2,
        CONFIG_V3,
        ParsedTweet,
        TwitterConfig,
        WeightRange,
        parse_tweet,
    )
    from crisisplay.channels.urls import UrlSpan, extract_urls

# Imported on first use: checking a playbook needs the catalogue, not the URL and emoji
# machinery that counting a post needs.
_EXPORTS = {
    "catalogue": ("CATALOGUE", "OVERRIDABLE_FIELDS", "ChannelSpec", "Unit", "spec_for"),
    "graphemes": ("grapheme_count",),
    "gsm": ("gsm_replacement", "is_gsm", "suggest_gsm"),
    "mastodon": ("mastodon_length",),
    "measurement": ("Measurement", "measure"),
    "sms": ("Encoding", "NonGsmChar", "SmsSplit", "split_sms"),
    "speech": ("speaking_seconds", "word_count"),
    "twitter": (
        "CONFIG_V2",
        "CONFIG_V3",
        "ParsedTweet",
        "TwitterConfig",
        "WeightRange",
        "parse_tweet",
    ),
    "urls": ("UrlSpan", "extract_urls"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'crisisplay.channels' has no attribute {name!r}")
    return getattr(importlib.import_module(f"crisisplay.channels.{module}"), name)


__all__ = [
    "CATALOGUE",
    "CONFIG_V2",
    "CONFIG_V3",
    "OVERRIDABLE_FIELDS",
    "ChannelSpec",
    "Encoding",
    "Measurement",
    "NonGsmChar",
    "ParsedTweet",
    "SmsSplit",
    "TwitterConfig",
    "Unit",
    "UrlSpan",
    "WeightRange",
    "extract_urls",
    "grapheme_count",
    "gsm_replacement",
    "is_gsm",
    "mastodon_length",
    "measure",
    "parse_tweet",
    "speaking_seconds",
    "spec_for",
    "split_sms",
    "suggest_gsm",
    "word_count",
]
