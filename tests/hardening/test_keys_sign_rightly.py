"""A key never signs wrongly in silence: a key whose person is not in the organisation file, a
key that is not the one the file gives its person, or an identity file that does not describe
its private key, is refused before anything is recorded (exit 2, with how to fix it), where it
used to sign acts that then failed `timeline verify` forever."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisplay.timeline.signing import IDENTITY_FILE
from tests.conftest import ROOT
from tests.timeline.signing_support import copy_home, list_keys, make_key, run

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"


@pytest.fixture
def incident(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    home = copy_home(ROOT, tmp_path / "home")
    timeline = tmp_path / "incident.jsonl"
    code, _, err = run(monkeypatch, None, "--home", str(home), "activate", "nationwide-outage",
                       "--answers", str(ANSWERS), "--timeline", str(timeline), "--quiet",
                       "--actor", "camille-roux")  # fmt: skip
    assert code == 0, err
    return home, timeline


def _note(
    monkeypatch: pytest.MonkeyPatch, key: Path, home: Path, timeline: Path
) -> tuple[int, str]:
    code, _, err = run(monkeypatch, key, "--home", str(home), "log", "note", "signed?",
                       "--timeline", str(timeline), "--actor", "camille-roux")  # fmt: skip
    return code, err


def test_a_key_of_someone_not_in_the_organisation_file_is_refused(
    incident: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, timeline = incident
    key = make_key(tmp_path / "root-key", "root")  # `key init` run without --person, as root
    before = timeline.read_bytes()
    code, err = _note(monkeypatch, key.folder, home, timeline)
    assert code == 2, err
    assert "root" in err and "crisisplay key init --person" in err
    assert timeline.read_bytes() == before


def test_a_key_the_roster_does_not_give_its_person_is_refused(
    incident: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, timeline = incident
    listed = make_key(tmp_path / "listed", "camille-roux")
    list_keys(home, [listed])
    other = make_key(tmp_path / "other", "camille-roux")  # a second key, never listed
    before = timeline.read_bytes()
    code, err = _note(monkeypatch, other.folder, home, timeline)
    assert code == 2, err
    assert other.public in err and "crisisplay key show" in err
    assert timeline.read_bytes() == before
    # the listed key records, and signs with the key the roster gives
    code, err = _note(monkeypatch, listed.folder, home, timeline)
    assert code == 0, err
    last = json.loads(timeline.read_bytes().splitlines()[-1])
    assert last["kind"] == "note.added" and last["sig"].startswith(listed.public + ":")


def test_an_identity_that_does_not_describe_its_private_key_is_refused(
    incident: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, timeline = incident
    mine = make_key(tmp_path / "mine", "camille-roux")
    theirs = make_key(tmp_path / "theirs", "camille-roux")
    list_keys(home, [theirs])
    # the identity file says the listed public key; the private key beside it is another one
    described = {"person": "camille-roux", "public": theirs.public}
    (mine.folder / IDENTITY_FILE).write_text(json.dumps(described) + "\n", encoding="utf-8")
    before = timeline.read_bytes()
    code, err = _note(monkeypatch, mine.folder, home, timeline)
    assert code == 2, err
    assert "is not the one" in err
    assert timeline.read_bytes() == before


def test_key_init_takes_its_person_from_the_roster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = copy_home(ROOT, tmp_path / "home")
    monkeypatch.setenv("LOGNAME", "nobody-here")  # a login the roster maps to no one
    folder = tmp_path / "config"
    code, _, err = run(monkeypatch, folder, "--home", str(home), "key", "init")
    assert code == 2 and "nobody-here" in err
    assert not (folder / IDENTITY_FILE).exists()
    code, _, err = run(monkeypatch, folder, "--home", str(home), "key", "init", "--person", "root")
    assert code == 2 and "root" in err
    # the login the roster gives camille-roux makes her key
    monkeypatch.setenv("LOGNAME", "croux")
    code, _, err = run(monkeypatch, folder, "--home", str(home), "key", "init")
    assert code == 0, err
    described = json.loads((folder / IDENTITY_FILE).read_text(encoding="utf-8"))
    assert described["person"] == "camille-roux"
