"""`crisisplay report`: formats, --out, and the errors a person can make."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, Cli
from tests.report.conftest import CRAFTED, Row, sealed, write


def test_markdown_on_stdout_by_default(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    ran = cli("report", "--timeline", str(timeline), home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout.startswith("# After-action report: Local outage in Lyon\n")
    assert (
        "| First public message | T+34 min (Holding statement) "
        "| ✘ missed (target 30 min, 4 min late) |" in (ran.stdout)
    )


def test_json_names_every_kpi_and_nothing_else_on_stdout(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    ran = cli("report", "-t", str(timeline), "--format", "json", home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    document = json.loads(ran.stdout)
    assert document["format"] == "crisisplay-report/1"
    assert document["time_to_resolution_min"] == 100.0
    assert document["promise_counts"] == {
        "made": 3,
        "kept": 1,
        "missed": 1,
        "unanswered": 1,
        "open": 0,
    }


def test_html_to_a_file(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    out = tmp_path / "report.html"
    ran = cli("report", "-t", str(timeline), "-f", "html", "--out", str(out), home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stdout == ""
    assert ran.stderr == f"Report written to {out}\n"  # the incident's language: English
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page


def test_lang_chooses_the_reports_language(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    out = tmp_path / "rapport.md"
    ran = cli("report", "-t", str(timeline), "--lang", "fr", "--out", str(out), home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    assert ran.stderr == f"Rapport écrit dans {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Retour d'expérience : Local outage in Lyon\n")
    assert "Heures : heure de Paris ;" in text and "## Chiffres clés" in text


def test_the_newest_timeline_of_the_home_by_default(cli: Cli, home_copy: Path) -> None:
    (home_copy / "timelines").mkdir()
    write(home_copy / "timelines" / "20261123-1000-local-outage-test.jsonl", sealed(CRAFTED))
    ran = cli("report", home=home_copy)
    assert ran.exit_code == 0, ran.stderr
    assert "Local outage in Lyon" in ran.stdout


def test_steps_get_their_deadlines_from_the_home(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    ran = cli("report", "-t", str(timeline), home=ROOT)
    # local-outage's confirm-alert step is due 5 minutes after activation (10:05 UTC, 11:05 in
    # Paris, the home's zone); done at 10:08 UTC
    row = next(line for line in ran.stdout.splitlines() if line.startswith("| Confirm the alert |"))
    assert "11:05 (T+5 min)" in row and "3 min late" in row and "Camille Roux" in row


def test_a_scenario_missing_from_the_home_still_gets_its_report(cli: Cli, tmp_path: Path) -> None:
    first = CRAFTED[0]
    rows: list[Row] = [
        (first[0], first[1], first[2], first[3], {**first[4], "scenario": "roaming-outage"}),
        *CRAFTED[1:],
    ]
    timeline = write(tmp_path / "t.jsonl", sealed(rows))
    ran = cli("report", "-t", str(timeline), home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    assert "Step deadlines are not shown: the scenario could not be read" in ran.stdout


def test_a_timeline_without_activation_is_refused(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed([CRAFTED[-2]]))
    ran = cli("report", "-t", str(timeline), home=ROOT)
    assert ran.exit_code == 2
    assert "no activation event" in ran.stderr and "Traceback" not in ran.stderr


def test_a_missing_timeline_and_an_unknown_format(cli: Cli, tmp_path: Path) -> None:
    ran = cli("report", "-t", str(tmp_path / "none.jsonl"), home=ROOT)
    assert ran.exit_code == 2 and "no timeline at" in ran.stderr
    ran = cli("report", "-t", str(tmp_path / "none.jsonl"), "-f", "pdf", home=ROOT)
    assert ran.exit_code == 2


def test_an_unwritable_out_file(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    ran = cli("report", "-t", str(timeline), "--out", str(tmp_path / "no" / "r.md"), home=ROOT)
    assert ran.exit_code == 2 and "cannot write" in ran.stderr


def test_help_has_examples(cli: Cli) -> None:
    ran = cli("report", "--help")
    assert ran.exit_code == 0
    assert "crisisplay report --format html --out report.html" in ran.stdout


def test_a_torn_last_line_is_left_out_with_a_warning(cli: Cli, tmp_path: Path) -> None:
    timeline = write(tmp_path / "t.jsonl", sealed(CRAFTED))
    with timeline.open("ab") as file:
        file.write(b'{"actor":"camille-roux","hash":"ab')  # a crash in the middle of a write
    ran = cli("report", "-t", str(timeline), "-f", "json", home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(ran.stdout)["incident"]["events"] == len(CRAFTED)
    assert "the last line is incomplete (34 bytes)" in ran.stderr
