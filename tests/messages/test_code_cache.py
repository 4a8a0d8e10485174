"""Compiled templates kept between runs: same output, private folder, any fault means a miss."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import CodeType

import pytest

from crisisplay.cachedir import CacheFolder
from crisisplay.messages.code_cache import CodeCache, cache_folder
from crisisplay.messages.sandbox import TemplateReads

SOURCE = "Hello {{ name }}"


def _without_times(text: str) -> str:
    return re.sub(r"\d{1,2}[h:.]\d{2}", "HH:MM", text)


def _compiled() -> CodeType:
    return compile("x = 1", "<t>", "exec")


def test_a_stored_template_comes_back_with_what_it_reads(tmp_path: Path) -> None:
    cache = CodeCache(CacheFolder(tmp_path, ("c",)))
    key = cache.key("a/b.fr.j2", "/home/t/a/b.fr.j2", SOURCE)
    cache.store(key, _compiled(), TemplateReads({"name": 1}, ("_shared/x.j2",)))
    code, variables, templates = cache.load(key) or (None, None, None)
    assert isinstance(code, CodeType)
    assert variables == {"name": 1} and templates == ("_shared/x.j2",)
    assert (tmp_path / "c").stat().st_mode & 0o777 == 0o700


def test_the_key_changes_with_the_source_and_the_file() -> None:
    base = CodeCache.key("a.j2", "/h1/a.j2", SOURCE)
    assert base != CodeCache.key("a.j2", "/h1/a.j2", SOURCE + "!")
    assert base != CodeCache.key("a.j2", "/h2/a.j2", SOURCE)


def test_a_folder_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    cache = CodeCache(CacheFolder(tmp_path, ("c",)))
    key = cache.key("a.j2", None, SOURCE)
    cache.store(key, _compiled(), TemplateReads({}, ()))
    folder.chmod(0o777)
    assert cache.load(key) is None


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    cache = CodeCache(CacheFolder(tmp_path, ("c",)))
    key = cache.key("a.j2", None, SOURCE)
    cache.store(key, _compiled(), TemplateReads({}, ()))
    (tmp_path / "c" / key).write_bytes(b"\x00garbage")
    assert cache.load(key) is None


def test_caching_can_be_turned_off() -> None:
    assert cache_folder({"CRISISPLAY_NO_CACHE": "1", "HOME": "/home/x"}) is None
    folder = cache_folder({"XDG_CACHE_HOME": "/c"})
    assert folder is not None and folder.path.parent == Path("/c/crisisplay")


def test_rendering_twice_gives_the_same_text_from_the_cache(
    cli: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crisisplay.messages import code_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    code_cache.code_cache.cache_clear()
    from crisisplay.messages.sandbox import environment_for

    environment_for.cache_clear()
    first = cli("render", "nationwide-outage", "holding", "--sample", "--format", "json")  # type: ignore[operator]
    entries = list((tmp_path / "crisisplay").glob("templates-*/*"))
    assert entries, "the first render stores its compiled templates"
    environment_for.cache_clear()
    second = cli("render", "nationwide-outage", "holding", "--sample", "--format", "json")  # type: ignore[operator]
    assert first.exit_code == second.exit_code == 0
    # (the clock may have moved on between the two renders: times of day aside)
    assert _without_times(first.stdout) == _without_times(second.stdout)
    code_cache.code_cache.cache_clear()
    environment_for.cache_clear()
    assert os.environ["XDG_CACHE_HOME"] == str(tmp_path)
