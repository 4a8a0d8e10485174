"""Signals on an open incident: the hours since the alert and the crossing are recorded, the
fact that measures the noise is set from the data with its source, and the next step is
proposed, never taken."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from tests.conftest import ROOT, Cli


def _activate(cli: Cli, home: Path) -> Path:
    """A nationwide outage under way: the lead's answers, less the update a CM publishes."""
    timeline = home / "timelines" / "incident.jsonl"
    script = yaml.safe_load((ROOT / "playbooks/answers/nationwide-outage.yaml").read_text())
    del script["messages"]["update"]
    answers = home / "under-way.yaml"
    answers.write_text(yaml.safe_dump(script, allow_unicode=True), encoding="utf-8")
    ran = cli("activate", "nationwide-outage", "--answers", str(answers),
              "--timeline", str(timeline), "--quiet", home=home)  # fmt: skip
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    return timeline


def _export(folder: Path, now: datetime) -> Path:
    """Three usual weeks at 500 an hour, then the last two hours at 2,100."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    lines = []
    moment = hour - timedelta(weeks=3)
    while moment <= hour:
        count = 2100 if moment >= hour - timedelta(hours=1) else 500
        lines.append(json.dumps({"time": moment.isoformat(), "count": count}))
        moment += timedelta(hours=1)
    path = folder / "mentions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_rise_on_an_open_incident_is_recorded_and_fills_the_fact(
    cli: Cli, home_copy: Path, tmp_path: Path
) -> None:
    timeline = _activate(cli, home_copy)
    before = fold(read_events(timeline).events)
    now = datetime.now(timezone.utc)
    ran = cli("signals", "add", str(_export(tmp_path, now)), "--kind", "mentions",
              "--lang", "en", home=home_copy)  # fmt: skip
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert "next step proposed: crisisplay resume" in ran.stdout
    assert "fact mentions_per_hour = 2100 (mentions signals)" in ran.stdout
    kinds = [e.kind for e in read_events(timeline).events[before.last_seq :]]
    assert kinds[-1] == "fact.set" and kinds[-2] == "signal.level"
    assert kinds.count("signal.summary") >= 2  # the hour before the activation, and since
    state = fold(read_events(timeline).events)
    assert state.signal_levels["mentions"] == "crise"
    crossing = state.signal_crossings[-1]
    assert (crossing.previous, crossing.level) == ("veille", "crise")
    assert crossing.proposed == "crisisplay resume"
    fact = state.facts["mentions_per_hour"]
    assert (fact.value, fact.source) == (2100, "signals")
    assert fact.origin is not None and fact.origin.startswith("signals/mentions ")
    assert before.facts["mentions_per_hour"].value != 2100
    # nothing was published or paged by it
    assert len(state.publications) == len(before.publications)
    assert len(state.pages) == len(before.pages)
    # the same export again records nothing more
    again = cli("signals", "add", str(_export(tmp_path, now)), "--kind", "mentions",
                "--lang", "en", home=home_copy)  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert fold(read_events(timeline).events).last_seq == state.last_seq
    verify = cli("timeline", "verify", "--timeline", str(timeline), home=home_copy)
    assert verify.exit_code == 0, verify.stdout + verify.stderr
