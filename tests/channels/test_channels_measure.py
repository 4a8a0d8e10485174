"""measure(): each channel's unit, its findings, and the JSON that scripts read."""

from __future__ import annotations

from crisisplay.channels import measure, spec_for
from crisisplay.findings import Finding


def rules_of(findings: tuple[Finding, ...]) -> list[tuple[str, str]]:
    return [(f.rule, f.level) for f in findings]


def test_x_over_280_names_the_counting_rules() -> None:
    body = "x" * 289 + " https://status.example.com/" + "y" * 100
    result = measure(spec_for("x"), body)
    assert (result.length, result.limit, result.unit) == (313, 280, "weighted")
    (finding,) = result.findings
    assert finding.message == "313/280 weighted characters (X counts URLs as 23, emoji as 2)"
    assert finding.hint == "Cut 33 weighted characters."
    assert (finding.start, finding.end) == (280, len(body))
    assert not result.ok


def test_x_within_the_limit_is_ok_and_silent() -> None:
    result = measure(spec_for("x"), "Panne résolue 👍 https://status.example.com/incident/2024")
    assert (result.length, result.findings, result.ok) == (40, (), True)


def test_bluesky_counts_graphemes() -> None:
    result = measure(spec_for("bluesky"), "👨‍👩‍👧‍👦" * 10 + "é")
    assert (result.length, result.unit, result.findings) == (11, "graphemes", ())


def test_bluesky_over_300_graphemes() -> None:
    body = "e\u0301" * 301  # one grapheme each, two code points
    (finding,) = measure(spec_for("bluesky"), body).findings
    assert finding.rule == "bluesky.length"
    assert finding.message == (
        "301/300 characters (Bluesky counts graphemes: an emoji or an accented letter is 1)"
    )
    assert (finding.start, finding.end) == (600, 602)


def test_bluesky_also_caps_bytes() -> None:
    result = measure(spec_for("bluesky"), "👨‍👩‍👧‍👦" * 121)  # 25 bytes each
    assert rules_of(result.findings) == [("bluesky.bytes", "error")]
    assert result.findings[0].message == (
        "3,025/3,000 bytes of UTF-8 (Bluesky also caps a post's size in bytes)"
    )


def test_mastodon_discounts_links_and_remote_mentions() -> None:
    body = "Suivi : https://status.example.com/" + "z" * 80 + " @support@mastodon.example"
    result = measure(spec_for("mastodon"), body)
    assert result.length == len("Suivi : ") + 23 + len(" @support")


def test_linkedin_folds_after_210_characters() -> None:
    body = "Point de situation. " * 12
    result = measure(spec_for("linkedin"), body)
    (finding,) = result.findings
    assert (finding.rule, finding.level, finding.start, finding.end) == (
        "linkedin.fold",
        "warning",
        210,
        240,
    )
    assert (
        finding.message
        == 'LinkedIn shows about 210 characters before "see more"; this text has 240'
    )
    assert result.ok


def test_an_organisation_can_move_the_fold() -> None:
    assert measure(spec_for("linkedin", {"warn_after": 300}), "a" * 240).findings == ()


def test_generic_over_limit_message() -> None:
    (finding,) = measure(spec_for("instagram"), "a" * 2201).findings
    assert (finding.rule, finding.message) == (
        "instagram.length",
        "2,201/2,200 characters (the Instagram limit)",
    )


def test_email_subject_over_998_is_an_error() -> None:
    result = measure(spec_for("email"), "Bonjour,", "S" * 999)
    (finding,) = result.findings
    assert (finding.rule, finding.level) == ("email.subject-length", "error")
    assert finding.message == "Subject of 999/998 characters"
    assert finding.hint == "RFC 5322 section 2.1.1 caps a header line at 998 characters."
    assert result.title_length == 999
    assert not result.ok


def test_email_subject_over_50_is_a_warning() -> None:
    result = measure(
        spec_for("email"),
        "Bonjour,",
        "Incident réseau : point de situation de 14h sur le rétablissement",
    )
    assert rules_of(result.findings) == [("email.subject-length", "warning")]
    assert result.findings[0].message == "Subject of 65 characters: inboxes show about 50"
    assert result.ok


def test_push_title_and_body_truncation_are_warnings() -> None:
    result = measure(spec_for("push"), "b" * 200, "t" * 60)
    assert rules_of(result.findings) == [
        ("push.body-length", "warning"),
        ("push.title-length", "warning"),
    ]
    assert result.ok


def test_push_payload_over_4000_bytes_is_an_error() -> None:
    result = measure(spec_for("push"), "é" * 2001)
    assert ("push.payload", "error") in rules_of(result.findings)


def test_ivr_duration_at_150_words_per_minute() -> None:
    words = " ".join(["mot"] * 150)  # one minute
    assert measure(spec_for("ivr"), words).findings == ()
    result = measure(spec_for("ivr"), words + " encore quelques mots")
    assert (result.length, result.limit, result.unit) == (62, 60, "seconds")
    (finding,) = result.findings
    assert (finding.rule, finding.level) == ("ivr.duration", "error")
    assert finding.message == (
        "About 62 s when read at 150 words per minute (153 words); the limit is 60 s"
    )
    assert finding.hint == "Cut about 3 words."


def test_ivr_words_per_minute_can_be_overridden() -> None:
    words = " ".join(["mot"] * 100)
    assert measure(spec_for("ivr", {"words_per_minute": 90}), words).length == 67


def test_status_page_long_update_warns() -> None:
    (finding,) = measure(spec_for("status-page"), "a" * 501).findings
    assert (finding.rule, finding.level) == ("status-page.long", "warning")


def test_internal_has_no_limit() -> None:
    result = measure(spec_for("internal"), "a" * 100_000)
    assert (result.limit, result.findings) == (None, ())


def test_json_has_the_documented_fields() -> None:
    result = measure(spec_for("sms"), "Réseau rétabli depuis 11h.")
    assert result.as_json() == {
        "channel": "sms",
        "unit": "characters",
        "length": 26,
        "limit": None,
        "ok": True,
        "findings": [],
        "encoding": "GSM-7",
        "parts": 1,
        "units": 26,
        "non_gsm_chars": [],
    }
    x = measure(spec_for("x"), "a" * 281).as_json()
    assert set(x) == {"channel", "unit", "length", "limit", "ok", "findings"}
    assert x["findings"] == [
        {
            "rule": "x.length",
            "level": "error",
            "message": "281/280 weighted characters (X counts URLs as 23, emoji as 2)",
            "start": 280,
            "end": 281,
            "hint": "Cut 1 weighted character.",
        }
    ]
