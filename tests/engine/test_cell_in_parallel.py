"""The cell works in parallel: four terminals on one nationwide outage.

The lead's board runs from an answers file that leaves out what the others do from their own
terminals; the NOC liaison ticks and closes the first check and passes the scope gate, a CM
publishes the holding statement, legal refuses the press statement then passes it. Each process
runs at the same time as the others, polling until its act can be made; the board stops when
only others can act and carries on with `resume` once they have.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from crisisplay.timeline.store import read_events
from crisisplay.timeline.verify import verify

ROOT = Path(__file__).parents[2]
ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"
DEADLINE_S = 240  # the whole play; each loop gives up past it


def _lead_answers(tmp_path: Path) -> Path:
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    del answers["steps"]["confirm-alert"]  # the NOC's, from the NOC
    del answers["gates"]["noc-scope"]
    del answers["gates"]["legal-review"]
    del answers["messages"]["holding"]  # the CM's, from the CM's laptop
    path = tmp_path / "lead.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


class Cell:
    """Four people on one incident: on a file beside them all, or on a shared PostgreSQL store,
    each then with a laptop of their own (a cache folder of their own: their local copy and
    outbox) and their own connection."""

    def __init__(self, folder: Path, store: str | None = None) -> None:
        self.folder = folder
        self.timeline = folder / "incident.jsonl"
        self.store = store
        self.log: list[tuple[str | None, list[str], int, str]] = []
        self.lock = threading.Lock()
        self.started = time.monotonic()

    def run(self, who: str | None, *args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "crisisplay"]
        env = dict(os.environ)
        if self.store is None:
            command += [*args, "--timeline", str(self.timeline)]
        else:
            command += ["--store", self.store, *args]
            env["XDG_CACHE_HOME"] = str(self.folder / f"laptop-{who or 'reader'}")
        if who is not None:
            command += ["--actor", who]
        ran = subprocess.run(
            command, check=False, capture_output=True, text=True, cwd=ROOT, timeout=120, env=env
        )
        with self.lock:
            self.log.append((who, list(args), ran.returncode, ran.stdout + ran.stderr))
        return ran

    def until(self, check: Callable[[], bool]) -> None:
        while not check():
            assert time.monotonic() - self.started < DEADLINE_S, "the cell never got there"
            time.sleep(0.3)

    def started_yet(self) -> bool:
        return self.store is not None or self.timeline.exists()

    def succeeds(self, who: str, *args: str) -> Callable[[], bool]:
        def attempt() -> bool:
            return self.started_yet() and self.run(who, *args).returncode == 0

        return attempt

    def completed(self) -> bool:
        ran = self.run(None, "status", "--format", "json")
        return ran.returncode == 0 and json.loads(ran.stdout)["completed"] is True

    def record(self) -> Path:
        """The incident's file: the one beside them, or a verified copy pulled from the store."""
        if self.store is None:
            return self.timeline
        copy = self.folder / "pulled.jsonl"
        ran = self.run(None, "timeline", "pull", "--out", str(copy))
        assert ran.returncode == 0, ran.stdout + ran.stderr
        return copy

    def task_state(self, task: str) -> str | None:
        ran = self.run(None, "tasks", "--format", "json")
        if ran.returncode != 0:
            return None
        return next((t["state"] for t in json.loads(ran.stdout) if t["id"] == task), None)


def test_four_terminals_play_a_nationwide_outage_together(tmp_path: Path) -> None:
    play(Cell(tmp_path))


