"""The channels a crisis cell writes for, with the limits each one imposes.

Every number carries its source. Hard limits (the platform refuses the text) become errors; soft
thresholds (the text is folded, truncated on a lock screen, or simply too long to be read in a
crisis) become warnings. An organisation may override the numbers in its playbook home through
``spec_for``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

from crisisplay.errors import InputError, UsageError
from crisisplay.suggest import closest

Unit = Literal["weighted", "graphemes", "characters", "seconds"]
# How far a rendered text may go typographically on the channel (see
# ``crisisplay.messages.typography``): "rich" is full French typography (narrow no-break
# spaces, curly apostrophes, ligatures); "rich-nbsp" the same with the no-break space U+00A0
# wherever "rich" puts the narrow U+202F; "gsm" keeps to the GSM-7 alphabet; "as-written"
# leaves the text as the template wrote it.
Typography = Literal["rich", "rich-nbsp", "gsm", "as-written"]


@dataclass(frozen=True)
class ChannelSpec:
    """What one channel allows. ``None`` means the channel has no such constraint."""

    id: str
    label: str
    unit: Unit
    limit: int | None = None
    warn_after: int | None = None
    url_length: int | None = None
    max_parts: int | None = None
    title_limit: int | None = None
    title_warn_after: int | None = None
    words_per_minute: int | None = None
    max_seconds: int | None = None
    has_title: bool = False
    public: bool = True
    typography: Typography = "rich"


# The int fields an organisation may change; everything else defines what the channel *is*.
OVERRIDABLE_FIELDS: frozenset[str] = frozenset(
    {
        "limit",
        "warn_after",
        "url_length",
        "max_parts",
        "title_limit",
        "title_warn_after",
        "words_per_minute",
        "max_seconds",
    }
)

_SPECS = (
    # twitter-text config/v3.json: maxWeightedTweetLength 280, transformedURLLength 23. U+202F
    # is outside every range of weight 1 (it weighs 2) while U+00A0 weighs 1: "rich-nbsp" keeps
    # the weighted length equal to the character count the templates fit their text to.
    ChannelSpec("x", "X (Twitter)", "weighted", limit=280, url_length=23, typography="rich-nbsp"),
    # AT Protocol lexicon app.bsky.feed.post: text maxGraphemes 300 (and maxLength 3000 bytes,
    # checked in measure).
    ChannelSpec("bluesky", "Bluesky", "graphemes", limit=300),
    # Mastodon app/validators/status_length_validator.rb: 500 by default, counted in grapheme
    # clusters, each URL as 23 (URL_PLACEHOLDER_CHARS) and @user@server as @user.
    ChannelSpec("mastodon", "Mastodon", "graphemes", limit=500, url_length=23),
    # Facebook's post limit is 63,206 characters; the desktop feed folds a post behind
    # "See more" at about 477 characters (widely measured; Meta publishes no figure).
    ChannelSpec("facebook", "Facebook", "characters", limit=63206, warn_after=477),
    # Meta Graph API, IG Media "caption": 2,200 characters at most; the feed shows about the
    # first 125 before "more" (widely measured; no official figure).
    ChannelSpec("instagram", "Instagram", "characters", limit=2200, warn_after=125),
    # LinkedIn Help "character limits": 3,000 for a post; the feed folds at about 210
    # characters behind "see more" (widely measured; no official figure).
    ChannelSpec("linkedin", "LinkedIn", "characters", limit=3000, warn_after=210),
    # 3GPP TS 23.038 (GSM 7-bit alphabet) and TS 23.040 (concatenation): the part sizes live
    # in sms.py; 3 parts is this project's default ceiling for a crisis SMS.
    # Any character outside GSM-7 (a no-break space, ’, œ...) turns the whole SMS into UCS-2,
    # 70 characters a part instead of 160: "gsm" typography.
    ChannelSpec("sms", "SMS", "characters", max_parts=3, typography="gsm"),
    # iOS lock screen shows about 50 characters of title and 4 lines (about 178 characters)
    # of body (Batch push guide: "iOS displays up to 180 characters ... over 4 lines");
    # Android shows less when collapsed. Truncation is not refusal: warnings only.
    ChannelSpec(
        "push",
        "Push notification",
        "characters",
        warn_after=178,
        title_warn_after=50,
        has_title=True,
    ),
    # RFC 5322 section 2.1.1: a line MUST be no more than 998 characters, so a longer
    # subject needs folding that many clients mishandle; inboxes show about 50.
    ChannelSpec(
        "email",
        "Email",
        "characters",
        title_limit=998,
        title_warn_after=50,
        has_title=True,
    ),
    # House rule: a status-page update or banner is read at a glance (about 80 words).
    ChannelSpec("status-page", "Status page", "characters", warn_after=500),
    # Speaking rate of 150 words per minute (typical conversational English rate, used by
    # broadcasters as a planning figure); callers hang up on long messages: 60 s maximum.
    ChannelSpec(
        "ivr",
        "IVR message",
        "seconds",
        words_per_minute=150,
        max_seconds=60,
        # Read aloud by a voice: typography is not heard, and a speech engine may stumble on it.
        typography="as-written",
    ),
    ChannelSpec("internal", "Internal briefing", "characters", public=False),
    # House rule: a holding statement fits on one page (about 500 words).
    ChannelSpec("press", "Press statement", "characters", warn_after=3000),
    ChannelSpec("faq", "FAQ", "characters"),
    ChannelSpec("agent-script", "Agent script", "characters", public=False),
)

CATALOGUE: Mapping[str, ChannelSpec] = MappingProxyType({spec.id: spec for spec in _SPECS})


def spec_for(channel_id: str, overrides: Mapping[str, int] | None = None) -> ChannelSpec:
    """The spec of ``channel_id`` with the organisation's ``overrides`` applied."""
    spec = CATALOGUE.get(channel_id)
    if spec is None:
        raise InputError(f"unknown channel {channel_id!r}{_suggest_channel(channel_id)}")
    if not overrides:
        return spec
    for field, value in overrides.items():
        _check_override(spec, field, value)
    changes: dict[str, Any] = dict(overrides)  # checked above: int fields only
    return dataclasses.replace(spec, **changes)


