"""The channel catalogue and exact counters: X weighted length, SMS parts, graphemes, speech.

Pure code: nothing here prints or reads files. ``measure(spec_for("sms"), text)`` is the usual
entry point; the counters are exported for tests and for tools that need one number.
"""

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
from crisisplay.channels.measure import Measurement, measure
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
