"""`status` names each open step's phase as the reader's language does (the JSON keeps ids)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import ROOT, Cli

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"


def test_status_names_phases_in_the_readers_language(cli: Cli, tmp_path: Path) -> None:
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    answers["messages"].pop("holding")  # left to the CM: the board stops with work open
    lead = tmp_path / "lead.yaml"
    lead.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    timeline = tmp_path / "incident.jsonl"
    ran = cli("activate", "nationwide-outage", "--answers", str(lead), "--timeline",
              str(timeline), "--quiet")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    data = json.loads(cli("status", "--timeline", str(timeline), "--format", "json").stdout)
    ids = {step["phase"] for step in data["open_steps"]}
    assert ids, "some steps are open"
    shown = cli("status", "--timeline", str(timeline)).stdout
    rows = [line for line in shown.splitlines() if line.startswith("│")]
    cells = {cell.strip() for row in rows for cell in row.strip("│").split("│")}
    assert not ids & cells, (ids, rows)  # no phase id where a French reader reads
    titles = {"Détecter", "Qualifier", "Premier message", "Informer régulièrement"}
    assert any(title in shown for title in titles), shown
