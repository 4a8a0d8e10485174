"""With the server stopped, acts are kept on this laptop and said to be; after the restart
`crisisplay sync` sends each once, and one that no longer applies is recorded as late."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crisisplay.timeline.events import canonical_line
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgquery import read_lines
from crisisplay.timeline.pgstore import PgStore
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import read_events
from crisisplay.timeline.vocabulary import GatePassed, new_event
from tests.conftest import Cli
from tests.engine.test_member_cmds import _before_scope
from tests.report.timelines import incident_timeline
from tests.store.pgcluster import Cluster

KEPT = "kept on this laptop"


@pytest.fixture
def stopped(cluster: Cluster) -> Iterator[Cluster]:
    if not cluster.owned:
        pytest.skip("the server of $CRISISPLAY_TEST_DSN is not stopped by the tests")
    yield cluster
    if not _running(cluster):
        cluster.start()


def _running(cluster: Cluster) -> bool:
    import psycopg

    try:
        psycopg.connect(cluster.url(cluster.admin_db), connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


def test_acts_kept_while_the_server_is_stopped_are_sent_once_and_late_shown_late(
    cli: Cli, store_url: str, stopped: Cluster, tmp_path: Path
) -> None:
    walked = read_events(incident_timeline("nationwide-outage", tmp_path / "walked")).events
    before = _before_scope(walked, tmp_path)
    incident = walked[0].incident
    base = ("--store", store_url)
    assert cli(*base, "timeline", "push", str(before)).exit_code == 0
    assert cli(*base, "status", "--incident", incident).exit_code == 0  # this laptop's copy
    head = len(read_events(before).events)

    stopped.stop()
    note = cli(*base, "log", "note", "press desk called", "--actor", "ines-haddad")
    assert note.exit_code == 0, note.stderr
    assert KEPT in note.stderr and "NOT yet shared" in note.stderr
    assert "recorded" not in note.stdout
    gate = cli(*base, "gate", "pass", "noc-scope", "--actor", "noc-duty", "--incident", incident)
    assert gate.exit_code == 0, gate.stderr
    assert KEPT in gate.stderr
    stopped.start()

    # Meanwhile, someone else (another laptop) passes the same gate.
    other = PgStore(parse_target(store_url), incident)
    state = fold(other.read_new())
    passed = GatePassed("noc-scope", "noc-liaison", "noc-duty", None, "from the NOC room")
    _, recorded = other.commit_if([new_event(passed, "noc-duty", None, walked[-1].at)], head)
    assert recorded and state.last_seq == head

    synced = cli(*base, "sync", "--incident", incident)
    assert synced.exit_code == 0, synced.stderr
    assert "1 act(s) kept on this laptop are now shared" in synced.stdout
    assert "late, not applied: gate.passed by noc-duty" in synced.stdout
    again = cli(*base, "sync", "--incident", incident)
    assert again.exit_code == 0 and "nothing to send" in again.stdout

    lines = read_lines(parse_target(store_url), incident).splitlines()
    events = [json.loads(line) for line in lines]
    assert [e["seq"] for e in events] == list(range(1, head + 4))
    notes = [e for e in events if e["payload"].get("text") == "press desk called"]
    late = [e for e in events if e["kind"] == "act.late"]
    gates = [e for e in events[head:] if e["kind"] == "gate.passed"]
    assert len(notes) == 1 and len(late) == 1 and len(gates) == 1  # each exactly once
    assert late[0]["payload"]["events"][0]["kind"] == "gate.passed"
    assert "already passed by noc-duty" in late[0]["payload"]["reason"]
    decisions = fold(PgStore(parse_target(store_url), incident).read_new()).gates["noc-scope"]
    assert decisions.decisions[-1].comment == "from the NOC room"  # the late one not applied
    assert b"".join(canonical_line(e) for e in walked[:head]) in b"\n".join(lines) + b"\n"
    # and the late act is visible: in status and in the report's log, kept and not applied
    status = json.loads(cli(*base, "status", "--incident", incident, "--format", "json").stdout)
    assert [a["by"] for a in status["late_acts"]] == [late[0]["actor"]]
    assert "already passed by noc-duty" in status["late_acts"][0]["reason"]
    report = cli(*base, "report", "--incident", incident, "--format", "md", "--lang", "en").stdout
    assert "late act, not applied" in report and "already passed by noc-duty" in report


def test_a_fact_corrected_offline_arrives_late_when_it_was_set_meanwhile(
    cli: Cli, store_url: str, stopped: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walked = read_events(incident_timeline("nationwide-outage", tmp_path / "walked")).events
    before = _before_scope(walked, tmp_path)
    incident = walked[0].incident
    base = ("--store", store_url)
    assert cli(*base, "timeline", "push", str(before)).exit_code == 0
    assert cli(*base, "status", "--incident", incident).exit_code == 0  # this laptop's copy

    stopped.stop()
    kept = cli(*base, "fact", "set", "affected_share", "40", "--incident", incident,
               "--actor", "noc-duty")  # fmt: skip
    assert kept.exit_code == 0 and KEPT in kept.stderr, kept.stderr
    stopped.start()
    # meanwhile the lead, online from another laptop, sets it to 70
    with monkeypatch.context() as laptop:
        laptop.setenv("XDG_CACHE_HOME", str(tmp_path / "other-laptop"))
        lead = cli(*base, "fact", "set", "affected_share", "70", "--incident", incident,
                   "--actor", "camille-roux")  # fmt: skip
    assert lead.exit_code == 0, lead.stderr

    synced = cli(*base, "sync", "--incident", incident)
    assert synced.exit_code == 0, synced.stderr
    assert "late, not applied: fact.set by noc-duty" in synced.stdout
    state = fold(PgStore(parse_target(store_url), incident).read_new())
    assert state.facts["affected_share"].value == 70  # the older correction is not applied
    late = [e for e in state.entries if e.kind == "act.late"]
    assert len(late) == 1 and "affected_share" in late[0].text
