"""A fact with no value (not known yet) leaves a condition undecided, unless it tests for it."""

from __future__ import annotations

import pytest

from crisisplay.conditions import holds, known_values


@pytest.mark.parametrize(
    ("source", "variables", "expected"),
    [
        ("share >= 50", {}, None),
        ("share >= 50 or media", {"media": True}, None),
        ("share is not defined", {}, True),
        ("share is not defined", {"share": 10}, False),
        ("share is defined and share >= 50", {}, False),
        ("share is defined and share >= 50", {"share": 60}, True),
        ("(share is defined and share >= 50) or media", {"media": True}, True),
        ("share is not defined or share >= 50", {"share": 10}, False),
        ("(share is defined and share >= 50) or media", {}, None),
    ],
)
def test_a_condition_may_test_whether_a_fact_is_known(
    source: str, variables: dict[str, object], expected: bool | None
) -> None:
    assert holds(source, variables) is expected


def test_a_fact_with_no_value_is_absent_from_conditions() -> None:
    assert known_values({"eta": None, "share": 0, "cause": ""}) == {"share": 0, "cause": ""}
