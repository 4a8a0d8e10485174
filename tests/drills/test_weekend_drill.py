"""The weekend drill: the only CM is off duty on a Sunday, and the cell has 10 minutes."""

from __future__ import annotations

from datetime import timezone
from pathlib import Path

import pytest

from crisisplay.drills.run import parse_start
from crisisplay.timeline import vocabulary
from crisisplay.timeline.store import read_events
from tests.conftest import ROOT
from tests.drills.conftest import BUNDLED_ANSWERS, Ran, run

ANSWERS = BUNDLED_ANSWERS / "weekend-cm-gap.yaml"
SUNDAY = parse_start("2026-11-22T09:40")
CM_TITLE = "Responsable community management"


@pytest.fixture(scope="module")
def weekend(tmp_path_factory: pytest.TempPathFactory) -> Ran:
    folder = tmp_path_factory.mktemp("weekend")
    return run(ROOT, "weekend-cm-gap", ANSWERS, SUNDAY, folder / "weekend.jsonl")


def test_the_roster_gap_is_shown_before_any_step(weekend: Ran) -> None:
    shown = [(n.kind, n.title) for n in weekend.shown]
    gap = shown.index(("gap", f"PERSONNE N'EST DE PERMANENCE pour le rôle {CM_TITLE}"))
    first_step = next(i for i, (kind, _) in enumerate(shown) if kind == "step")
    assert gap < first_step


def test_the_gap_is_recorded_before_any_step_and_closed_by_the_call_in(weekend: Ran) -> None:
    events = read_events(weekend.timeline).events
    order = [(e.kind, e.payload.get("role")) for e in events]
    gap = order.index((vocabulary.RoleGap.KIND, "cm-lead"))
    assert gap < [kind for kind, _ in order].index(vocabulary.StepStarted.KIND)
    assert events[gap].payload["detected"] is True
    state = weekend.run.state
    assert state.roles["cm-lead"].person == "ines-haddad"
    assert state.roles["cm-lead"].on_duty is False  # called in on her weekend off


def test_cm_covered_within_ten_minutes_is_scored(weekend: Ran) -> None:
    score = weekend.run.score
    covered = next(o for o in score.outcomes if o.expectation.id == "cm-covered")
    assert covered.expectation.title.get_text("en") == "CM role covered within 10 minutes"
    assert covered.met and covered.points == 30
    assert score.offset_min(covered.at) == 7.0 and score.offset_min(covered.due) == 10.0


def test_covering_the_cm_role_late_loses_its_points(tmp_path: Path) -> None:
    late = tmp_path / "late.yaml"
    text = ANSWERS.read_text(encoding="utf-8")
    late.write_text(text.replace("{person: ines-haddad, at: 7m}", "{person: ines-haddad, at: 12m}"))
    score = run(ROOT, "weekend-cm-gap", late, SUNDAY, tmp_path / "t.jsonl").run.score
    covered = next(o for o in score.outcomes if o.expectation.id == "cm-covered")
    assert (covered.met, covered.points, covered.late_min) == (False, 0, 2.0)
    assert covered.note == "en retard de 2 min"
    assert score.score == 70


def test_the_roster_change_holds_whatever_the_day() -> None:
    # On a weekday Inès would be on duty; the drill takes her off, so the gap is there anyway.
    from crisisplay.drills.load import load_drill
    from crisisplay.drills.plan import changed_roster
    from crisisplay.home import Home
    from crisisplay.roster import on_duty

    loaded, playbook = load_drill(Home(ROOT), "weekend-cm-gap")
    monday = parse_start("2026-11-23T09:40").replace(tzinfo=timezone.utc)
    assert on_duty(playbook.organisation, "cm-lead", monday) is not None
    drill_org = changed_roster(playbook.organisation, loaded.drill.roster)
    assert on_duty(drill_org, "cm-lead", monday) is None
    assert drill_org.roster["cm-lead"].backups == ()  # the brand's only CM
    assert drill_org.roster["cell-lead"] == playbook.organisation.roster["cell-lead"]
