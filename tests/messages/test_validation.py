"""`crisisplay validate` checks templates: present, renderable, within limits, well worded."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.checks.home import validate_home
from crisisplay.home import Home
from crisisplay.messages.validation import check_templates
from crisisplay.playbook.load import load_playbook
from tests.conftest import ROOT, Cli
from tests.messages.conftest import write_template


def _problems(home: Path) -> list[str]:
    return [str(p) for p in check_templates(load_playbook(Home(home)))]


@pytest.fixture
def tmp_home(home_copy: Path) -> Path:
    """A copy of the bundled home with nationwide-outage as its only scenario."""
    for path in (home_copy / "playbooks/scenarios").glob("*.yaml"):
        if path.stem != "nationwide-outage":
            path.unlink()
    return home_copy


def test_the_bundled_home_has_no_template_problem() -> None:
    assert _problems(ROOT) == []


def test_a_missing_template_points_at_the_scenario_channel_line(tmp_home: Path) -> None:
    (tmp_home / "templates/nationwide-outage/holding/sms.en.j2").unlink()
    [problem] = _problems(tmp_home)
    assert problem.startswith("playbooks/scenarios/nationwide-outage.yaml:")
    assert "messages[2].channels[6]" in problem
    assert "missing template templates/nationwide-outage/holding/sms.en.j2" in problem


def test_an_undefined_variable_points_at_the_template_line(tmp_home: Path) -> None:
    write_template(tmp_home, "nationwide-outage/ivr/ivr.en.j2", "Hello.\n\n{{ region }}\n")
    [problem] = _problems(tmp_home)
    assert problem.startswith("templates/nationwide-outage/ivr/ivr.en.j2:3: unknown variable")


def test_a_lint_error_points_at_the_line_that_says_it(tmp_home: Path) -> None:
    write_template(
        tmp_home,
        "nationwide-outage/faq/faq.en.j2",
        "Questions\n\nIs it serious?\nNo, a minor issue.\n",
    )
    problems = _problems(tmp_home)
    assert problems == [
        "templates/nationwide-outage/faq/faq.en.j2:4: faq on faq (en) with the sample facts: "
        'minimising: "minor issue": minimising (Give the scope the NOC validated, without playing '
        "it down.)"
    ]


def test_a_limit_that_only_the_drill_marker_breaks_is_reported(tmp_home: Path) -> None:
    write_template(
        tmp_home,
        "nationwide-outage/holding/x.en.j2",
        "Sorry. Next update 11:00 https://status.example.com " + "a" * 220,
    )
    [problem] = _problems(tmp_home)
    assert "holding on x (en, as a drill)" in problem and "x.length" in problem


def test_a_syntax_error_in_an_unused_template_is_found(tmp_home: Path) -> None:
    write_template(tmp_home, "_shared/unused.j2", "line\n{% if %}\n")
    [problem] = _problems(tmp_home)
    assert problem.startswith("templates/_shared/unused.j2:2: template error")


def test_validate_home_includes_template_problems_and_the_cli_exits_1(
    tmp_home: Path, cli: Cli
) -> None:
    (tmp_home / "templates/nationwide-outage/ivr/ivr.fr.j2").unlink()
    assert any("ivr.fr.j2" in p.message for p in validate_home(Home(tmp_home)))
    ran = cli("validate", "--format", "json", home=tmp_home)
    assert ran.exit_code == 1 and "missing template templates/nationwide-outage/ivr" in ran.stdout
