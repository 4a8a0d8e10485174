"""A few rendered messages pinned word for word.

A change of template or of rendering shows up here as a diff to review. To accept the new
texts, regenerate the snapshots and read the diff before committing:

    CRISISPLAY_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/messages/test_snapshots.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from crisisplay.messages.variables import RenderContext
from tests.messages.conftest import Render

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("CRISISPLAY_UPDATE_SNAPSHOTS") == "1"

CASES = [
    ("nationwide-outage", "holding", "x", "fr", False),
    ("nationwide-outage", "holding", "sms", "en", False),
    ("nationwide-outage", "holding", "email", "fr", False),
    ("nationwide-outage", "resolution", "push", "fr", True),
    ("nationwide-outage", "update", "status-page", "en", False),
    ("nationwide-outage", "ivr", "ivr", "fr", False),
    ("nationwide-outage", "resolution", "sms", "fr", True),
]


def _snapshot(item_json: dict[str, object]) -> str:
    keep = ("channel", "lang", "title", "subject", "text", "html", "length", "limit", "ok")
    kept = {key: item_json[key] for key in keep if key in item_json}
    kept["findings"] = [f"{f['level']} {f['rule']}" for f in item_json["findings"]]  # type: ignore[attr-defined]
    return json.dumps(kept, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(
    ("scenario", "message", "channel", "lang", "drill"),
    CASES,
    ids=[f"{m}-{c}-{lang}{'-drill' if d else ''}" for _, m, c, lang, d in CASES],
)
def test_rendered_text_matches_its_snapshot(
    render_bundled: Render, scenario: str, message: str, channel: str, lang: str, drill: bool
) -> None:
    context = RenderContext("10:00", "11:00", "2026-03-14", drill=drill, incident_id="inc-test")
    item = render_bundled(scenario, message, lang=lang, context=context, channels=[channel])[0]
    if item.skipped:
        pytest.fail(f"{channel} skipped with the sample facts: {item.skipped}")
    actual = _snapshot(item.as_json())
    path = SNAPSHOTS / f"{scenario}.{message}.{channel}.{lang}{'.drill' if drill else ''}.json"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no snapshot {path.name}: run with CRISISPLAY_UPDATE_SNAPSHOTS=1")
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
