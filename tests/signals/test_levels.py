"""Levels against the usual: two usual weeks stay at veille, an outage morning at four times the
usual reaches alerte or crise within its first hour and proposes the next step; one test per
trigger (the ratio, an influencer, words)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crisisplay.playbook.model import Listening
from crisisplay.signals.levels import crossings, readings
from crisisplay.signals.rows import utc_text
from tests.conftest import Cli
from tests.signals.data import (
    CALLS_SHAPE,
    MENTIONS_SHAPE,
    OUTAGE,
    PARIS,
    counts_csv,
    hourly,
)

UNTIL = OUTAGE + timedelta(hours=3)


def _rows(shape: tuple[int, ...], surge: float = 4.0) -> list[tuple[str, str, str, str, str, str]]:
    return [(utc_text(m), str(c), "", "", "", "") for m, c in hourly(shape, UNTIL, surge)]


def test_usual_weeks_stay_at_veille_and_the_outage_reaches_alerte_in_its_first_hour() -> None:
    found = readings("mentions", _rows(MENTIONS_SHAPE), Listening(), PARIS)
    usual = [r for r in found if r.time < OUTAGE]
    assert len(usual) == 14 * 24 + 7
    assert {r.level for r in usual} == {"veille"}
    first_hour = next(r for r in found if r.time == OUTAGE)
    assert first_hour.level in ("alerte", "crise")
    assert first_hour.reasons[0][0] == "ratio"
    assert crossings(found)[0][1].time == OUTAGE


def test_the_baseline_is_the_same_hour_of_the_same_weekday_in_past_weeks() -> None:
    found = readings("mentions", _rows(MENTIONS_SHAPE), Listening(), PARIS)
    by_time = {r.time: r for r in found}
    hour = OUTAGE
    earlier = [by_time[hour - timedelta(weeks=k)].count for k in (1, 2)]
    assert by_time[hour].baseline == pytest.approx(sum(earlier) / 2, abs=0.05)


def test_calls_tripling_reach_alerte() -> None:
    found = readings("calls", _rows(CALLS_SHAPE, 3.0), Listening(), PARIS)
    assert {r.level for r in found if r.time < OUTAGE} == {"veille"}
    assert next(r for r in found if r.time == OUTAGE + timedelta(hours=1)).level == "alerte"


def test_a_ratio_under_the_floor_does_not_count() -> None:
    night = datetime(2026, 11, 23, 3, tzinfo=PARIS)
    rows = [(utc_text(night - timedelta(weeks=1)), "20", "", "", "", "")]
    rows.append((utc_text(night), "150", "", "", "", ""))  # 7.5x, but under 200 an hour
    found = readings("mentions", rows, Listening(), PARIS)
    assert found[-1].ratio == 7.5
    assert found[-1].level == "veille"
    assert found[-1].below_floor


def _mention(at: datetime, author: str, audience: int, text: str) -> tuple[str, ...]:
    return (utc_text(at), "", author, str(audience), text, "")


def test_an_influencer_taking_up_the_subject_raises_the_level() -> None:
    at = datetime(2026, 11, 23, 10, 5, tzinfo=PARIS)
    quiet = [_mention(at, f"@user{i}", 300, "plus de réseau chez Onde ?") for i in range(5)]
    assert readings("mentions", quiet, Listening(), PARIS)[-1].level == "veille"
    loud = [*quiet, _mention(at, "@techreporter", 250_000, "Onde Mobile en panne partout")]
    reading = readings("mentions", loud, Listening(), PARIS)[-1]
    assert reading.level == "alerte"
    assert ("influencer", "@techreporter (250000)") in reading.reasons


def test_watched_words_raise_the_level() -> None:
    at = datetime(2026, 11, 23, 10, 5, tzinfo=PARIS)
    rows = [_mention(at, "@a", 50, "Quel SCANDALE, je résilie"), _mention(at, "@b", 10, "ok")]
    reading = readings("mentions", rows, Listening(), PARIS)[-1]
    assert reading.level == "vigilance"
    assert reading.reasons == (("words", "scandale"),)
    # a word inside another word is not the word
    rows = [_mention(at, "@a", 50, "scandaleusement lent, appel au 1120")]
    assert readings("mentions", rows, Listening(), PARIS)[-1].level == "veille"


def test_add_prints_the_crossing_and_the_proposed_command(
    cli: Cli, home_copy: Path, tmp_path: Path
) -> None:
    export = tmp_path / "mentions.csv"
    export.write_text(counts_csv(MENTIONS_SHAPE, UNTIL), encoding="utf-8")
    ran = cli("signals", "add", str(export), "--kind", "mentions", "--lang", "en", home=home_copy)
    assert ran.exit_code == 0, ran.stderr
    assert "2026-11-23 07:00 mentions: veille -> " in ran.stdout
    assert "next step proposed: crisisplay activate nationwide-outage" in ran.stdout
    shown = cli("signals", "show", "--hours", "0", "--format", "json", home=home_copy)
    table = json.loads(shown.stdout)
    assert set(table[0]) == {"time", "kind", "count", "baseline", "ratio", "level", "reason"}
    before = [row for row in table if datetime.fromisoformat(row["time"]) < OUTAGE]
    assert {row["level"] for row in before} == {"veille"}
    first = next(row for row in table if datetime.fromisoformat(row["time"]) == OUTAGE)
    assert first["level"] in ("alerte", "crise")
    assert first["time"] == "2026-11-23T07:00:00+01:00"


def test_show_says_when_there_is_no_signal(cli: Cli, home_copy: Path) -> None:
    ran = cli("signals", "show", "--lang", "en", home=home_copy)
    assert ran.exit_code == 0
    assert "no signal" in ran.stdout
    assert json.loads(cli("signals", "show", "-f", "json", home=home_copy).stdout) == []


def test_readings_are_in_utc_hours() -> None:
    rows = [(utc_text(datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)), "5", "", "", "", "")]
    assert readings("calls", rows, Listening(), PARIS)[0].time == datetime(
        2026, 11, 23, 9, tzinfo=timezone.utc
    )