def resolve_channel(name: str) -> str:
    """The catalogue id a person meant by ``name``: any case (``X``, ``SMS``), else a
    ``UsageError`` suggesting the closest channel (``twitter`` finds ``x`` by its label)."""
    wanted = name.strip().lower()
    if wanted in CATALOGUE:
        return wanted
    raise UsageError(f"unknown channel {name!r}{_suggest_channel(wanted)}")


def _check_override(spec: ChannelSpec, field: str, value: object) -> None:
    if field not in OVERRIDABLE_FIELDS:
        raise InputError(
            f"channel {spec.id!r}: {field!r} cannot be overridden"
            f"{_did_you_mean(field, OVERRIDABLE_FIELDS)}",
            hint="overridable: " + ", ".join(sorted(OVERRIDABLE_FIELDS)),
        )
    if not _applies(spec, field):
        raise InputError(f"channel {spec.id!r}: {field} does not apply to {spec.label}")
    # bool is an int in Python; a YAML `true` here is a mistake, not a limit of 1.
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(
            f"channel {spec.id!r}: {field} must be a whole number of at least 1, got {value!r}"
        )


def _applies(spec: ChannelSpec, field: str) -> bool:
    """Refuse overrides that would silently do nothing (a max_parts for X, say)."""
    if field in ("title_limit", "title_warn_after"):
        return spec.has_title
    if field == "max_parts":
        return spec.id == "sms"
    spoken = spec.unit == "seconds"
    if field in ("words_per_minute", "max_seconds"):
        return spoken
    return not spoken


def _suggest_channel(name: str) -> str:
    # Match labels too, so that "twitter" finds "x" through "X (Twitter)".
    candidates = {spec.id: spec.id for spec in _SPECS}
    candidates.update({spec.label.lower(): spec.id for spec in _SPECS})
    close = closest(name.lower(), candidates)
    if close:
        return f"; did you mean {candidates[close]!r}?"
    return "; known channels: " + ", ".join(spec.id for spec in _SPECS)


def _did_you_mean(name: str, choices: frozenset[str]) -> str:
    close = closest(name, sorted(choices))
    return f"; did you mean {close!r}?" if close else ""
