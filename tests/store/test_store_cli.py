"""The commands on the shared store: activation from an answers file, members' acts, verify,
pull, incidents, a push that verifies first; and no password in any output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisplay.timeline.events import NewEvent, canonical
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgquery import head_of, read_lines
from crisisplay.timeline.signing import KeySigner
from crisisplay.timeline.state import fold
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify
from tests.conftest import ROOT, Cli, Ran
from tests.report.timelines import incident_timeline
from tests.store.pgcluster import Cluster
from tests.store.test_store_basics import INCIDENT, START, _activation
from tests.timeline.signing_support import copy_home, list_keys, make_key, rechain

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"


def _quiet(ran: Ran, url: str) -> Ran:
    """``ran``, checked to say nothing of the password nor the URL that carries it."""
    secret = parse_target(url).url.split(":")[2].split("@")[0]
    for text in (ran.stdout, ran.stderr):
        assert secret not in text
        assert url not in text
    return ran


@pytest.fixture(scope="module")
def walked_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return incident_timeline("nationwide-outage", tmp_path_factory.mktemp("walked"))


def test_the_answers_file_runs_end_to_end_on_the_shared_store(
    cli: Cli, store_url: str, tmp_path: Path
) -> None:
    ran = _quiet(
        cli("--store", store_url, "activate", "nationwide-outage", "--answers", str(ANSWERS),
            "--quiet", "--actor", "camille-roux"),
        store_url,
    )  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    listed = _quiet(cli("--store", store_url, "incidents", "--format", "json"), store_url)
    (incident,) = json.loads(listed.stdout)
    assert (incident["scenario"], incident["state"], incident["drill"]) == (
        "nationwide-outage",
        "resolved",
        False,
    )
    checked = _quiet(cli("--store", store_url, "timeline", "verify", "--format", "json"), store_url)
    assert checked.exit_code == 0 and json.loads(checked.stdout)["ok"] is True
    out = tmp_path / "pulled.jsonl"
    pulled = _quiet(
        cli("--store", store_url, "timeline", "pull", "--incident", incident["id"],
            "--out", str(out)),
        store_url,
    )  # fmt: skip
    assert pulled.exit_code == 0, pulled.stderr
    result = verify(out)
    head = head_of(parse_target(store_url), incident["id"])
    assert result.ok and head == (result.events, result.head)
    assert json.loads(checked.stdout)["head"] == result.head
    on_file = cli("timeline", "verify", "--timeline", str(out))
    assert on_file.exit_code == 0 and result.head in on_file.stdout
    state = fold(read_events(out).events)
    assert state.resolved_at is not None and state.scenario == "nationwide-outage"
    report = _quiet(cli("--store", store_url, "report", "--format", "json"), store_url)
    assert report.exit_code == 0, report.stderr
    status = _quiet(cli("--store", store_url, "status", "--format", "json"), store_url)
    assert status.exit_code == 0, status.stderr
    published = _quiet(
        cli("--store", store_url, "published", "--incident", incident["id"], "--format", "json"),
        store_url,
    )
    assert published.exit_code == 0, published.stderr
    assert any(p["message"] == "holding" for p in json.loads(published.stdout))
    rendered = _quiet(
        cli("--store", store_url, "render", "nationwide-outage", "resolution", "--incident",
            incident["id"], "--channel", "sms", "--format", "json"),
        store_url,
    )  # fmt: skip
    assert rendered.exit_code in (0, 1), rendered.stderr
    assert "recorded 1 event" in rendered.stderr


def test_push_then_members_act_on_the_shared_incident(
    cli: Cli, store_url: str, walked_file: Path, tmp_path: Path
) -> None:
    events = read_events(walked_file).events
    half = tmp_path / "half.jsonl"
    half.write_bytes(b"".join(walked_file.read_bytes().splitlines(keepends=True)[:40]))
    pushed = _quiet(cli("--store", store_url, "timeline", "push", str(half)), store_url)
    assert pushed.exit_code == 0, pushed.stderr
    assert "pushed 40 of 40" in pushed.stdout
    again = _quiet(cli("timeline", "push", str(walked_file), "--store", store_url), store_url)
    assert again.exit_code == 0 and f"pushed {len(events) - 40} of {len(events)}" in again.stdout
    assert read_lines(parse_target(store_url), events[0].incident) == walked_file.read_bytes()
    noted = _quiet(
        cli("--store", store_url, "log", "note", "press desk called", "--actor", "ines-haddad",
            "--incident", events[0].incident),
        store_url,
    )  # fmt: skip
    assert noted.exit_code == 0 and f"consigné (n° {len(events) + 1})" in noted.stdout


def test_a_push_of_another_history_is_refused(
    cli: Cli, store_url: str, walked_file: Path, tmp_path: Path
) -> None:
    first = read_events(walked_file).events[0]
    assert cli("--store", store_url, "timeline", "push", str(walked_file)).exit_code == 0
    other = tmp_path / "other.jsonl"
    news = [NewEvent(first.kind, "mallory", None, first.payload, first.at)]
    TimelineStore(other, incident=first.incident).append_many(news)
    ran = _quiet(cli("--store", store_url, "timeline", "push", str(other)), store_url)
    assert ran.exit_code == 2 and "with another history: not pushed" in ran.stderr
    assert read_lines(parse_target(store_url), first.incident) == walked_file.read_bytes()


def test_wrong_credentials_unreachable_and_missing_schema_are_one_line(
    cli: Cli, cluster: Cluster, store_url: str
) -> None:
    wrong = store_url.replace(cluster.password, "nope-pw")
    bare_url = cluster.url(cluster.create_database())
    for url, said in (
        (wrong, "the server refused the credentials"),
        (bare_url, "has no crisisplay schema"),
        ("postgresql://u:pw-x@127.0.0.1:1/db", "cannot reach the shared store"),
    ):
        ran = _quiet(cli("--store", url, "incidents"), url)
        assert ran.exit_code == 2
        assert said in ran.stderr
        assert len(ran.stderr.strip().splitlines()) <= 2  # the line, and at most its hint
        assert "pw-x" not in ran.stderr and "nope-pw" not in ran.stderr


def _signed_file(tmp_path: Path) -> tuple[Path, Path]:
    """A home whose organisation file gives camille-roux a key, and a timeline of her acts."""
    key = make_key(tmp_path / "keys", "camille-roux")
    home = copy_home(ROOT, tmp_path / "home")
    list_keys(home, [key])
    path = tmp_path / "signed.jsonl"
    store = TimelineStore(
        path, incident=INCIDENT, signer=KeySigner(key, lambda: None), witness=None
    )
    store.append_many([_activation()])
    for i in range(1, 5):
        store.append(NewEvent("note.added", "camille-roux", None, {"text": f"NOC {i}"}, START))
    return home, path


def test_push_verifies_signatures_as_verify_does(
    cli: Cli, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, signed = _signed_file(tmp_path)
    monkeypatch.setenv("CRISISPLAY_STATE_DIR", str(tmp_path / "a-laptop-with-no-witness"))
    lines = signed.read_bytes().splitlines()
    edited = tmp_path / "edited.jsonl"
    lines[2] = lines[2].replace(b"NOC 2", b"NOC 7")
    edited.write_bytes(rechain(lines))
    stripped = tmp_path / "stripped.jsonl"
    bare = [json.loads(line) for line in signed.read_bytes().splitlines()]
    for obj in bare:
        obj.pop("by", None)
        obj.pop("sig", None)
    stripped.write_bytes(rechain([canonical(obj) for obj in bare]))
    for copy, seq, said in (
        (edited, 3, "bad signature of camille-roux"),
        (stripped, 2, "camille-roux's act is not signed"),
    ):
        ran = cli("--home", str(home), "--store", store_url, "timeline", "push", str(copy))
        assert ran.exit_code == 2, ran.stdout
        assert f"does not verify, not pushed: BROKEN at seq {seq}: " in ran.stderr
        assert said in ran.stderr
    assert (
        cli(
            "--home", str(home), "--store", store_url, "incidents", "--format", "json"
        ).stdout.strip()
        == "[]"
    )
    pushed = cli("--home", str(home), "--store", store_url, "timeline", "push", str(signed))
    assert pushed.exit_code == 0 and "pushed 5 of 5" in pushed.stdout


def test_an_act_on_an_incident_the_store_does_not_have_is_refused(
    cli: Cli, store_url: str, tmp_path: Path
) -> None:
    walked = incident_timeline("nationwide-outage", tmp_path / "walked")
    assert cli("--store", store_url, "timeline", "push", str(walked)).exit_code == 0
    typo = cli("--store", store_url, "log", "note", "press desk called", "--incident",
               "20261123-0750-nationwide-outage-typo", "--actor", "ines-haddad")  # fmt: skip
    assert typo.exit_code == 2 and "no incident" in typo.stderr
    listed = json.loads(cli("--store", store_url, "incidents", "--format", "json").stdout)
    assert [i["id"] for i in listed] == [read_events(walked).events[0].incident]
