"""At 80 columns nothing a person reads or types is cut: no word split across two lines, no id
shortened with an ellipsis, no line wider than the terminal; the board's lines wrap on words
and keep the command to type whole.

Each view is printed twice, on a terminal 80 columns wide and on one wide enough for anything:
every word of the narrow output must be a word of the wide one (a word split in two leaves
pieces the wide output does not have; digits are left out of the comparison, as clocks move
between the two prints).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisplay.console import get_console
from crisisplay.console.prompter import ANSWER_ROOM, fitted_prompt
from crisisplay.console.tables import word_lines
from crisisplay.textsafe import sanitize
from tests.conftest import ROOT, Cli
from tests.report.timelines import incident_timeline

WIDE = 400
#: table and panel borders, which are not words
_BORDERS = re.compile(r"[\u2500-\u257f]+")

#: `published` is left out: its texts are printed one paragraph a line, to be copied whole
VIEWS: tuple[tuple[str, ...], ...] = (("tasks",), ("status",), ("cell",), ("timeline", "show"))
HOME_VIEWS: tuple[tuple[str, ...], ...] = (("list",), ("drill", "list"))


@pytest.fixture(scope="module")
def incidents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("eighty")
    return {
        lang: incident_timeline("nationwide-outage", folder / lang, lang) for lang in ("fr", "en")
    }


def _printed(cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    get_console.cache_clear()  # the console takes its width when it is made
    try:
        ran = cli(*args)
    finally:
        get_console.cache_clear()
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    return ran.stdout


def _words(text: str) -> set[str]:
    return {re.sub(r"\d", "0", word) for word in _BORDERS.sub(" ", sanitize(text)).split()}


def _check(cli: Cli, monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    narrow = _printed(cli, monkeypatch, 80, *args)
    wide = _printed(cli, monkeypatch, WIDE, *args)
    too_long = [line for line in narrow.splitlines() if len(line.rstrip()) > 80]
    assert not too_long, too_long[:3]
    cut = sorted(_words(narrow) - _words(wide))
    assert not cut, f"{' '.join(args)} at 80 columns cuts: {cut[:12]}"
    assert "…" not in narrow


@pytest.mark.parametrize("view", VIEWS, ids="-".join)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_incidents_views_cut_nothing_at_80_columns(
    cli: Cli,
    monkeypatch: pytest.MonkeyPatch,
    incidents: dict[str, Path],
    view: tuple[str, ...],
    lang: str,
) -> None:
    _check(cli, monkeypatch, *view, "--timeline", str(incidents[lang]))


@pytest.mark.parametrize("view", HOME_VIEWS, ids="-".join)
def test_the_homes_lists_cut_nothing_at_80_columns(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, view: tuple[str, ...]
) -> None:
    _check(cli, monkeypatch, "--home", str(ROOT), *view)


@given(
    words=st.lists(
        st.text(alphabet="abcdéèàçXYZ-:',()0123456789", min_size=1, max_size=14),
        min_size=1,
        max_size=40,
    ),
    command=st.sampled_from(
        ["[do inform-authorities]", "[gate noc-scope]", "[publish holding]", "`sync`"]
    ),
    at=st.integers(min_value=0, max_value=40),
    width=st.integers(min_value=20, max_value=120),
)
def test_a_board_line_wraps_on_words_and_keeps_its_command_whole(
    words: list[str], command: str, at: int, width: int
) -> None:
    text = " ".join([*words[:at], command, *words[at:]])
    lines = word_lines(text, width, "  - ", "    ")
    assert sum(command in line for line in lines) == 1
    assert " ".join(" ".join(lines).split()) == "- " + " ".join(text.split())
    for line in lines:  # a longer line holds one thing that cannot be cut, and nothing else
        unit = line.strip().removeprefix("- ")
        unit = re.sub(r" (?=[?!:;»])|(?<=«) ", "", unit.replace(command, "_"))  # stuck to it
        assert len(line) <= width or " " not in unit, (line, width)


@given(
    words=st.lists(
        st.text(alphabet="abcdeéàXYZ-',()0123456789", min_size=1, max_size=12),
        min_size=1,
        max_size=30,
    ),
    hint=st.sampled_from(["", "(flèches pour choisir, Entrée pour valider)", "(arrows)"]),
    width=st.integers(min_value=30, max_value=120),
)
def test_a_question_is_laid_out_on_words_with_room_for_its_prompt(
    words: list[str], hint: str, width: int
) -> None:
    message = " ".join(words)
    laid, shown_hint = fitted_prompt(message, hint, width, ANSWER_ROOM)
    screen = f"? {laid} {shown_hint}".split("\n")  # as the prompt library prints it
    assert all(len(line.rstrip()) <= width or " " not in line.strip() for line in screen)
    assert " ".join(" ".join(screen).split()) == " ".join(f"? {message} {hint}".split())
