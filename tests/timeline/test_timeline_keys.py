"""`crisisplay key init|show`, the signed line format, and the witness as the store writes it."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from signing_support import ROOT, copy_home, list_keys, make_key, run
from timeline_support import INCIDENT, NoteMaker, activation

from crisisplay.errors import UsageError
from crisisplay.timeline.events import BadLine, canonical, parse_line, seal
from crisisplay.timeline.signing import KeySigner, create_key, read_identity, signed_body
from crisisplay.timeline.store import TimelineStore, read_events
from crisisplay.timeline.verify import verify
from crisisplay.timeline.witness import FileWitness


def test_key_init_makes_a_private_key_only_its_owner_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config"
    code, out, _ = run(monkeypatch, folder, "key", "init", "--person", "camille-roux")
    identity = read_identity(folder)
    assert code == 0 and identity is not None
    assert out.splitlines() == [
        f"created the signing key of camille-roux in {folder}",
        "add this line to camille-roux's entry under people: in the organisation file:",
        f"  key: {identity.public}",
    ]
    assert stat.S_IMODE((folder / "signing-key.pem").stat().st_mode) == 0o600
    assert identity.public.startswith("ed25519:") and len(identity.public) == 52
    again = run(monkeypatch, folder, "key", "init", "--person", "camille-roux")
    assert again[0] == 2 and "a signing key already exists" in again[2]


def test_key_show_prints_the_roster_line_and_whether_the_roster_has_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = make_key(tmp_path / "keys", "camille-roux")
    home = copy_home(ROOT, tmp_path / "home")
    code, out, err = run(monkeypatch, key, "--home", str(home), "key", "show")
    assert (code, out) == (0, f"key: {key.public}\n")
    assert "does not give this key" in err
    list_keys(home, [key])
    code, out, _ = run(monkeypatch, key, "--home", str(home), "key", "show", "-f", "json")
    assert json.loads(out) == {
        "person": "camille-roux",
        "key": key.public,
        "folder": str(key.folder),
        "in_roster": True,
    }
    assert run(monkeypatch, tmp_path / "nobody", "key", "show")[0] == 2


def test_a_person_id_that_the_roster_cannot_hold_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run(monkeypatch, tmp_path / "c", "key", "init", "--person", "Camille Roux")
    assert code == 2 and "is not a person of the roster" in err and "camille-roux" in err


def test_a_passphrase_protected_key_asks_for_it_before_recording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRISISPLAY_KEY_PASSPHRASE", "correct horse")
    folder = tmp_path / "config"
    assert (
        run(monkeypatch, folder, "key", "init", "--person", "ines-haddad", "--passphrase")[0] == 0
    )
    assert b"ENCRYPTED" in (folder / "signing-key.pem").read_bytes()
    timeline = tmp_path / "t.jsonl"
    TimelineStore(timeline, incident=INCIDENT).append(activation())
    assert run(monkeypatch, folder, "log", "note", "signed", "-t", str(timeline))[0] == 0
    monkeypatch.setenv("CRISISPLAY_KEY_PASSPHRASE", "wrong")
    code, _, err = run(monkeypatch, folder, "log", "note", "not signed", "-t", str(timeline))
    assert code == 2 and "wrong passphrase" in err
    monkeypatch.delenv("CRISISPLAY_KEY_PASSPHRASE")
    code, _, err = run(monkeypatch, folder, "log", "note", "not signed", "-t", str(timeline))
    assert code == 2 and "protected by a passphrase" in err
    lines = timeline.read_bytes().splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["by"] == "ines-haddad"  # nothing else


def test_the_key_holder_acts_when_no_actor_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, note: NoteMaker
) -> None:
    key = make_key(tmp_path / "keys", "marc-dubois")
    timeline = tmp_path / "t.jsonl"
    TimelineStore(timeline, incident=INCIDENT).append(activation())
    assert run(monkeypatch, key, "log", "decision", "hold", "-t", str(timeline))[0] == 0
    last = json.loads(timeline.read_bytes().splitlines()[-1])
    assert (last["actor"], last["by"]) == ("marc-dubois", "marc-dubois")


def test_a_signed_line_is_canonical_and_its_signature_covers_all_but_hash_and_sig(
    tmp_path: Path, note: NoteMaker
) -> None:
    identity = create_key(tmp_path / "k", "ana", None)
    signer = KeySigner(identity, lambda: None)
    first, first_line = seal(note(), seq=1, prev="0" * 64, incident=INCIDENT, signer=signer)
    opening, opening_line = seal(
        note(), seq=2, prev=first.hash, incident=INCIDENT, signer=signer, closes_act=False
    )
    for event, line in ((first, first_line), (opening, opening_line)):
        assert line == canonical(event.as_json()) + b"\n"
        assert parse_line(line.rstrip(b"\n")) == event
    document = first.as_json()
    del document["hash"], document["sig"]
    assert signed_body(first_line) == canonical(document)
    assert opening.by == "ana" and opening.sig is None
    unsigned, line = seal(note(), seq=1, prev="0" * 64, incident=INCIDENT)
    assert b'"by"' not in line and b'"sig"' not in line
    assert line == canonical(unsigned.as_json()) + b"\n"


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ('"by":""', "by or sig is not a non-empty string"),
        ('"by":"ana","sig":7', "by or sig is not a non-empty string"),
        ('"sig":"x"', "wrong fields (missing: none, unknown: ['sig'])"),
    ],
)
def test_a_signature_field_out_of_place_is_refused(bad: str, reason: str, note: NoteMaker) -> None:
    _, line = seal(note(), seq=1, prev="0" * 64, incident=INCIDENT)
    broken = line.replace(b'"incident"', bad.encode() + b',"incident"', 1).rstrip(b"\n")
    with pytest.raises(BadLine) as caught:
        parse_line(broken)
    assert caught.value.reason == reason


def test_the_witness_sees_every_acknowledged_head_and_never_fails_an_append(
    tmp_path: Path, note: NoteMaker
) -> None:
    witness = FileWitness(tmp_path / "state")
    timeline = tmp_path / "t.jsonl"
    store = TimelineStore(timeline, incident=INCIDENT, witness=witness)
    events = [store.append(note()) for _ in range(3)]
    assert [(h.seq, h.head) for h in witness.heads(INCIDENT)] == [(e.seq, e.hash) for e in events]
    assert verify(timeline, witnesses=[witness]).ok
    # A witness that cannot be written: the act is on disk all the same, and the store says why.
    (tmp_path / "not-a-folder").write_text("")
    other = TimelineStore(timeline, witness=FileWitness(tmp_path / "not-a-folder"))
    assert other.append(note()).seq == 4 and other.witness_failed is not None
    assert len(timeline.read_bytes().splitlines()) == 4
    # A rewritten timeline no longer matches what was witnessed.
    rewritten = timeline.read_bytes().splitlines(keepends=True)[:2]
    timeline.write_bytes(b"".join(rewritten))
    TimelineStore(timeline, witness=None).append(note("another third"))
    result = verify(timeline, witnesses=[witness])
    assert not result.ok and result.first_bad_seq == 3
    assert "#3 is not the event that the witness" in (result.reason or "")


def test_an_unreadable_key_description_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read_identity(_broken_identity(tmp_path))


def _broken_identity(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "signing-key.json").write_text('{"person": 3}')
    return folder


def test_cryptography_is_imported_only_when_a_key_is_used(tmp_path: Path, note: NoteMaker) -> None:
    timeline = tmp_path / "t.jsonl"
    TimelineStore(timeline, incident=INCIDENT).append(activation())
    code = (
        "import sys\n"
        "from crisisplay.cli.main import app\n"
        "try:\n"
        f"    app(['log', 'note', 'hello', '-t', {str(timeline)!r}, '--actor', 'ines-haddad'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('cryptography' in sys.modules)\n"
    )
    env = {**os.environ, "CRISISPLAY_CONFIG_DIR": str(tmp_path / "no-key")}
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert ran.stdout.splitlines() == ["recorded #2", "False"]
    make_key(tmp_path / "keys", "ines-haddad")
    env["CRISISPLAY_CONFIG_DIR"] = str(tmp_path / "keys" / "ines-haddad")
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert ran.stdout.splitlines() == ["recorded #3", "True"]


def test_a_repair_is_crisisplays_own_event_signed_by_the_terminal_that_wrote_it(
    tmp_path: Path, note: NoteMaker
) -> None:
    key = make_key(tmp_path / "keys", "alice")
    timeline = tmp_path / "t.jsonl"
    store = TimelineStore(timeline, incident=INCIDENT, signer=KeySigner(key, lambda: None))
    store.append(note())
    with timeline.open("ab") as file:
        file.write(b'{"actor":"alice","by":"ali')  # a write a crash cut short
    events = TimelineStore(timeline, signer=KeySigner(key, lambda: None)).append_many([note()])
    repaired = read_events(timeline).events[1]
    assert (repaired.kind, repaired.actor, repaired.by) == (
        "timeline.repaired",
        "crisisplay",
        "alice",
    )
    assert events[-1].seq == 3
    result = verify(timeline, roster={"alice": key.public}, require_signatures=True)
    assert result.ok, result.flaws
    assert [result.signatures.state_of(seq) for seq in (1, 2, 3)] == ["own", "system", "own"]