def play(cell: Cell) -> None:
    tmp_path = cell.folder
    lead_file = _lead_answers(tmp_path)
    promised = (datetime.now(timezone.utc) + timedelta(hours=2)).astimezone(
        ZoneInfo("Europe/Paris")
    )
    outcome: dict[str, str] = {}

    def lead() -> None:
        ran = cell.run("camille-roux", "activate", "nationwide-outage", "--answers", str(lead_file))
        while not cell.completed():
            assert ran.returncode == 0, ran.stdout + ran.stderr
            outcome.setdefault("first stop", ran.stdout)
            assert time.monotonic() - cell.started < DEADLINE_S, ran.stdout
            time.sleep(0.5)
            ran = cell.run("camille-roux", "resume", "--answers", str(lead_file))
        outcome["lead"] = ran.stdout

    def noc() -> None:
        cell.until(cell.succeeds("noc-duty", "do", "confirm-alert", "--check", "1"))
        cell.until(cell.succeeds("noc-duty", "do", "confirm-alert"))
        cell.until(cell.succeeds("noc-duty", "gate", "pass", "noc-scope", "--comment", "60%"))

    def cm() -> None:
        at = promised.strftime("%H:%M")
        cell.until(cell.succeeds("ines-haddad", "publish", "holding", "--next-update", at, "--yes"))

    def legal() -> None:
        cell.until(lambda: cell.started_yet() and cell.task_state("press") == "started")
        comment = "remove the cause: not confirmed"
        cell.until(
            cell.succeeds("julie-fabre", "gate", "refuse", "legal-review", "--comment", comment)
        )
        cell.until(cell.succeeds("julie-fabre", "gate", "pass", "legal-review"))

    threads = [threading.Thread(target=f, name=f.__name__) for f in (lead, noc, cm, legal)]
    errors: list[BaseException] = []

    def guarded(thread: threading.Thread) -> None:
        try:
            thread.run()
        except BaseException as exc:
            errors.append(exc)

    runners = [threading.Thread(target=guarded, args=(t,)) for t in threads]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join(DEADLINE_S + 60)
    assert not errors, errors
    assert "lead" in outcome, "the board never completed"

    # The board stopped while the others had to act, saying on whom it waited.
    assert (
        "[gate noc-scope]" in outcome["first stop"] or "[do confirm-alert]" in outcome["first stop"]
    )
    timeline = cell.record()
    assert verify(timeline).ok
    events = read_events(timeline).events

    def one(kind: str, **payload: object) -> list[int]:
        return [
            e.seq
            for e in events
            if e.kind == kind and all(e.payload.get(k) == v for k, v in payload.items())
        ]

    actors = {e.seq: e.actor for e in events}
    [checked] = one("task.checked", task="confirm-alert")
    [alert_done] = one("step.done", step="confirm-alert")
    [scope] = one("gate.passed", gate="noc-scope")
    [holding] = one("message.published", message="holding")
    [refused] = one("gate.refused", gate="legal-review")
    [legal_ok] = one("gate.passed", gate="legal-review")
    [press] = one("message.published", message="press-statement")
    assert actors[checked] == actors[alert_done] == actors[scope] == "noc-duty"
    assert actors[holding] == "ines-haddad"
    assert actors[refused] == actors[legal_ok] == "julie-fabre"
    # each saw the others' acts: the NOC's scope came after its alert check, the press waited
    # for legal (the holding statement waits for nobody but the communications director)
    assert checked < alert_done < scope and refused < legal_ok < press
    promise = next(e for e in events if e.kind == "promise.made")
    assert promise.payload["message"] == "holding"
    assert datetime.fromisoformat(promise.payload["due"].replace("Z", "+00:00")).astimezone(
        ZoneInfo("Europe/Paris")
    ).strftime("%H:%M") == promised.strftime("%H:%M")
    # the lead's board did the rest, on its own terminal
    assert {actors[s] for s in one("severity.assessed")} == {"camille-roux"}

    report = cell.run(None, "report", "--format", "md")
    assert report.returncode == 0, report.stderr
    from crisisplay.home import Home
    from crisisplay.playbook.load import load_playbook

    org = load_playbook(Home(ROOT), only="nationwide-outage").organisation
    for person in ("noc-duty", "ines-haddad", "julie-fabre"):  # shown by name, who did what
        found = org.person(person)
        assert found is not None and found.name in report.stdout
    assert "remove the cause: not confirmed" in report.stdout
