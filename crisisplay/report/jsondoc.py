"""The report as one JSON document: every KPI by name at the top level (``docs/report.md``)."""

from __future__ import annotations

from collections.abc import Iterator

from crisisplay.report.document import Report
from crisisplay.textsafe import json_chunks


def to_json(report: Report) -> str:
    """Hidden characters (C1, bidi, zero-width, tags) written ``\\uXXXX``, as in every JSON."""
    return "".join(json_pieces(report))


def json_pieces(report: Report) -> Iterator[str]:
    """:func:`to_json` a piece at a time, its long lists made as they are written."""
    return json_chunks(report.as_json())
