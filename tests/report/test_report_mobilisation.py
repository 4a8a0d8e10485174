"""The report of an incident whose cell was paged: from activation to the cell formed, each page
and its answer (how, how fast, declined, passed on), each role's time to acknowledge, the pages
never answered; the chart marks them. The pages are recorded through the engine's own acts on a
clock the test moves (tests/delivery/paged.py); a timeline with no page keeps its report as it
was (the snapshots of tests/report pin that)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from crisisplay.home import Home
from crisisplay.incident.ops import Acknowledge, Decline, Escalate, WriteDown
from crisisplay.report.chart import build_chart
from crisisplay.report.document import build_report
from crisisplay.report.run import render, report_of
from crisisplay.timeline.state import fold
from tests.delivery.paged import LEAD, PagedIncident, paged_incident
from tests.delivery.support import outbox
from tests.report.conftest import CRAFTED, sealed

pytestmark = pytest.mark.usefixtures("outbox")
__all__ = ["outbox"]

SNAPSHOT = Path(__file__).parent / "snapshots" / "mobilisation-sections.md"
QUORUM = ("cell-lead", "noc-liaison", "comms-director")


@pytest.fixture
def answered(tmp_path: Path) -> PagedIncident:
    """NOC at T+3 from its terminal; the director declines at T+5 and her backup answers the
    new page's code at T+7 (the quorum complete: the cell formed); legal's first act at T+9;
    the CM lead's page passed on to the lead at T+11, then answered by the CM lead herself at
    T+12; monitoring, moderation and care never answer."""
    incident = paged_incident(tmp_path, QUORUM)
    incident.at(3)
    incident.act("noc-duty", Acknowledge())
    incident.at(5)
    incident.act("anne-lefevre", Decline("on a train, no laptop"))
    incident.at(7)
    state = fold(incident.events())
    second = state.pages["comms-director-2"]
    incident.act(second.person, Acknowledge(second.code))
    incident.at(9)
    incident.act("julie-fabre", WriteDown("reading the contracts"))
    incident.at(11)
    incident.act(LEAD, Escalate("cm-lead-1"))
    incident.at(12)
    incident.act("ines-haddad", Acknowledge())
    return incident


def _report(incident: PagedIncident, lang: str = "en") -> dict[str, object]:
    document = json.loads(render(report_of(Home(incident.home), incident.path, lang), "json"))
    assert isinstance(document, dict)
    return document


def test_the_report_measures_the_mobilisation_from_the_record(answered: PagedIncident) -> None:
    m = _report(answered)["mobilisation"]
    assert isinstance(m, dict)
    assert m["quorum"] == list(QUORUM) and m["quorum_from"] == "scenario"
    assert m["activation_to_formed_min"] == 7.0
    assert m["formed_at"] == "2026-11-23T06:57:00.000Z" and m["not_answered"] == []
    pages = {p["page"]: p for p in m["pages"]}
    noc = pages["noc-liaison-1"]
    assert (noc["outcome"], noc["via"], noc["ack_min"]) == ("acknowledged", "terminal", 3.0)
    assert noc["delivered_by"] == ["pager"] and noc["failed_on"] == []
    declined = pages["comms-director-1"]
    assert declined["outcome"] == "declined" and declined["declined"] == "on a train, no laptop"
    assert declined["declined_at"] == "2026-11-23T06:55:00.000Z" and declined["acked_at"] is None
    backup = pages["comms-director-2"]
    assert declined["escalated_to"] == backup["person"] != "anne-lefevre"
    assert (backup["because"], backup["ack_min"], backup["via"]) == ("declined", 2.0, "terminal")
    assert (pages["legal-1"]["via"], pages["legal-1"]["ack_min"]) == ("act", 9.0)
    # passed on at T+11, answered by its first holder at T+12: she counts, late
    cm = pages["cm-lead-1"]
    assert cm["outcome"] == "acknowledged" and cm["ack_min"] == 12.0
    assert cm["escalated_at"] == "2026-11-23T07:01:00.000Z" and cm["escalated_to"]
    # passed to the lead, whose next act (recording the page's delivery) answers it
    assert (pages["cm-lead-2"]["because"], pages["cm-lead-2"]["person"]) == ("late", LEAD)
    assert m["never_answered"] == ["monitoring-1", "moderation-1", "care-liaison-1"]
    roles = {r["role"]: r for r in m["roles"]}
    assert (roles["comms-director"]["ack_min"], roles["comms-director"]["pages"]) == (7.0, 2)
    assert roles["comms-director"]["acked_by"] == backup["person"]
    assert roles["comms-director"]["in_quorum"] and not roles["legal"]["in_quorum"]
    assert (roles["cm-lead"]["ack_min"], roles["cm-lead"]["acked_by"]) == (11.0, LEAD)
    assert roles["monitoring"]["acked_at"] is None


def test_the_markdown_shows_the_mobilisation_in_english_and_french(
    answered: PagedIncident,
) -> None:
    report = report_of(Home(answered.home), answered.path, "en")
    text = render(report, "md")
    [figure] = [line for line in text.splitlines() if line.startswith("| Cell formed |")]
    assert "T+7 min" in figure and "3 pages never answered" in figure
    sections = _sections(text, ("## Mobilising the cell", "## Time to acknowledge, per role"))
    if os.environ.get("CRISISPLAY_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(sections, encoding="utf-8")
    assert sections == SNAPSHOT.read_text(encoding="utf-8"), f"{SNAPSHOT.name} changed"
    french = render(report_of(Home(answered.home), answered.path, "fr"), "md")
    assert "## Mobilisation de la cellule" in french
    assert "Cellule constituée à 07:57 (T+7 min), 7 min après l'activation." in french
    assert "| Cellule constituée | T+7 min |" in french
    assert "✘ a décliné : on a train, no laptop ; relayé à" in french
    assert "premier acte" in french and "## Délai d'acquittement par rôle" in french


def _sections(text: str, titles: tuple[str, ...]) -> str:
    """The sections named, each up to the next heading."""
    found: list[str] = []
    lines = text.splitlines()
    for title in titles:
        start = lines.index(title)
        end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("## "))
        found += lines[start:end]
    return "\n".join(found) + "\n"


def test_the_chart_marks_the_cell_formed_and_each_acknowledgement(
    answered: PagedIncident,
) -> None:
    report = report_of(Home(answered.home), answered.path, "en")
    chart = build_chart(report)
    [formed] = [line for line in chart.lines if line.css == "moment formed"]
    [activation] = [line for line in chart.lines if line.css == "moment activation"]
    assert formed.x0 > activation.x0 and "cell formed at 07:57" in formed.title
    acks = [m for m in chart.marks if m.shape == "check" and "acknowledged" in m.title]
    # the lead's, at the very moment of her page, is drawn as one mark with it (×3)
    who = sorted(m.title.split(" acknowledged")[0] for m in acks)
    assert who == ["Astreinte NOC", "Bastien Roy", "Inès Haddad", "Julie Fabre"]
    assert any("first act" in m.title and "9 min after the page" in m.title for m in acks)
    assert any(m.shape == "cross" and "declined" in m.title for m in chart.marks)
    assert any(m.shape == "triangle" and "did not answer" in m.title for m in chart.marks)
    assert "the cell was formed 7 min after activation" in chart.desc
    page = render(report, "html")
    assert "cell formed" in page and "Mobilising the cell" in page


def test_a_cell_never_formed_says_who_did_not_answer(tmp_path: Path) -> None:
    incident = paged_incident(tmp_path, QUORUM)
    incident.at(4)
    incident.act("noc-duty", Acknowledge())
    document = _report(incident)
    m = document["mobilisation"]
    assert isinstance(m, dict)
    assert m["formed_at"] is None and m["activation_to_formed_min"] is None
    assert m["not_answered"] == ["comms-director"]
    text = render(report_of(Home(incident.home), incident.path, "en"), "md")
    assert "| Cell formed | not formed | ✘ no answer for " in text
    assert "Cell not formed: no acknowledgement for " in text
    chart = build_chart(report_of(Home(incident.home), incident.path, "en"))
    assert not [line for line in chart.lines if line.css == "moment formed"]
    assert "the cell was never formed" in chart.desc


def test_without_the_scenario_the_quorum_is_what_the_record_paged(
    answered: PagedIncident,
) -> None:
    """From the events alone (no home): the lead and every role paged stand for the quorum,
    and the report says so."""
    report = build_report(answered.events(), lang="en")
    m = report.mobilisation
    assert m is not None and m.quorum_from == "record"
    assert m.quorum[0] == "cell-lead" and {"monitoring", "legal"} <= set(m.quorum)
    assert m.formed_at is None and set(m.not_answered) == {"monitoring", "moderation",
                                                             "care-liaison"}  # fmt: skip
    assert "The scenario could not be read: the quorum shown" in render(report, "md")


def test_a_timeline_without_pages_has_no_mobilisation() -> None:
    report = build_report(sealed(CRAFTED), lang="en")
    assert report.mobilisation is None
    assert "mobilisation" not in report.as_json()
    text = render(report, "md")
    assert "Mobilising" not in text and "Cell formed" not in text
    chart = build_chart(report)
    assert not [line for line in chart.lines if "formed" in line.css]
