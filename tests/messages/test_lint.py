"""The tone linter: forbidden phrases with spans and hints, required elements, hostile patterns."""

from __future__ import annotations

import time

from crisisplay.messages.lint import ToneLinter
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import ForbiddenRule, RequiredRule, ToneRules
from crisisplay.playbook.types import LocalText


def _linter(bundled: Playbook, lang: str = "fr") -> ToneLinter:
    return ToneLinter(bundled.organisation.tone, lang)


def test_a_forbidden_phrase_is_found_with_its_span_and_hint(bundled: Playbook) -> None:
    text = "Un incident MINEUR touche le réseau."
    findings = _linter(bundled).lint(text)
    [finding] = findings
    assert finding.rule == "minimising" and finding.level == "error"
    # The words of the rule: the size word with what it belittles.
    assert text[finding.start : finding.end] == "incident MINEUR"  # type: ignore[misc]
    assert finding.hint == "Donnez le périmètre validé par le NOC, sans le réduire."


def test_typographic_apostrophes_do_not_hide_a_phrase(bundled: Playbook) -> None:
    text = "Le service reviendra d’ici quelques minutes."
    [finding] = _linter(bundled).lint(text, kind="holding")
    assert finding.rule == "unverifiable-promise"
    span = text[finding.start : finding.end]  # type: ignore[misc]
    assert span == "reviendra d’ici quelques minutes"


def test_forbidden_rules_follow_their_kinds(bundled: Playbook) -> None:
    # "aucun problème" is denial in a holding statement; the rule does not cover resolutions.
    text = "Aucun problème à signaler."
    assert [f.rule for f in _linter(bundled).lint(text, kind="holding", channel="x")].count(
        "denial"
    ) == 1
    assert "denial" not in [f.rule for f in _linter(bundled).lint(text, kind="resolution")]


def test_without_a_kind_every_forbidden_rule_applies_and_nothing_is_required(
    bundled: Playbook,
) -> None:
    findings = _linter(bundled, "en").lint("No problem at all, everything is fine.")
    assert {f.rule for f in findings} == {"denial"}
    assert all(f.start is not None for f in findings)


def test_required_elements_are_reported_once_without_a_span(bundled: Playbook) -> None:
    findings = _linter(bundled, "en").lint("Our network is down.", kind="holding", channel="x")
    rules = {f.rule: f for f in findings}
    assert set(rules) == {"next-update-time", "where-to-follow", "apology"}
    assert rules["apology"].start is None and rules["apology"].hint == "Offer a sincere apology."


def test_required_elements_can_be_in_the_title(bundled: Playbook) -> None:
    findings = _linter(bundled, "en").lint(
        "Next update at 11:00 in the app.", kind="holding", channel="push", title="We are sorry"
    )
    assert findings == []


def test_required_rules_follow_their_channels(bundled: Playbook) -> None:
    # where-to-follow does not apply to the IVR: a caller cannot click a link.
    findings = _linter(bundled, "en").lint(
        "We are sorry. Next update at 11:00.", kind="holding", channel="ivr"
    )
    assert findings == []


def test_a_phrase_in_the_title_or_html_is_quoted_without_a_span(bundled: Playbook) -> None:
    findings = _linter(bundled, "en").lint(
        "text", title="A minor issue", html="<p>A <b>minor</b> glitch &amp; more</p>"
    )
    assert [(f.rule, f.start) for f in findings] == [("minimising", None), ("minimising", None)]
    assert {f.message for f in findings} == {
        '"minor issue" in the title: minimising',
        '"minor glitch" in the HTML part: minimising',
    }


def test_a_catastrophic_pattern_times_out_into_a_warning() -> None:
    rule = ForbiddenRule(
        id="redos",
        patterns={"en": ("(a|aa)+$",)},
        hint=LocalText({"en": "fix it"}),
    )
    linter = ToneLinter(ToneRules(forbidden=(rule,)), "en")
    start = time.monotonic()
    findings = linter.lint("a" * 40 + "!")
    assert time.monotonic() - start < 5
    [finding] = findings
    assert finding.level == "warning" and "catastrophic backtracking" in finding.message


def test_a_pattern_that_does_not_compile_is_a_warning_not_a_crash() -> None:
    rule = RequiredRule(
        id="broken",
        kinds=("holding",),
        patterns={"en": ("(unclosed",)},
        hint=LocalText({"en": "fix it"}),
    )
    findings = ToneLinter(ToneRules(required=(rule,)), "en").lint("x", kind="holding")
    assert [f.level for f in findings] == ["error", "warning"]
    assert "does not compile" in findings[1].message
