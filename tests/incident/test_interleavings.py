"""Random interleavings of the cell's acts, from the lead's board and a member, in two processes
at once, on the file store and on the shared store: after every act each writer's state, and
every view derived from it (tasks, gates and what they show, status, the promise in force, the
render context), equals a fresh fold's; and no act is recorded twice."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisisplay.timeline.events import Event
from crisisplay.timeline.state import fold
from tests.conftest import ROOT

WORKER = Path(__file__).with_name("interleave_worker.py")
ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"
#: what the board leaves to the member process, and starts without
LEFT_TO_MEMBERS = {"gates": ["noc-scope", "comms-approval"], "messages": ["holding", "faq"]}

_people = {"noc": "noc-duty", "cm": "ines-haddad", "lead": "camille-roux", "care": "karim-mansouri"}
ACTS = st.one_of(
    st.builds(lambda v: [_people["noc"], "fact", {"fact": "affected_share", "value": str(v)}],
              st.integers(10, 90)),
    st.builds(lambda d: [_people["noc"], "gate", {"gate": "noc-scope", "decision": d}],
              st.sampled_from(["pass", "pass", "refuse"])),
    st.builds(lambda d: [_people["lead"], "gate", {"gate": "comms-approval", "decision": d}],
              st.sampled_from(["pass", "refuse"])),
    st.builds(lambda m: [_people["cm"], "publish", {"message": m}],
              st.sampled_from(["holding", "faq", "update"])),
    st.builds(lambda i: [_people["care"], "check", {"task": "brief-teams", "item": i}],
              st.integers(1, 2)),
    st.builds(lambda n: [_people["cm"], "note", {"text": f"note {n}"}], st.integers(0, 10**6)),
)  # fmt: skip


def _board_answers(folder: Path, *, opening: bool = False) -> Path:
    """The board's answers, less what the members do; ``opening``: only the activation's
    questions (facts, severity, roster), so that the board's work runs beside the member's."""
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    for group, ids in LEFT_TO_MEMBERS.items():
        for item in ids:
            answers[group].pop(item, None)
    if opening:
        answers = {k: v for k, v in answers.items() if k in ("facts", "severity", "roles")}
        answers["escalations"] = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))["escalations"]
    path = folder / ("opening.yaml" if opening else "board.yaml")
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def _crisisplay(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crisisplay", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip


def _never_twice(events: list[Event]) -> None:
    """Each message goes out once (an update once per promise); each gate decision is made on
    what its validator saw (never two at the same count); each note once."""
    state = fold(events)
    once = Counter(p.message for p in state.publications if p.kind != "update")
    assert all(n == 1 for n in once.values()), once
    promises_answered = [p.seq for p in state.promises if p.kept_at is not None]
    updates = [p for p in state.publications if p.kind == "update"]
    assert len(updates) <= len(promises_answered) + 1
    notes = Counter(e.payload["text"] for e in events if e.kind == "note.added")
    assert all(n == 1 for n in notes.values()), notes
    for gate in state.gates.values():
        asked = [d for d in gate.decisions if d.outcome in ("passed", "refused")]
        assert len(asked) == len({(d.outcome, d.seq) for d in asked})


def play(place: str, home: Path, folder: Path, acts: list[Any], read: Any) -> None:
    board_file = _board_answers(folder)
    member_file = folder / "acts.json"
    member_file.write_text(json.dumps(acts), encoding="utf-8")
    reports = [folder / "board.json", folder / "member.json"]
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), place, str(home), role, str(source), str(report)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for role, source, report in (
            ("board", board_file, reports[0]),
            ("member", member_file, reports[1]),
        )
    ]
    outputs = [worker.communicate(timeout=300) for worker in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, out + err
    events = read()
    _never_twice(events)
    seen = [json.loads(r.read_text(encoding="utf-8")) for r in reports]
    assert all("mismatch" not in s for s in seen), seen
    assert len(seen[1]["outcomes"]) == len(acts)
    assert seen[0]["checks"] > 10  # the board worked beside the member, checked at every answer


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(acts=st.lists(ACTS, min_size=4, max_size=12))
def test_random_interleavings_on_the_file_store(acts: list[Any], tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("file")
    timeline = folder / "incident.jsonl"
    opening = str(_board_answers(folder, opening=True))
    started = _crisisplay("activate", "nationwide-outage", "--answers", opening, "--actor",
                          "camille-roux", "--timeline", str(timeline), "--quiet")  # fmt: skip
    assert started.returncode == 0, started.stderr

    def read() -> list[Event]:
        from crisisplay.timeline.store import read_events

        return read_events(timeline).events

    play(str(timeline), ROOT, folder, acts, read)
