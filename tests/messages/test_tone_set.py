"""The tone linter measured on labelled sentences: the tuning set (``tone_set.yaml``) and a
held-out set (``tone_heldout.yaml``) no rule was tuned on, whose last batch is also printed
apart (the sentences written after the last rule change: see the file's header).

Per language: recall over the (sentence, rule) pairs the set labels, precision over the
(sentence, rule) pairs the linter reports. A finding of a rule the sentence is not labelled
with counts against precision, a labelled rule not reported against recall. Per sentence, as a
reviewer reads a draft: how many bad sentences get at least one finding, how many fine ones get
any (a false alarm).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from crisisplay.messages.lint import ToneLinter
from crisisplay.playbook.load import Playbook

HERE = Path(__file__).parent
SETS = {
    name: yaml.safe_load((HERE / f"tone_{name}.yaml").read_text(encoding="utf-8"))
    for name in ("set", "heldout")
}
MIN_SENTENCES = {("set", "fr"): 100, ("set", "en"): 50, ("heldout", "fr"): 20,
                 ("heldout", "en"): 10}  # fmt: skip
# The tuning set must be met almost exactly; the held-out one measures how the rules carry over
# to paraphrases, with the bar of a review: nearly every bad sentence caught, few false alarms.
THRESHOLDS = {
    "set": {"precision": 0.95, "recall": 0.9, "caught": 0.9, "false_alarms": 0.05},
    "heldout": {"precision": 0.85, "recall": 0.85, "caught": 0.85, "false_alarms": 1 / 6},
}
REQUIRED = {"next-update-time", "where-to-follow", "apology"}


@dataclass
class Score:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    bad: int = 0
    caught: int = 0
    fine: int = 0
    false_alarms: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        reported = self.true_pos + self.false_pos
        return self.true_pos / reported if reported else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_pos + self.false_neg
        return self.true_pos / labelled if labelled else 1.0

    def line(self, name: str, lang: str) -> str:
        return (
            f"tone {name:<15} {lang}: {self.bad + self.fine} sentences ({self.bad} bad),"
            f" precision {self.precision:.3f}, recall {self.recall:.3f};"
            f" bad caught {self.caught}/{self.bad}, false alarms {self.false_alarms}/{self.fine}"
        )


def score(linter: ToneLinter, items: list[dict[str, Any]]) -> Score:
    result = Score()
    for item in items:
        findings = linter.lint(item["text"], kind=item.get("kind"), channel=item.get("channel"))
        found = {f.rule for f in findings} - REQUIRED
        wanted = set(item["rules"])
        result.true_pos += len(found & wanted)
        result.false_pos += len(found - wanted)
        result.false_neg += len(wanted - found)
        if wanted:
            result.bad += 1
            result.caught += bool(found)
        else:
            result.fine += 1
            result.false_alarms += bool(found)
        if found != wanted:
            result.misses.append(
                f"{item['text']!r}: found {sorted(found)}, labelled {sorted(wanted)}"
            )
    return result


@pytest.mark.parametrize("name", ["set", "heldout"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_linter_meets_the_labelled_sentences(
    bundled: Playbook, name: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    items: list[dict[str, Any]] = SETS[name][lang]
    bad = sum(1 for item in items if item["rules"])
    assert len(items) >= MIN_SENTENCES[name, lang] and 0 < bad < len(items)
    linter = ToneLinter(bundled.organisation.tone, lang)
    result = score(linter, items)
    with capsys.disabled():
        print("\n" + result.line(name, lang))
        if name == "heldout":
            last = max(item["batch"] for item in items)
            batch = [item for item in items if item["batch"] == last]
            print(score(linter, batch).line(f"heldout batch {last}", lang))
    bar = THRESHOLDS[name]
    assert result.recall >= bar["recall"], result.misses
    assert result.precision >= bar["precision"], result.misses
    assert result.caught >= bar["caught"] * result.bad, result.misses
    assert result.false_alarms <= bar["false_alarms"] * result.fine, result.misses


def test_no_sentence_is_both_tuned_on_and_held_out() -> None:
    for lang in ("fr", "en"):
        tuned = {item["text"] for item in SETS["set"][lang]}
        held = [item["text"] for item in SETS["heldout"][lang]]
        assert not tuned.intersection(held)
        assert len(set(held)) == len(held)


def test_the_last_held_out_batch_is_mostly_bad_as_drafts_under_stress_are() -> None:
    items = SETS["heldout"]["fr"]
    last = [item for item in items if item["batch"] == max(i["batch"] for i in items)]
    bad = sum(1 for item in last if item["rules"])
    assert len(last) >= 12 and 0.55 <= bad / len(last) <= 0.75
