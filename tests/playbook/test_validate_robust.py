"""No playbook, however wrong, makes validation crash: every outcome is a list of problems."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisisplay.checks.home import validate_home
from crisisplay.errors import Problem
from crisisplay.home import Home
from crisisplay.playbook.yamlio import walk

FIXTURE_HOME = Path(__file__).parent / "fixtures" / "home"
TARGETS = ("playbooks/scenarios/minimal.yaml", "playbooks/organisation.yaml")
REPLACEMENTS: list[Any] = [
    None,
    0,
    -1,
    3.5,
    "",
    "x",
    "share >=",
    True,
    [],
    {},
    [1],
    {"a": 1},
    ["x"],
    {"fr": 1},
    "1h",
    "__class__",
]


def _mutate(data: Any, index: int, replacement: Any) -> Any:
    paths = [path for path, _ in walk(data) if path]
    path = paths[index % len(paths)]
    mutated = copy.deepcopy(data)
    parent = mutated
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = replacement
    return mutated


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    target=st.sampled_from(TARGETS),
    index=st.integers(min_value=0, max_value=10_000),
    replacement=st.sampled_from(REPLACEMENTS),
)
def test_mutated_playbooks_give_problems_not_crashes(
    tmp_path_factory: Any, target: str, index: int, replacement: Any
) -> None:
    home = tmp_path_factory.mktemp("home")
    shutil.copytree(FIXTURE_HOME, home, dirs_exist_ok=True)
    data = yaml.safe_load((FIXTURE_HOME / target).read_text(encoding="utf-8"))
    (home / target).write_text(yaml.safe_dump(_mutate(data, index, replacement)), "utf-8")
    problems = validate_home(Home(home))
    assert all(isinstance(p, Problem) and p.location is not None for p in problems)
