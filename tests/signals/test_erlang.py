"""The call centre's load against values computed elsewhere.

- Erlang B and C against the published tables: B(10 erlangs, 10 lines) = 0.2146 and
  C(10 erlangs, 11 agents) = 0.6821, as printed in the classic Erlang tables (e.g. the tables
  of L. Kleinrock, Queueing Systems vol. 1, and any call-centre Erlang C table); the Erlang C
  service level P(W <= t) = 1 - C exp(-(nμ - λ)t).
- Erlang A against ``erlang_reference``, an independent implementation of the integral formulas
  of Mandelbaum and Zeltyn (2005) for the M/M/n+M queue, which are those of Garnett, Mandelbaum
  and Reiman (2002), computed by quadrature: within 1% (they agree far closer).
- Erlang A with a patience so long that nobody hangs up is Erlang C.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from crisisplay.signals.erlang import (
    CallCentre,
    agents_needed,
    erlang_b,
    erlang_c,
    performance,
)
from tests.conftest import Cli
from tests.signals.erlang_reference import measures


def test_erlang_b_and_c_match_the_published_tables() -> None:
    assert erlang_b(10, 10.0) == pytest.approx(0.2146, rel=0.01)
    assert erlang_c(11, 10.0) == pytest.approx(0.6821, rel=0.01)
    assert erlang_c(10, 10.0) == 1.0


CASES = [
    # calls an hour, handling s, patience s, agents, target s
    (1000, 360, 180, 100, 20),  # 100 erlangs, as many agents
    (500, 360, 180, 50, 20),
    (500, 180, 60, 20, 20),  # overloaded: 25 erlangs on 20 agents
    (1500, 360, 180, 140, 20),  # an outage's triple load on a normal staff
    (200, 180, 300, 10, 30),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}calls-{c[3]}agents")
def test_erlang_a_matches_the_reference_within_one_percent(
    case: tuple[float, float, float, int, float],
) -> None:
    calls, handling, patience, agents, target = case
    ours = performance(CallCentre(calls, handling, patience, target), agents)
    wait, abandon, within = measures(calls, handling, patience, agents, target)
    assert ours.waiting == pytest.approx(wait, rel=0.01)
    assert ours.abandoned == pytest.approx(abandon, rel=0.01)
    assert ours.answered_in_time == pytest.approx(within, rel=0.01)


def test_without_abandonment_erlang_a_is_erlang_c() -> None:
    centre = CallCentre(1000, 360, None, 20)
    ours = performance(centre, 110)
    c = erlang_c(110, 100.0)
    assert ours.waiting == pytest.approx(c)
    assert ours.abandoned == 0.0
    speed = 110 / 360 - 1000 / 3600
    assert ours.answered_in_time == pytest.approx(1 - c * math.exp(-speed * 20))
    very_patient = performance(CallCentre(1000, 360, 1e7, 20), 110)
    assert very_patient.waiting == pytest.approx(c, rel=0.01)
    assert very_patient.answered_in_time == pytest.approx(ours.answered_in_time, rel=0.01)


def test_the_agents_needed_are_the_fewest_that_answer_80_percent_in_time() -> None:
    centre = CallCentre(1500, 360, 180, 20)
    needed = agents_needed(centre, 0.8)
    assert performance(centre, needed).answered_in_time >= 0.8
    assert performance(centre, needed - 1).answered_in_time < 0.8
    # callers who hang up free agents: fewer are needed than if everybody waited
    assert needed < agents_needed(CallCentre(1500, 360, None, 20), 0.8)


def test_staffing_for_the_care_liaison(cli: Cli, home_copy: Path) -> None:
    ran = cli("signals", "staffing", "--calls", "900", "--agents", "70", "-f", "json",
              home=home_copy)  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    found = json.loads(ran.stdout)
    centre = CallCentre(900, 360, 180, 20)
    assert found["agents_needed"] == agents_needed(centre, 0.8)
    today = performance(centre, 70)
    assert found["lost_per_hour"] == round(today.abandoned * 900, 1)
    text = cli("signals", "staffing", "--calls", "900", "--agents", "70", "--lang", "en",
               home=home_copy).stdout  # fmt: skip
    assert f"agents needed to answer 80% of calls within 20 s: {found['agents_needed']}" in text
