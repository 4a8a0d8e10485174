"""Playbook files parsed once and playbooks checked once: the same bytes, the same answer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crisisplay.errors import PlaybookInvalid
from crisisplay.home import Home
from crisisplay.playbook import doc_cache
from crisisplay.playbook.doc_cache import cached_document, known_valid
from crisisplay.playbook.load import load_playbook
from crisisplay.playbook.yamlio import load_yaml
from tests.conftest import ROOT

SCENARIO = ROOT / "playbooks" / "scenarios" / "nationwide-outage.yaml"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    doc_cache._folder.cache_clear()
    yield tmp_path / "cache"
    doc_cache._folder.cache_clear()


def test_a_cached_document_equals_a_parsed_one(private_cache: Path) -> None:
    first = cached_document(SCENARIO, "scenario.yaml")
    assert list(private_cache.glob("crisisplay/documents-*/*")), "stored on the first read"
    second = cached_document(SCENARIO, "scenario.yaml")
    parsed = load_yaml(SCENARIO, display="scenario.yaml")
    for doc in (first, second):
        assert (doc.data, doc.values, doc.keys) == (parsed.data, parsed.values, parsed.keys)
        assert doc.digest and doc.digest == first.digest


def test_an_edited_file_is_parsed_again(tmp_path: Path) -> None:
    copy = tmp_path / "s.yaml"
    shutil.copy(SCENARIO, copy)
    before = cached_document(copy, "s.yaml")
    copy.write_text(copy.read_text().replace("id: nationwide-outage", "id: other"), "utf-8")
    after = cached_document(copy, "s.yaml")
    assert after.data["id"] == "other" and before.data["id"] == "nationwide-outage"
    assert after.digest != before.digest


def test_a_checked_playbook_is_remembered_and_an_edit_is_checked_again(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for name in ("playbooks", "templates"):
        shutil.copytree(ROOT / name, home / name)
    playbook = load_playbook(Home(home), only="nationwide-outage")
    assert known_valid(playbook.documents.values())
    scenario = home / "playbooks" / "scenarios" / "nationwide-outage.yaml"
    scenario.write_text(scenario.read_text().replace("owner: noc-liaison", "owner: noc-liason", 1))
    with pytest.raises(PlaybookInvalid, match="unknown role 'noc-liason'"):
        load_playbook(Home(home), only="nationwide-outage")


def test_a_damaged_cache_entry_is_a_miss(private_cache: Path) -> None:
    cached_document(SCENARIO, "scenario.yaml")
    for entry in private_cache.glob("crisisplay/documents-*/*"):
        entry.write_text("{not json")
    assert cached_document(SCENARIO, "scenario.yaml").data["id"] == "nationwide-outage"
