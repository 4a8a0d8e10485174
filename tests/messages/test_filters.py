"""The filters written for crisis texts, through a real template."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.messages.limits import RenderLimits
from crisisplay.messages.run import run_template
from crisisplay.messages.sandbox import MessageEnvironment


def _render(tmp_path: Path, source: str, **variables: object) -> str:
    (tmp_path / "t.j2").write_text(source, encoding="utf-8")
    return run_template(MessageEnvironment(tmp_path), "t.j2", variables, RenderLimits())


@pytest.mark.parametrize(
    ("minutes", "lang", "style", "expected"),
    [
        (150, "fr", "long", "2 h 30"),
        (150, "en", "long", "2 h 30 min"),
        (150, "fr", "short", "2h30"),
        (180, "fr", "long", "3 h"),
        (45, "en", "long", "45 min"),
        (1560, "fr", "long", "1 j 2 h"),
    ],
)
def test_duration(tmp_path: Path, minutes: int, lang: str, style: str, expected: str) -> None:
    assert _render(tmp_path, "{{ m|duration(s) }}", m=minutes, s=style, lang=lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [("14:30", "fr", "14h30"), ("09:00", "fr", "9h"), ("09:05", "en", "09:05")],
)
def test_clock(tmp_path: Path, value: str, lang: str, expected: str) -> None:
    assert _render(tmp_path, "{{ v|clock }}", v=value, lang=lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(2300, "fr", "2 300"), (2300, "en", "2,300"), (12.5, "fr", "12,5"), (12.5, "en", "12.5")],
)
def test_number(tmp_path: Path, value: float, lang: str, expected: str) -> None:
    assert _render(tmp_path, "{{ v|number }}", v=value, lang=lang) == expected


def test_and_list_and_choice_labels(tmp_path: Path) -> None:
    choices = {"services": {"voice": "Appels", "sms": "SMS", "data": "Internet mobile"}}
    source = "{{ ids|and_list }} / {{ ids|choice_labels('services', lower=true) }}"
    assert _render(tmp_path, source, ids=["voice", "sms", "data"], choices=choices, lang="fr") == (
        "voice, sms et data / appels, SMS et internet mobile"
    )


def test_upper_first_leaves_acronyms_alone(tmp_path: Path) -> None:
    assert _render(tmp_path, "{{ 'appels et SMS'|upper_first }}") == "Appels et SMS"


def test_choice_labels_of_an_unknown_fact_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="not a choice fact"):
        _render(tmp_path, "{{ ['a']|choice_labels('nope') }}", choices={}, lang="fr")


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2026-12-01", "fr", "1er décembre 2026"),
        ("2026-12-02", "fr", "2 décembre 2026"),
        ("2026-12-01", "en", "1 December 2026"),
    ],
)
def test_long_date_says_the_first_of_the_month_as_french_does(
    tmp_path: Path, value: str, lang: str, expected: str
) -> None:
    assert _render(tmp_path, "{{ v|long_date }}", v=value, lang=lang) == expected


def test_day_time_says_1er_once(tmp_path: Path) -> None:
    said = _render(tmp_path, "{{ v|day_time }}", v="2026-12-01T03:17", lang="fr")
    assert said == "1er décembre 2026 à 3h17"
