"""The channel catalogue and organisation overrides."""

from __future__ import annotations

import pytest

from crisisplay.channels import CATALOGUE, OVERRIDABLE_FIELDS, ChannelSpec, spec_for
from crisisplay.errors import InputError

CHANNEL_IDS = [
    "x",
    "bluesky",
    "mastodon",
    "facebook",
    "instagram",
    "linkedin",
    "sms",
    "push",
    "email",
    "status-page",
    "ivr",
    "internal",
    "press",
    "faq",
    "agent-script",
]


def test_the_catalogue_holds_exactly_the_documented_channels() -> None:
    assert list(CATALOGUE) == CHANNEL_IDS
    assert all(CATALOGUE[channel].id == channel for channel in CHANNEL_IDS)


@pytest.mark.parametrize(
    ("channel", "unit", "limit", "warn_after"),
    [
        ("x", "weighted", 280, None),
        ("bluesky", "graphemes", 300, None),
        ("mastodon", "graphemes", 500, None),
        ("facebook", "characters", 63206, 477),
        ("instagram", "characters", 2200, 125),
        ("linkedin", "characters", 3000, 210),
        ("push", "characters", None, 178),
    ],
)
def test_published_limits(
    channel: str, unit: str, limit: int | None, warn_after: int | None
) -> None:
    spec = CATALOGUE[channel]
    assert (spec.unit, spec.limit, spec.warn_after) == (unit, limit, warn_after)


def test_titles_urls_parts_and_speech() -> None:
    assert (CATALOGUE["x"].url_length, CATALOGUE["mastodon"].url_length) == (23, 23)
    assert CATALOGUE["sms"].max_parts == 3
    email, push = CATALOGUE["email"], CATALOGUE["push"]
    assert (email.has_title, email.title_limit, email.title_warn_after) == (True, 998, 50)
    assert (push.has_title, push.title_limit, push.title_warn_after) == (True, None, 50)
    ivr = CATALOGUE["ivr"]
    assert (ivr.unit, ivr.words_per_minute, ivr.max_seconds) == ("seconds", 150, 60)


def test_only_internal_channels_are_private() -> None:
    private = {channel for channel, spec in CATALOGUE.items() if not spec.public}
    assert private == {"internal", "agent-script"}


def test_overridable_fields_are_the_int_fields() -> None:
    int_fields = {
        name
        for name, field in ChannelSpec.__dataclass_fields__.items()
        if field.type == "int | None"
    }
    assert int_fields == OVERRIDABLE_FIELDS


def test_overrides_apply_without_touching_the_catalogue() -> None:
    spec = spec_for("linkedin", {"warn_after": 150, "limit": 2000})
    assert (spec.warn_after, spec.limit) == (150, 2000)
    assert CATALOGUE["linkedin"].warn_after == 210
    assert spec_for("linkedin") is CATALOGUE["linkedin"]


def test_unknown_channel_suggests_the_closest() -> None:
    with pytest.raises(InputError) as raised:
        spec_for("linkdin")
    assert raised.value.message == "unknown channel 'linkdin'; did you mean 'linkedin'?"


def test_twitter_finds_x_through_its_label() -> None:
    with pytest.raises(InputError) as raised:
        spec_for("twitter")
    assert raised.value.message == "unknown channel 'twitter'; did you mean 'x'?"


def test_unknown_channel_without_a_close_match_lists_them_all() -> None:
    with pytest.raises(InputError) as raised:
        spec_for("carrier-pigeon")
    assert raised.value.message == "unknown channel 'carrier-pigeon'; known channels: " + ", ".join(
        CHANNEL_IDS
    )


def test_unknown_field_suggests_the_closest() -> None:
    with pytest.raises(InputError) as raised:
        spec_for("linkedin", {"warn_afer": 200})
    assert raised.value.message == (
        "channel 'linkedin': 'warn_afer' cannot be overridden; did you mean 'warn_after'?"
    )
    assert raised.value.hint is not None
    assert raised.value.hint.startswith("overridable: limit, max_parts")


def test_a_field_that_is_not_a_number_cannot_be_overridden() -> None:
    with pytest.raises(InputError, match="'unit' cannot be overridden"):
        spec_for("x", {"unit": 1})


@pytest.mark.parametrize("value", [0, -5, True, "280", 2.5])
def test_override_values_must_be_positive_whole_numbers(value: object) -> None:
    with pytest.raises(InputError) as raised:
        spec_for("x", {"limit": value})  # type: ignore[dict-item]
    assert raised.value.message == (
        f"channel 'x': limit must be a whole number of at least 1, got {value!r}"
    )


@pytest.mark.parametrize(
    ("channel", "field"),
    [("x", "max_parts"), ("linkedin", "title_limit"), ("sms", "max_seconds"), ("ivr", "limit")],
)
def test_overrides_that_would_do_nothing_are_refused(channel: str, field: str) -> None:
    with pytest.raises(InputError, match=f"{field} does not apply to"):
        spec_for(channel, {field: 10})
