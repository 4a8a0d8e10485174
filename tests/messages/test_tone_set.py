"""The tone linter measured on a labelled set of sentences (``tone_set.yaml``).

Per language: recall over the (sentence, rule) pairs the set labels, precision over the
(sentence, rule) pairs the linter reports. A finding of a rule the sentence is not labelled
with counts against precision, a labelled rule not reported against recall.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from crisisplay.messages.lint import ToneLinter
from crisisplay.playbook.load import Playbook

SET = yaml.safe_load((Path(__file__).parent / "tone_set.yaml").read_text(encoding="utf-8"))
MIN_SENTENCES = {"fr": 60, "en": 30}


def _scores(bundled: Playbook, lang: str) -> tuple[float, float, list[str]]:
    linter = ToneLinter(bundled.organisation.tone, lang)
    true_pos = false_pos = false_neg = 0
    misses: list[str] = []
    for item in SET[lang]:
        found = {
            f.rule
            for f in linter.lint(item["text"], kind=item.get("kind"), channel=item.get("channel"))
        }
        found -= {"next-update-time", "where-to-follow", "apology"}
        wanted = set(item["rules"])
        true_pos += len(found & wanted)
        false_pos += len(found - wanted)
        false_neg += len(wanted - found)
        if found != wanted:
            misses.append(f"{item['text']!r}: found {sorted(found)}, labelled {sorted(wanted)}")
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    recall = true_pos / (true_pos + false_neg) if true_pos + false_neg else 1.0
    return precision, recall, misses


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_linter_meets_the_labelled_set(
    bundled: Playbook, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    items: list[dict[str, Any]] = SET[lang]
    bad = sum(1 for item in items if item["rules"])
    assert len(items) >= MIN_SENTENCES[lang] and 0 < bad < len(items)
    precision, recall, misses = _scores(bundled, lang)
    with capsys.disabled():
        print(f"\ntone set {lang}: {len(items)} sentences ({bad} bad),"
              f" precision {precision:.3f}, recall {recall:.3f}")  # fmt: skip
    assert recall >= 0.9, misses
    assert precision >= 0.95, misses
