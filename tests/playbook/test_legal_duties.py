"""The operator's legal duties in a crisis are in the bundled playbooks: emergency calls checked
by the NOC, the authorities informed after a major outage, the operator's 24-hour breach
notification, and the notice to customers whose bill went to someone else."""

from __future__ import annotations

import pytest

from crisisplay.home import Home
from crisisplay.playbook.load import Playbook, load_playbook
from crisisplay.playbook.model import Scenario, Step
from tests.conftest import ROOT

OUTAGES = ("nationwide-outage", "local-outage")
AUTHORITY_STEPS = {"nationwide-outage": "inform-authorities", "local-outage": "alert-authorities"}


@pytest.fixture(scope="module")
def bundled() -> Playbook:
    return load_playbook(Home(ROOT))


def _step(scenario: Scenario, step_id: str) -> Step:
    found = {step.id: step for _, step in scenario.steps()}
    assert step_id in found, sorted(found)
    return found[step_id]


@pytest.mark.parametrize("scenario_id", OUTAGES)
def test_the_noc_confirms_emergency_calls_in_its_scope_gate(
    bundled: Playbook, scenario_id: str
) -> None:
    scenario = bundled.scenario(scenario_id)
    fact = scenario.fact("emergency_calls_ok")
    assert fact is not None and fact.type == "boolean"
    gate = scenario.gate("noc-scope")
    assert gate is not None and gate.validator == "noc-liaison"
    assert "emergency_calls_ok" in gate.facts
    assert "112" in gate.confirms["fr"] and "112" in gate.confirms["en"]


def test_a_nationwide_outage_without_emergency_calls_is_critical(bundled: Playbook) -> None:
    rules = bundled.scenario("nationwide-outage").severity.rules
    assert any(r.level == "critical" and r.when == "not emergency_calls_ok" for r in rules)


@pytest.mark.parametrize("scenario_id", OUTAGES)
def test_the_authorities_are_informed_in_parallel_with_a_deadline(
    bundled: Playbook, scenario_id: str
) -> None:
    scenario = bundled.scenario(scenario_id)
    step = _step(scenario, AUTHORITY_STEPS[scenario_id])
    assert step.owner in ("legal", "cell-lead")
    assert step.after == ("confirm-scope",)  # beside the first word, not after it
    assert step.deadline is not None and step.deadline.total_seconds() <= 30 * 60
    assert step.when is not None and "not emergency_calls_ok" in step.when
    items = {lang: " ".join(item[lang] for item in step.checklist) for lang in ("fr", "en")}
    for word in ("ARCEP", "Ministère", "Préfecture", "analyse des causes"):
        assert word.lower() in items["fr"].lower(), (scenario_id, word)
    for word in ("ARCEP", "ministry", "prefecture", "cause analysis"):
        assert word.lower() in items["en"].lower(), (scenario_id, word)


def test_the_operator_notifies_a_breach_to_the_cnil_within_24_hours(bundled: Playbook) -> None:
    scenario = bundled.scenario("cyberattack")
    step = _step(scenario, "notify-dpa-24h")
    assert step.owner == "dpo"
    assert step.deadline is not None
    assert (step.deadline.total_seconds(), step.deadline.anchor) == (24 * 3600, "detected_at")
    assert step.when == "personal_data_exposed == true"
    assert step.after == ("assess-data",)
    assert step.help is not None and "611/2013" in step.help["fr"]
    # The 72-hour notification stays beside it, on the same clock.
    complete = _step(scenario, "notify-dpa")
    assert complete.deadline is not None
    assert (complete.deadline.total_seconds(), complete.deadline.anchor) == (
        72 * 3600,
        "detected_at",
    )


def test_the_data_qualification_no_longer_leaves_the_24_hours_to_be_checked(
    bundled: Playbook,
) -> None:
    step = _step(bundled.scenario("cyberattack"), "assess-data")
    assert step.help is not None
    assert "vérifiez-le" not in step.help["fr"] and "peut imposer" not in step.help["fr"]
    assert "may require" not in step.help["en"]


def test_misdirected_invoices_send_a_breach_notice_behind_the_dpo(bundled: Playbook) -> None:
    scenario = bundled.scenario("billing-incident")
    step = _step(scenario, "misdirected-invoices")
    assert step.when == "invoices_misdirected == true"
    assert step.messages == ("breach-notice",)
    notice = scenario.message("breach-notice")
    assert notice is not None and notice.kind == "breach-notice"
    assert notice.audience == "customers"
    assert "dpo-review" in notice.gates and "dpo-review" in step.gates
    gate = scenario.gate("dpo-review")
    assert gate is not None and gate.validator == "dpo"
    assert "dpo" in scenario.roles
