"""A record that holds up afterwards: each act signed by the person who made it, checked against
the organisation file, and the head witnessed outside the timeline file."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from signing_support import (
    BUNDLED_ANSWERS,
    FIXTURE_HOME,
    ROOT,
    copy_home,
    list_keys,
    make_key,
    rechain,
    run,
    seq_of,
)

from crisisplay.timeline.signing import Identity
from crisisplay.timeline.store import read_events

V01 = Path(__file__).parent / "fixtures" / "v0.1"


@dataclass(frozen=True)
class Signed:
    """A local-outage incident activated by Camille Roux from her own terminal, with her key."""

    home: Path
    timeline: Path
    state: Path
    camille: Identity
    marc: Identity


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    base = tmp_path_factory.mktemp("signed")
    keys = base / "keys"
    camille, marc = make_key(keys, "camille-roux"), make_key(keys, "marc-dubois")
    home = copy_home(ROOT, base / "home")
    list_keys(home, [camille, marc])
    timeline, state = base / "incident.jsonl", base / "state"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CRISISPLAY_STATE_DIR", str(state))
        answers = str(BUNDLED_ANSWERS / "local-outage.yaml")
        code, _, err = run(
            patch, camille, "--home", str(home), "activate", "local-outage", "--answers",
            answers, "--timeline", str(timeline), "--quiet",
        )  # fmt: skip
    assert code == 0, err
    return Signed(home, timeline, state, camille, marc)


@pytest.fixture
def copy(signed: Signed, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the signed incident, verified with (a copy of) the witness of the machine it
    was made on."""
    state = shutil.copytree(signed.state, tmp_path / "state")
    monkeypatch.setenv("CRISISPLAY_STATE_DIR", str(state))
    target = tmp_path / "incident.jsonl"
    shutil.copyfile(signed.timeline, target)
    return target


def verify(
    monkeypatch: pytest.MonkeyPatch, home: Path, timeline: Path, *extra: str
) -> tuple[int, str, str]:
    return run(
        monkeypatch, None, "--home", str(home), "timeline", "verify", "-t", str(timeline), *extra
    )


def test_every_event_of_the_activation_names_its_signer(signed: Signed) -> None:
    events = read_events(signed.timeline).events
    assert {e.by for e in events} == {"camille-roux"}
    assert all(e.sig is None or e.sig.startswith(signed.camille.public + ":") for e in events)
    assert events[-1].sig is not None  # the last act is closed by its signature


