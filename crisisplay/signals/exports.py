"""Reading the exports of the cell's listening tools: CSV or JSON Lines, either a count per
interval (``time,count``) or one mention a row (``time,author,audience,text[,sentiment]``);
the organisation file maps other tools' column names onto these."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import tzinfo
from pathlib import Path
from typing import IO, Any

from crisisplay.errors import InputError, Location
from crisisplay.playbook.model import SignalColumns
from crisisplay.signals.columns import table
from crisisplay.signals.rows import Row, TimeReader, one_line

JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


def read_export(
    path: Path, columns: SignalColumns, zone: tzinfo, stream: IO[str] | None = None
) -> list[Row]:
    """Every row of one export (``stream``: already open, like stdin), checked; a bad row is an
    ``InputError`` naming the file and line."""
    name = str(path)
    try:
        handle = stream if stream is not None else path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    try:
        if path.suffix.lower() in JSON_SUFFIXES:
            return list(json_rows(handle, columns, zone, name))
        text = handle.read()
        return fast_csv(text, columns, zone, name) or list(
            csv_rows(io.StringIO(text, newline=""), columns, zone, name)
        )
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text ({exc.reason})") from None
    finally:
        if stream is None:
            handle.close()


def fast_csv(text: str, columns: SignalColumns, zone: tzinfo, name: str) -> list[Row] | None:
    """The export read column by column (see ``crisisplay.signals.columns``), or None."""
    lines = io.StringIO(text, newline="")
    header = next(csv.reader(lines), None)
    if header is None:
        return None
    where = {title.strip(): index for index, title in enumerate(header)}
    shape = _Shape(columns, where, name)
    if shape.count is not None:
        return table(lines, shape.time, shape.count, (), zone)
    found = shape.mention_columns()
    at = tuple(-1 if index is None else index for index in found)
    return table(lines, shape.time, None, at, zone)


def csv_rows(
    lines: Iterable[str], columns: SignalColumns, zone: tzinfo, name: str
) -> Iterator[Row]:
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        return
    where = {title.strip(): index for index, title in enumerate(header)}
    shape = _Shape(columns, where, name)
    read_time = TimeReader(zone)
    time_at, count_at = shape.time, shape.count
    try:
        if count_at is not None:
            for fields in reader:
                if fields:
                    yield (read_time(fields[time_at]), _count(fields[count_at]), "", "", "", "")
            return
        author_at, audience_at, text_at, sentiment_at = shape.mention_columns()
        for fields in reader:
            if fields:
                yield (
                    read_time(fields[time_at]),
                    "",
                    one_line(fields[author_at]),
                    _audience(fields[audience_at]) if audience_at is not None else "",
                    one_line(fields[text_at]) if text_at is not None else "",
                    one_line(fields[sentiment_at]) if sentiment_at is not None else "",
                )
    except (ValueError, IndexError) as exc:
        raise _bad(name, reader.line_num, exc) from None


def json_rows(
    lines: Iterable[str], columns: SignalColumns, zone: tzinfo, name: str
) -> Iterator[Row]:
    read_time = TimeReader(zone)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("expected one JSON object a line")
            yield mention_or_count(record, columns, read_time)
        except (ValueError, KeyError) as exc:
            raise _bad(name, number, exc) from None


def mention_or_count(
    record: Mapping[str, Any], columns: SignalColumns, read_time: TimeReader
) -> Row:
    """One record of JSON Lines (or of a live source): a count when it has one, else a mention."""
    if columns.time not in record:
        raise ValueError(f"no {columns.time!r}")
    time = read_time(str(record[columns.time]))
    if columns.count in record:
        return (time, _count(record[columns.count]), "", "", "", "")
    if columns.author not in record:
        raise ValueError(f"neither {columns.count!r} nor {columns.author!r}")
    audience = record.get(columns.audience)
    return (
        time,
        "",
        one_line(str(record[columns.author])),
        _audience(audience) if audience not in (None, "") else "",
        one_line(str(record.get(columns.text) or "")),
        one_line(str(record.get(columns.sentiment) or "")),
    )


class _Shape:
    """Which columns of a CSV header hold what."""

    def __init__(self, columns: SignalColumns, where: dict[str, int], name: str) -> None:
        self.columns, self.where, self.name = columns, where, name
        if columns.time not in where:
            raise InputError(
                f"no {columns.time!r} column",
                location=Location(name, 1),
                hint=f"the header has {', '.join(where) or 'nothing'}; the organisation file's "
                "listening.columns maps another tool's names",
            )
        self.time = where[columns.time]
        self.count = where.get(columns.count)
        if self.count is None and columns.author not in where:
            raise InputError(
                f"neither a {columns.count!r} column (counts) nor an {columns.author!r} column "
                "(one mention a row)",
                location=Location(name, 1),
            )

    def mention_columns(self) -> tuple[int, int | None, int | None, int | None]:
        c, where = self.columns, self.where
        return where[c.author], where.get(c.audience), where.get(c.text), where.get(c.sentiment)


def _count(value: object) -> str:
    if isinstance(value, bool):
        raise ValueError(f"count {value!r} is not a whole number")
    text = str(value).strip()
    if not text.isdigit():
        raise ValueError(f"count {value!r} is not a whole number")
    return str(int(text))


def _audience(value: object) -> str:
    if type(value) is str and value.isdigit():
        return value
    text = str(value).strip().replace(" ", "").replace("\u202f", "").replace(",", "")
    if not text:
        return ""
    if not text.isdigit():
        raise ValueError(f"audience {value!r} is not a whole number")
    return text


def _bad(name: str, line: int, exc: Exception) -> InputError:
    if isinstance(exc, IndexError):
        reason = "a row with fewer fields than the header"
    elif isinstance(exc, KeyError):
        reason = f"missing {exc}"
    else:
        reason = str(exc)
    return InputError(reason, location=Location(name, line))
