"""A `date` fact holds a day of the calendar: checked as one, written as one, empty while the
day is not fixed yet."""

from __future__ import annotations

import datetime

import pytest

from crisisplay.home import Home
from crisisplay.incident.questions import parse_fact
from crisisplay.playbook.facts import coerce
from crisisplay.playbook.load import Playbook, load_playbook
from crisisplay.playbook.model import Fact
from crisisplay.playbook.types import LocalText
from tests.conftest import ROOT, Cli

DAY = Fact("refund_date", "date", LocalText({"en": "When?"}), required=False)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("2026-03-16", "2026-03-16"),
        (" 16/03/2026 ", "2026-03-16"),
        ("1.4.2026", "2026-04-01"),
        (datetime.date(2026, 3, 16), "2026-03-16"),  # YAML's unquoted day
        ("2028-02-29", "2028-02-29"),
    ],
)
def test_a_day_is_kept_in_one_form(typed: object, kept: str) -> None:
    assert coerce(DAY, typed) == kept


@pytest.mark.parametrize(
    "typed", ["2026-02-31", "2026-04-31", "2027-02-29", "31/04/2026", "2026-3-16", "demain", "16h"]
)
def test_a_day_that_is_not_on_the_calendar_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="not a day of the calendar"):
        coerce(DAY, typed)


def test_a_day_and_time_is_not_a_day() -> None:
    with pytest.raises(ValueError, match="not a date and time"):
        coerce(DAY, datetime.datetime(2026, 3, 16, 10, 0))


def test_an_empty_answer_means_not_fixed_yet_and_conditions_can_test_it() -> None:
    assert parse_fact(DAY, "fr", "") == ""
    assert parse_fact(DAY, "fr", None) == ""


def test_the_bundled_gesture_dates_are_days() -> None:
    bundled: Playbook = load_playbook(Home(ROOT))
    for scenario_id, fact_id in (
        ("nationwide-outage", "gesture_date"),
        ("local-outage", "gesture_date"),
        ("billing-incident", "gesture_date"),
        ("billing-incident", "refund_date"),
        ("cyberattack", "gesture_date"),
    ):
        [fact] = [f for f in bundled.scenario(scenario_id).facts if f.id == fact_id]
        assert fact.type == "date", (scenario_id, fact_id)


def test_render_refuses_a_day_that_does_not_exist_naming_the_fact(cli: Cli) -> None:
    ran = cli("render", "local-outage", "compensation", "--sample", "--channel", "sms",
              "--set", "gesture_date=2026-02-31")  # fmt: skip
    assert ran.exit_code == 2
    assert "--set gesture_date: fact 'gesture_date': '2026-02-31' is not a day" in ran.stderr
    ran = cli("render", "local-outage", "compensation", "--sample", "--channel", "sms",
              "--set", "gesture_date=16/03/2026", "--format", "json")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert "16 mars 2026" in ran.stdout
