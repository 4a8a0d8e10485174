"""The signal files: exports read (CSV, JSON Lines, other tools' columns), rows added once, a
line torn by a crash cut without losing the rows acknowledged before it, bad rows named by file
and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisisplay.errors import InputError
from crisisplay.playbook.model import SignalColumns
from crisisplay.signals.exports import read_export
from crisisplay.signals.store import add_rows, read_rows
from tests.conftest import Cli
from tests.signals.data import PARIS

MENTIONS = (
    "time,author,audience,text,sentiment\n"
    "2026-11-23T07:05:00+01:00,@lea,120,Plus de réseau depuis ce matin,negative\n"
    '2026-11-23T07:06:10,@marc,80,"Onde en panne, ""encore""",negative\n'
)


def test_a_mentions_export_is_read_with_times_in_utc(tmp_path: Path) -> None:
    export = tmp_path / "m.csv"
    export.write_text(MENTIONS, encoding="utf-8")
    rows = read_export(export, SignalColumns(), PARIS)
    assert rows[0] == (
        "2026-11-23T06:05:00Z", "", "@lea", "120", "Plus de réseau depuis ce matin", "negative"
    )  # fmt: skip
    assert rows[1][0] == "2026-11-23T06:06:10Z"  # no offset: the organisation's zone
    assert rows[1][4] == 'Onde en panne, "encore"'


def test_json_lines_and_another_tools_columns(tmp_path: Path) -> None:
    export = tmp_path / "calls.jsonl"
    export.write_text(
        '{"heure": "2026-11-23T07:00:00+01:00", "appels": 812}\n\n'
        '{"heure": "2026-11-23T08:00:00+01:00", "appels": "1020"}\n',
        encoding="utf-8",
    )
    rows = read_export(export, SignalColumns(time="heure", count="appels"), PARIS)
    assert [row[:2] for row in rows] == [
        ("2026-11-23T06:00:00Z", "812"),
        ("2026-11-23T07:00:00Z", "1020"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("when,count\n", "m.csv:1: no 'time' column"),
        ("time,count\n2026-11-23T07:00,12\n2026-11-23T08:00,douze\n", "m.csv:3: count 'douze'"),
        ("time,count\nhier,12\n", "m.csv:2: Invalid isoformat string: 'hier'"),
        ("time,author,audience\n2026-11-23T07:00,@a\n", "m.csv:2: a row with fewer fields"),
    ],
)
def test_a_bad_row_names_the_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    export = tmp_path / "m.csv"
    export.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_export(export, SignalColumns(), PARIS)
    assert str(caught.value).startswith(str(tmp_path / message))


def test_rows_added_twice_count_once(tmp_path: Path) -> None:
    export = tmp_path / "m.csv"
    export.write_text(MENTIONS, encoding="utf-8")
    rows = read_export(export, SignalColumns(), PARIS)
    first = add_rows(tmp_path / "signals", "mentions", rows)
    again = add_rows(tmp_path / "signals", "mentions", [*rows, *rows])
    assert (first.added, first.already) == (2, 0)
    assert (again.added, again.already) == (0, 4)
    assert read_rows(first.path) == rows


def test_a_torn_line_is_cut_and_the_rows_before_it_kept(tmp_path: Path) -> None:
    rows = [("2026-11-23T06:00:00Z", str(n), "", "", "", "") for n in range(3)]
    added = add_rows(tmp_path, "calls", rows)
    with added.path.open("ab") as file:  # a crash in the middle of the next add
        file.write(b"2026-11-23T07:00:00Z,4")
    assert read_rows(added.path) == rows
    later = ("2026-11-23T07:00:00Z", "41", "", "", "", "")
    assert add_rows(tmp_path, "calls", [later]).added == 1
    assert read_rows(added.path) == [*rows, later]
    assert added.path.read_bytes().count(b"\n") == 5


def test_a_file_that_is_not_a_signal_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "calls.csv").write_text("something else\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a signal file"):
        add_rows(tmp_path, "calls", [])


def test_add_reads_json_lines_on_stdin(cli: Cli, home_copy: Path) -> None:
    line = (
        '{"time": "2026-11-23T07:05:00+01:00", "author": "@lea", "audience": 90, "text": "boycott"}'
    )
    ran = cli("signals", "add", "-", "--kind", "mentions", "--lang", "en", home=home_copy,
              input=line + "\n")  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert "1 row(s) added" in ran.stdout
    assert "vigilance" in ran.stdout
    assert (home_copy / "signals" / "mentions.csv").is_file()


def test_add_with_a_bad_export_says_file_and_line(
    cli: Cli, home_copy: Path, tmp_path: Path
) -> None:
    export = tmp_path / "bad.csv"
    export.write_text("time,count\n2026-11-23T07:00,-3\n", encoding="utf-8")
    ran = cli("signals", "add", str(export), "--kind", "calls", home=home_copy)
    assert ran.exit_code == 2
    assert f"{export}:2: count '-3' is not a whole number" in ran.stderr


@pytest.mark.parametrize(
    "times",
    [
        ["2026-11-23T07:05:00+01:00", "2026-11-23T06:59:59Z", "2026-11-23T07:00:01"],
        ["2026-03-29T01:59:00", "2026-03-29T03:01:00", "2026-10-25T02:30:00+02:00"],  # DST
        ["2026-11-23T07:05:00.250+01:00", "2026-11-23 07:05:00+05:30"],  # the row-by-row way
    ],
)
def test_the_column_reader_gives_the_rows_the_row_reader_gives(times: list[str]) -> None:
    import io

    from crisisplay.signals.exports import csv_rows, fast_csv

    text = "time,author,audience,text\n" + "".join(
        f'{moment},@p{i},{i * 7},"panne, boycott"\n' for i, moment in enumerate(times)
    )
    slow = list(csv_rows(io.StringIO(text, newline=""), SignalColumns(), PARIS, "m.csv"))
    fast = fast_csv(text, SignalColumns(), PARIS, "m.csv")
    assert fast is None or fast == slow
    assert read_export_text(text) == slow


def read_export_text(text: str) -> list[tuple[str, ...]]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.csv"
        path.write_text(text, encoding="utf-8")
        return list(read_export(path, SignalColumns(), PARIS))
