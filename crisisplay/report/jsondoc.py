"""The report as one JSON document: every KPI by name at the top level (``docs/report.md``)."""

from __future__ import annotations

import json
import re

from crisisplay.report.document import Report

# JSON escapes C0 controls itself; these pass through `ensure_ascii=False` and can still move
# the cursor (C1) or disguise text (bidi) when the file is printed, so they are written \uXXXX.
_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def to_json(report: Report) -> str:
    text = json.dumps(report.as_json(), ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
