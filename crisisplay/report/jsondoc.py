"""The report as one JSON document: every KPI by name at the top level (``docs/report.md``)."""

from __future__ import annotations

from crisisplay.report.document import Report
from crisisplay.textsafe import json_text


def to_json(report: Report) -> str:
    """Hidden characters (C1, bidi, zero-width, tags) written ``\\uXXXX``, as in every JSON."""
    return json_text(report.as_json())
