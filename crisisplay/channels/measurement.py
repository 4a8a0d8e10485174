"""Measure a message against its channel: length in the channel's own unit, and findings."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from crisisplay.channels import rules
from crisisplay.channels.catalogue import ChannelSpec, Unit
from crisisplay.channels.graphemes import grapheme_count, grapheme_starts
from crisisplay.channels.mastodon import URL_PLACEHOLDER_CHARS, countable_text
from crisisplay.channels.sms import Encoding, NonGsmChar, SmsSplit, split_sms
from crisisplay.channels.speech import speaking_seconds, word_count
from crisisplay.channels.twitter import CONFIG_V3, TwitterConfig, invalid_characters, parse_tweet
from crisisplay.channels.urls import shorten_urls
from crisisplay.findings import Finding
from crisisplay.textsafe import hidden_chars

# AT Protocol lexicon app.bsky.feed.post: text maxLength 3000, counted in UTF-8 bytes.
BLUESKY_MAX_BYTES = 3000
# Firebase Cloud Messaging refuses a message over 4,000 bytes (APNs allows 4,096): title and
# body alone past that cannot be delivered, whatever else the payload carries.
PUSH_MAX_PAYLOAD_BYTES = 4000
DEFAULT_WORDS_PER_MINUTE = 150


@dataclass(frozen=True)
class Measurement:
    """A message measured for one channel. ``length`` and ``limit`` are in ``unit``."""

    channel: str
    unit: Unit
    length: int
    limit: int | None
    findings: tuple[Finding, ...]
    title_length: int | None = None
    sms: SmsSplit | None = None

    @property
    def ok(self) -> bool:
        """True when nothing would stop the message going out (warnings allowed)."""
        return not any(finding.is_error for finding in self.findings)

    @property
    def encoding(self) -> Encoding | None:
        return self.sms.encoding if self.sms else None

    @property
    def parts(self) -> tuple[str, ...] | None:
        return self.sms.parts if self.sms else None

    @property
    def non_gsm_chars(self) -> tuple[NonGsmChar, ...]:
        return self.sms.non_gsm_chars if self.sms else ()

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "channel": self.channel,
            "unit": self.unit,
            "length": self.length,
            "limit": self.limit,
            "ok": self.ok,
            "findings": [finding.as_json() for finding in self.findings],
        }
        if self.title_length is not None:
            out["title_length"] = self.title_length
        if self.sms is not None:
            out["encoding"] = self.sms.encoding
            out["parts"] = self.sms.part_count
            out["units"] = self.sms.units
            out["non_gsm_chars"] = [c.char for c in self.sms.non_gsm_chars]
        return out


def measure(
    spec: ChannelSpec, body: str, title: str | None = None, lang: str = "en"
) -> Measurement:
    """Measure ``body`` (and the push title or email subject) against ``spec``; the findings
    are worded in ``lang``, the language of the text."""
    if spec.unit == "seconds":
        length, limit, findings = _measure_spoken(spec, body, lang)
    else:
        length, limit = _body_length(spec, body), spec.limit
        findings = _threshold_findings(spec, body, length, lang)
    findings += _channel_findings(spec, body, title, lang)
    findings += rules.hidden_characters(hidden_chars(body), lang)
    sms = split_sms(body) if spec.id == "sms" else None
    if sms is not None:
        findings += rules.sms_findings(sms, spec.max_parts, lang)
    if title is not None and spec.has_title:
        findings += rules.title_findings(spec, title, lang)
    title_length = len(title) if title is not None else None
    return Measurement(spec.id, spec.unit, length, limit, tuple(findings), title_length, sms)


def _body_length(spec: ChannelSpec, body: str) -> int:
    if spec.unit == "weighted":
        return parse_tweet(body, _x_config(spec, spec.limit)).weighted_length
    countable = _countable(spec, body)
    return grapheme_count(countable) if spec.unit == "graphemes" else len(countable)


def _countable(spec: ChannelSpec, body: str) -> str:
    """The text as the platform counts it: links (and Mastodon mentions) shortened."""
    if spec.id == "mastodon":
        return countable_text(body, spec.url_length or URL_PLACEHOLDER_CHARS)
    if spec.url_length is not None:
        return shorten_urls(body, spec.url_length)
    return body


def _x_config(spec: ChannelSpec, max_length: int | None) -> TwitterConfig:
    return dataclasses.replace(
        CONFIG_V3,
        max_weighted_length=max_length or CONFIG_V3.max_weighted_length,
        transformed_url_length=spec.url_length or CONFIG_V3.transformed_url_length,
    )


def _threshold_findings(spec: ChannelSpec, body: str, length: int, lang: str) -> list[Finding]:
    if spec.limit is not None and length > spec.limit:
        span = _span_after(spec, body, spec.limit)
        return [rules.over_limit(spec, length, spec.limit, span, lang)]
    if spec.warn_after is not None and length > spec.warn_after:
        span = _span_after(spec, body, spec.warn_after)
        return [rules.past_warning(spec, length, spec.warn_after, span, lang)]
    return []


def _span_after(spec: ChannelSpec, body: str, count: int) -> rules.Span:
    """The part of ``body`` past ``count`` units, when offsets map back to the body."""
    start = _offset_after(spec, body, count)
    return (start, len(body)) if start is not None and start < len(body) else rules.NO_SPAN


def _offset_after(spec: ChannelSpec, body: str, count: int) -> int | None:
    if spec.unit == "weighted":
        # Offsets of the normalised text only match the body when it was already NFC.
        if not unicodedata.is_normalized("NFC", body):
            return None
        return parse_tweet(body, _x_config(spec, count)).fits
    if _countable(spec, body) != body:
        return None  # shortened links shift every later offset
    if spec.unit == "graphemes":
        starts = grapheme_starts(body)
        return starts[count] if count < len(starts) else None
    return count


def _measure_spoken(
    spec: ChannelSpec, body: str, lang: str
) -> tuple[int, int | None, list[Finding]]:
    wpm = spec.words_per_minute or DEFAULT_WORDS_PER_MINUTE
    seconds = speaking_seconds(body, wpm)
    if spec.max_seconds is None or seconds <= spec.max_seconds:
        return seconds, spec.max_seconds, []
    found = rules.ivr_too_long(spec, seconds, word_count(body), wpm, lang)
    return seconds, spec.max_seconds, [found]


def _channel_findings(spec: ChannelSpec, body: str, title: str | None, lang: str) -> list[Finding]:
    """Hard limits particular to one platform, beyond its length."""
    if spec.id == "x":
        return rules.x_invalid_characters(invalid_characters(body), lang)
    if spec.id == "bluesky":
        return _byte_cap(body, BLUESKY_MAX_BYTES, rules.bluesky_too_many_bytes, lang)
    if spec.id == "push":
        payload = (title or "") + body
        return _byte_cap(payload, PUSH_MAX_PAYLOAD_BYTES, rules.push_payload_too_big, lang)
    return []


def _byte_cap(
    text: str, limit: int, finding: Callable[[int, int, str], Finding], lang: str
) -> list[Finding]:
    size = len(text.encode("utf-8", "surrogatepass"))
    return [finding(size, limit, lang)] if size > limit else []
