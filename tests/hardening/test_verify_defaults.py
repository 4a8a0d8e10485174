"""`timeline verify` holds by default: an unsigned act of a person the organisation file gives a
key is a problem (a timeline stripped of its signatures no longer verifies), while the unsigned
timelines of an organisation without keys still do; a head given with --expect has the short
form's 16 hex digits at least."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crisisplay.timeline.events import NewEvent, canonical
from crisisplay.timeline.signing import KeySigner
from crisisplay.timeline.store import TimelineStore
from tests.conftest import ROOT, Cli
from tests.timeline.signing_support import copy_home, list_keys, make_key, rechain

START = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)
INCIDENT = "20261123-1500-local-outage-7e1d"


def _activation() -> NewEvent:
    payload = {"scenario": "local-outage", "title": "Local outage", "lang": "fr"}
    return NewEvent("incident.activated", "camille-roux", "cell-lead", payload, START)


def _note(actor: str, i: int) -> NewEvent:
    return NewEvent("note.added", actor, None, {"text": f"NOC {i}"}, START + timedelta(seconds=i))


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path]:
    """A home whose organisation file gives camille-roux a key (and marc-dubois none), and an
    incident of her acts signed with it."""
    key = make_key(tmp_path / "keys", "camille-roux")
    home = copy_home(ROOT, tmp_path / "home")
    list_keys(home, [key])
    path = tmp_path / "signed.jsonl"
    store = TimelineStore(
        path, incident=INCIDENT, signer=KeySigner(key, lambda: None), witness=None
    )
    store.append(_activation())
    for i in range(1, 5):
        store.append(_note("camille-roux", i))
    return home, path


def _verify(cli: Cli, home: Path, timeline: Path, *extra: str) -> tuple[int, list[str]]:
    ran = cli("timeline", "verify", "--timeline", str(timeline), *extra, home=home)
    return ran.exit_code, ran.stdout.splitlines()


def test_an_unsigned_act_of_a_person_with_a_key_does_not_verify(
    cli: Cli, signed: tuple[Path, Path], tmp_path: Path
) -> None:
    home, path = signed
    assert _verify(cli, home, path)[0] == 0
    # every signature stripped and the chain recomputed, verified where no head was witnessed
    stripped = tmp_path / "stripped.jsonl"
    events = [json.loads(line) for line in path.read_bytes().splitlines()]
    for event in events:
        event.pop("by", None)
        event.pop("sig", None)
    stripped.write_bytes(rechain([canonical(event) for event in events]))
    code, out = _verify(cli, home, stripped)
    assert code == 1
    assert out[0] == (
        "BROKEN at seq 1: camille-roux's act is not signed, though the organisation file gives "
        "camille-roux a key (its signature was removed, or it was recorded without it) (and the "
        "same at 4 more: #2-#5)"
    )
    # an organisation without keys keeps its unsigned timelines verifying
    assert _verify(cli, ROOT, stripped)[0] == 0
    # one unsigned act added in the name of the key holder; one of a person without a key
    unsigned = TimelineStore(path, incident=INCIDENT, signer=None, witness=None)
    unsigned.append(_note("marc-dubois", 5))
    assert _verify(cli, home, path)[0] == 0
    unsigned.append(_note("camille-roux", 6))
    code, out = _verify(cli, home, path, "--format", "json")
    document = json.loads("\n".join(out))
    assert code == 1 and document["first_bad_seq"] == 7
    assert "camille-roux's act is not signed" in document["reason"]


def test_expect_takes_the_short_forms_16_hex_digits_at_least(
    cli: Cli, signed: tuple[Path, Path]
) -> None:
    home, path = signed
    head = json.loads(path.read_bytes().splitlines()[-1])["hash"]
    ran = cli("timeline", "verify", "--timeline", str(path), "--expect", f"5:{head[:8]}", home=home)
    assert ran.exit_code == 2
    assert "at least 16 hex digits" in ran.stderr
    assert _verify(cli, home, path, "--expect", f"5:{head[:16]}")[0] == 0
    assert _verify(cli, home, path, "--expect", f"5:{'0' * 16}")[0] == 1