def test_a_signed_incident_verifies(
    signed: Signed, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = verify(monkeypatch, signed.home, copy)
    lines = out.splitlines()
    assert code == 0, out
    n = count(copy)
    assert lines[0].startswith(f"ok: {n} events, head ")
    assert "signed by the person named" in lines[2] and "recorded on someone's behalf" in lines[2]
    assert lines[3] == f"witness: reaches the furthest head witnessed, #{n} (1 witness(es))"


def test_a_fact_rewritten_with_every_hash_recomputed_breaks_its_signature(
    signed: Signed, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seq = seq_of(copy, "fact.set", fact="customers_affected")
    lines = copy.read_bytes().splitlines()
    lines[seq - 1] = lines[seq - 1].replace(b'"value":85000', b'"value":12')
    copy.write_bytes(rechain(lines))
    elsewhere = copy.with_name("moved.jsonl")
    shutil.copyfile(copy, elsewhere)
    monkeypatch.setenv("CRISISPLAY_STATE_DIR", str(copy.parent / "no-witness-here"))
    code, out, _ = verify(monkeypatch, signed.home, elsewhere, "--format", "json")
    document = json.loads(out)
    assert code == 1
    assert document["first_bad_seq"] == seq
    assert "bad signature of camille-roux" in document["reason"]
    assert "changed after it was signed" in document["reason"]
    # Every later act was signed over the old chain: its signature breaks too.
    assert len(document["problems"]) > 50


def _closes_an_act(line: bytes) -> bool:
    """Whether the event on ``line`` is the last of its act (or stands alone)."""
    event = json.loads(line)
    return "by" not in event or "sig" in event


def test_the_last_40_events_deleted_fall_short_of_the_witness(
    signed: Signed, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = copy.read_bytes().splitlines(keepends=True)
    true_head = json.loads(lines[-1])["hash"]
    # at least 40 events, cut where an act ends (a cut inside an act is another finding)
    cut = next(k for k in range(40, len(lines)) if _closes_an_act(lines[-k - 1]))
    copy.write_bytes(b"".join(lines[:-cut]))
    code, out, _ = verify(monkeypatch, signed.home, copy)
    assert code == 1
    n = count(signed.timeline)
    short = f"{n}:{true_head[:16]}"
    assert out.splitlines()[0] == (
        f"BROKEN at seq {n - cut + 1}: the timeline ends at #{n - cut}, short of the head #{n} "
        f"({short}) "
        "that "
        f"the witness {witness_of(copy)} (of {signed.timeline}) gives: its last events were "
        "removed"
    )
    # The same copy on another machine, where nothing was witnessed: the head written down.
    monkeypatch.setenv("CRISISPLAY_STATE_DIR", str(copy.parent / "another-machine"))
    assert verify(monkeypatch, signed.home, copy)[0] == 0
    code, out, _ = verify(monkeypatch, signed.home, copy, "--expect", short)
    assert code == 1
    assert out.splitlines()[0] == (
        f"BROKEN at seq {n - cut + 1}: the timeline ends at #{n - cut}, short of the head #{n} "
        f"({short}) that the head you expect gives: its last events were removed"
    )


def test_the_true_head_expected_of_the_whole_copy_holds(
    signed: Signed, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    head = json.loads(copy.read_bytes().splitlines()[60])["hash"]
    monkeypatch.setenv("CRISISPLAY_STATE_DIR", str(copy.parent / "another-machine"))
    assert verify(monkeypatch, signed.home, copy, "--expect", f"61:{head[:16]}")[0] == 0
    code, out, _ = verify(monkeypatch, signed.home, copy, "--expect", f"61:{'0' * 16}")
    assert code == 1 and out.startswith("BROKEN at seq 61: #61 is not the event that the head")
    assert verify(monkeypatch, signed.home, copy, "--expect", "sixty-one")[0] == 2


def count(timeline: Path) -> int:
    return len(timeline.read_bytes().splitlines())


def witness_of(copy: Path) -> Path:
    (found,) = (copy.parent / "state" / "witness").glob("*.witness")
    return found


def test_an_act_recorded_for_someone_else_says_so_and_fails_require_signatures(
    signed: Signed, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(
        monkeypatch, signed.marc, "log", "note", "NOC: site access cut", "-t", str(copy),
        "--actor", "camille-roux",
    )  # fmt: skip
    n = count(copy)
    assert (code, out) == (0, f"consigné (n° {n})\n")  # a French incident
    assert err == "consigné au nom de camille-roux, signé avec la clé de marc-dubois\n"
    event = read_events(copy).events[-1]
    assert (event.actor, event.by) == ("camille-roux", "marc-dubois")
    exported = run(monkeypatch, None, "timeline", "export", "-t", str(copy), "-f", "csv")[1]
    assert exported.splitlines()[-1].split(",")[4] == "camille-roux (recorded by marc-dubois)"
    code, out, _ = verify(monkeypatch, signed.home, copy)
    assert code == 0, out
    assert f"#{n} for camille-roux by marc-dubois" in out
    code, out, _ = verify(monkeypatch, signed.home, copy, "--require-signatures", "-f", "json")
    problems = json.loads(out)["problems"]
    assert code == 1
    assert {
        "seq": n,
        "reason": "recorded on behalf of camille-roux by marc-dubois, not signed by "
        "camille-roux's own key",
    } in problems


def test_a_key_the_roster_does_not_give_is_a_forged_record(
    signed: Signed, copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    forger = make_key(tmp_path / "forger", "camille-roux")  # calls itself camille-roux
    code, _, _ = run(monkeypatch, forger, "log", "decision", "Stop all SMS", "-t", str(copy))
    assert code == 0
    code, out, _ = verify(monkeypatch, signed.home, copy)
    assert code == 1
    assert out.splitlines()[0] == (
        f"BROKEN at seq {count(copy)}: signed with a key that is not the one the organisation file "
        "gives "
        "for camille-roux (a forged record)"
    )


def test_an_act_cut_before_its_signature_is_reported(
    signed: Signed, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An act of several events, cut right before the event that carries its signature.
    events = read_events(copy).events
    closing = next(e for e in events[1:] if e.sig and events[e.seq - 2].sig is None)
    lines = copy.read_bytes().splitlines(keepends=True)
    copy.write_bytes(b"".join(lines[: closing.seq - 1]))
    monkeypatch.setenv("CRISISPLAY_STATE_DIR", str(copy.parent / "no-witness"))
    code, out, _ = verify(monkeypatch, signed.home, copy)
    assert code == 1
    assert "the signature that closes the act is missing" in out.splitlines()[0]


def test_all_acts_made_by_key_holders_on_their_own_terminals_pass_require_signatures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = make_key(tmp_path / "keys", "ana")
    home = copy_home(FIXTURE_HOME, tmp_path / "home")
    list_keys(home, [ana])
    timeline = tmp_path / "minimal.jsonl"
    answers = str(FIXTURE_HOME / "playbooks" / "answers" / "minimal.yaml")
    code, _, err = run(
        monkeypatch, ana, "--home", str(home), "activate", "minimal", "--answers", answers,
        "--timeline", str(timeline), "--quiet",
    )  # fmt: skip
    assert code == 0, err
    assert (
        run(
            monkeypatch,
            ana,
            "--home",
            str(home),
            "log",
            "note",
            "call centre: 3x volume",
            "-t",
            str(timeline),
        )[0]
        == 0
    )
    code, out, _ = verify(monkeypatch, home, timeline, "--require-signatures")
    assert code == 0, out
    assert out.splitlines()[2].startswith("signatures: 25 signed by the person named (#1-#25)")


@pytest.mark.parametrize("name", sorted(p.stem for p in V01.glob("*.jsonl")))
def test_a_01_timeline_verifies_as_unsigned_and_require_signatures_refuses_it(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = V01 / f"{name}.jsonl"
    count = len(path.read_bytes().splitlines())
    code, out, _ = verify(monkeypatch, ROOT, path)
    assert code == 0, out
    assert out.splitlines()[2].startswith(f"signatures: {count} unsigned (#1-#{count})") or (
        "written by crisisplay" in out.splitlines()[2]
    )
    code, out, _ = verify(monkeypatch, ROOT, path, "--require-signatures", "-f", "json")
    document = json.loads(out)
    assert code == 1 and document["first_bad_seq"] == 1
    assert document["reason"].endswith("act is not signed")
    assert len(document["problems"]) == count


def test_the_report_says_whether_the_record_verified_and_who_signed_each_decision(
    signed: Signed, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(monkeypatch, None, "--home", str(signed.home), "report", "-t", str(copy))
    assert code == 0, err
    start = out.index("## Le registre")
    record = out[start : out.index("\n## ", start)]
    head = json.loads(copy.read_bytes().splitlines()[-1])["hash"]
    n = count(copy)
    assert f"Vérifié : tout le registre tient ({n} événements). Tête {n}:{head[:16]}" in record
    assert "| Astreinte NOC | enregistré pour son compte par Camille Roux |" in record
    assert "| activation | Camille Roux | signé par Camille Roux |" in record
    assert f"Témoin : la tête n° {n} a été attestée ; le registre l'atteint." in record
    document = json.loads(
        run(monkeypatch, None, "--home", str(signed.home), "report", "-t", str(copy), "-f", "json")[
            1
        ]
    )
    assert document["record"]["verified"] is True
    gates = [d for d in document["record"]["decisions"] if d["kind"] == "gate.passed"]
    assert {(d["actor"], d["by"], d["state"]) for d in gates} >= {
        ("noc-duty", "camille-roux", "on-behalf")
    }
    lines = copy.read_bytes().splitlines(keepends=True)
    cut = next(k for k in range(40, len(lines)) if _closes_an_act(lines[-k - 1]))
    copy.write_bytes(b"".join(lines[:-cut]))
    out = run(monkeypatch, None, "--home", str(signed.home), "report", "-t", str(copy))[1]
    verdict = f"NON vérifié : 1 problème(s), le premier au n° {n - cut + 1} : the timeline ends at"
    assert f"{verdict} \\#{n - cut}" in out
