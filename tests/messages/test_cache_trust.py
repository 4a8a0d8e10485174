"""The template cache only ever runs code the user compiled: never through a symlink swapped in
between two steps, never from a damaged entry, never from a FIFO or a device."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import CodeType

import pytest

from crisisplay.cachedir import CacheFolder, read_entry, user_cache, write_entry
from crisisplay.messages import code_cache
from crisisplay.messages.code_cache import CodeCache
from crisisplay.messages.sandbox import TemplateReads, environment_for
from tests.conftest import Cli

RENDER = ("render", "local-outage", "holding", "--lang", "en", "--channel", "sms", "--sample")

# Swaps two names atomically (renameat2 RENAME_EXCHANGE) or, where the kernel lacks it, by three
# renames; runs until killed.
SWAPPER = textwrap.dedent(
    """
    import ctypes, os, sys
    a, b = sys.argv[1], sys.argv[2]
    libc = ctypes.CDLL(None, use_errno=True)
    exchange = getattr(libc, "renameat2", None)
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    if exchange is not None and exchange(AT_FDCWD, a.encode(), AT_FDCWD, b.encode(),
                                         RENAME_EXCHANGE) != 0:
        exchange = None
    print("renameat2" if exchange else "rename", flush=True)
    while True:
        if exchange is not None:
            exchange(AT_FDCWD, a.encode(), AT_FDCWD, b.encode(), RENAME_EXCHANGE)
        else:
            os.rename(a, a + ".x"); os.rename(b, a); os.rename(a + ".x", b)
    """
)


def _code(marker: str) -> CodeType:
    return compile(f"MARK = {marker!r}", marker, "exec")


def test_a_folder_swapped_for_a_symlink_in_a_loop_never_yields_the_other_code(
    tmp_path: Path,
) -> None:
    root = CacheFolder(tmp_path, ("crisisplay",))
    real = CodeCache(root.child("templates"))
    key = real.key("a.j2", None, "x")
    real.store(key, _code("<ours>"), TemplateReads({}, ()))
    # The other side: a folder with a well-formed entry under the same key, and a symlink to it.
    planted = CodeCache(CacheFolder(tmp_path, ("planted",)))
    planted.store(key, _code("<planted>"), TemplateReads({}, ()))
    link = tmp_path / "crisisplay" / "link"
    link.symlink_to(tmp_path / "planted")
    swapper = subprocess.Popen(
        [sys.executable, "-c", SWAPPER, str(tmp_path / "crisisplay" / "templates"), str(link)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert swapper.stdout is not None
        assert swapper.stdout.readline().strip() in ("renameat2", "rename")
        seen: dict[str | None, int] = {}
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline or len(seen) < 2:
            hit = real.load(key)
            name = hit[0].co_filename if hit else None
            seen[name] = seen.get(name, 0) + 1
            assert name != "<planted>", "code from behind a symlink was loaded"
            assert time.monotonic() < deadline + 10
    finally:
        swapper.kill()
        swapper.wait()
    assert seen.get("<ours>") and seen.get(None), seen  # both states of the swap were met


def test_a_symlinked_cache_folder_is_a_miss(tmp_path: Path) -> None:
    planted = CodeCache(CacheFolder(tmp_path, ("planted",)))
    key = planted.key("a.j2", None, "x")
    planted.store(key, _code("<planted>"), TemplateReads({}, ()))
    (tmp_path / "crisisplay").mkdir(mode=0o700)
    (tmp_path / "crisisplay" / "templates").symlink_to(tmp_path / "planted")
    assert CodeCache(CacheFolder(tmp_path, ("crisisplay", "templates"))).load(key) is None


def test_entries_that_are_fifos_devices_or_symlinks_are_misses_at_once(tmp_path: Path) -> None:
    folder = CacheFolder(tmp_path, ("c",))
    write_entry(folder, "real", b"data")
    os.mkfifo(tmp_path / "c" / "fifo")
    (tmp_path / "c" / "zero").symlink_to("/dev/zero")
    (tmp_path / "c" / "link").symlink_to(tmp_path / "c" / "real")
    start = time.monotonic()
    assert [read_entry(folder, n) for n in ("fifo", "zero", "link")] == [None, None, None]
    assert time.monotonic() - start < 2
    assert read_entry(folder, "real") == b"data"


def test_an_entry_under_another_name_is_a_miss(tmp_path: Path) -> None:
    folder = CacheFolder(tmp_path, ("c",))
    write_entry(folder, "one", b"data")
    (tmp_path / "c" / "one").rename(tmp_path / "c" / "two")
    assert read_entry(folder, "two") is None


def test_a_relative_cache_home_is_ignored() -> None:
    assert user_cache({"XDG_CACHE_HOME": "rel/cache", "HOME": "/home/u"}) == CacheFolder(
        Path("/home/u/.cache"), ("crisisplay",)
    )
    assert user_cache({"XDG_CACHE_HOME": "rel", "HOME": "also-relative"}) is None


def test_a_root_others_can_write_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    folder = CacheFolder(shared, ("crisisplay",))
    write_entry(folder, "k", b"data")
    assert read_entry(folder, "k") is None


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    code_cache.code_cache.cache_clear()
    environment_for.cache_clear()
    yield tmp_path / "cache"
    code_cache.code_cache.cache_clear()
    environment_for.cache_clear()


def _render(cli: Cli) -> str:
    environment_for.cache_clear()
    ran = cli(*RENDER, "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    return ran.stdout


def test_300_single_bit_flips_are_all_misses_and_the_text_stays_right(
    cli: Cli, private_cache: Path
) -> None:
    expected = _render(cli)
    entries = sorted(private_cache.glob("crisisplay/templates-*/*"))
    assert entries
    folder = cache_folder_of(entries[0])
    rng = random.Random(20261123)
    for flip in range(300):
        entry = entries[flip % len(entries)]
        good = entry.read_bytes()
        damaged = bytearray(good)
        bit = rng.randrange(len(damaged) * 8)
        damaged[bit // 8] ^= 1 << (bit % 8)
        entry.write_bytes(bytes(damaged))
        assert CodeCache(folder).load(entry.name) is None, f"flip {flip} at bit {bit} loaded"
        if flip % 50 == 0:  # a render through the damaged entry recompiles it
            assert _render(cli) == expected
        entry.write_bytes(good)


def test_a_changed_string_constant_is_not_published(cli: Cli, private_cache: Path) -> None:
    expected = _render(cli)
    changed = 0
    for entry in private_cache.glob("crisisplay/templates-*/*"):
        data = entry.read_bytes()
        if b"Info" in data:
            entry.write_bytes(data.replace(b"Info", b"Xnfo"))
            changed += 1
    assert changed
    assert _render(cli) == expected
    assert "Xnfo" not in expected


def cache_folder_of(entry: Path) -> CacheFolder:
    return CacheFolder(entry.parents[2], (entry.parent.parent.name, entry.parent.name))


def test_a_cache_root_owned_by_another_user_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `sudo -E` keeps the user's HOME: root must not run what that user's cache holds.
    root = tmp_path / "user-cache"
    folder = CacheFolder(root, ("crisisplay",))
    write_entry(folder, "k", b"data")
    assert read_entry(folder, "k") == b"data"
    if os.geteuid() == 0:
        os.chown(root, 65534, 65534)
    else:
        me = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: me + 1)
    assert read_entry(folder, "k") is None
