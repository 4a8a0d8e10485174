"""The built-in tone rules: inflections, validated times, rules limited to a channel and kind,
and simplemma kept off the start-up path."""

from __future__ import annotations

import subprocess
import sys

from crisisplay.messages.lint import ToneLinter, known_times
from crisisplay.playbook.load import Playbook
from crisisplay.tone.when import KnownTimes


def _rules(bundled: Playbook, text: str, lang: str = "fr", **kw: object) -> list[str]:
    linter = ToneLinter(bundled.organisation.tone, lang)
    return [f.rule for f in linter.lint(text, **kw)]  # type: ignore[arg-type]


def test_the_plain_cases_of_the_issue_are_all_caught(bundled: Playbook) -> None:
    text = (
        "Petit incident sans gravité, le service sera rétabli à 14h."
        " Ce n'est pas de notre faute, c'est un fournisseur."
    )
    linter = ToneLinter(bundled.organisation.tone, "fr")
    found = {(f.rule, text[f.start : f.end]) for f in linter.lint(text)}  # type: ignore[misc]
    assert found == {
        ("minimising", "Petit incident"),
        ("minimising", "sans gravité"),
        ("unverifiable-promise", "rétabli à 14h"),
        ("blame", "n'est pas de notre faute"),
        ("blame", "c'est un fournisseur"),
    }
    assert _rules(bundled, "Nous garantissons un retour rapide") == [
        "guarantee",
        "unverifiable-promise",
    ]
    assert _rules(bundled, "Nous ne sommes pas en panne") == ["denial"]
    assert _rules(bundled, "Panne en cours, retour prévu à 14h30") == ["unverifiable-promise"]


def test_a_finding_names_the_rule_and_the_words(bundled: Playbook) -> None:
    [finding] = ToneLinter(bundled.organisation.tone, "en").lint("We guaranteed it.")
    assert finding.message == '"guaranteed": guarantee'
    assert finding.level == "error" and finding.hint


def test_a_validated_time_may_be_promised(bundled: Playbook) -> None:
    linter = ToneLinter(bundled.organisation.tone, "fr")
    text = "Retour prévu à 14h30. Nos techniciens prévoient le retour d'ici 2 heures."
    assert {f.rule for f in linter.lint(text)} == {"unverifiable-promise"}
    known = KnownTimes(clocks=frozenset({(14, 30)}), delays=frozenset({120}))
    assert linter.lint(text, known=known) == []
    # Another time than the validated one is still a promise nobody made.
    assert [f.rule for f in linter.lint("Retour prévu à 16h.", known=known)] == [
        "unverifiable-promise"
    ]


def test_the_renderer_knows_the_next_update_and_the_time_facts(bundled: Playbook) -> None:
    scenario = bundled.scenario("local-outage")
    known = known_times(scenario, {"next_update": "15:45", "eta": 150})
    assert (15, 45) in known.clocks and 150 in known.delays


def test_a_link_is_refused_only_in_a_breach_notice_by_sms(bundled: Playbook) -> None:
    text = "Changez votre mot de passe sur https://onde-mobile.example/securite"
    rule = "link-in-breach-notice"
    assert rule in _rules(bundled, text, kind="breach-notice", channel="sms")
    assert rule not in _rules(bundled, text, kind="breach-notice", channel="email")
    assert rule not in _rules(bundled, text, kind="holding", channel="sms")
    assert rule not in _rules(bundled, text, channel="sms")


def test_an_organisation_rule_of_the_same_id_gives_its_level_and_hint(bundled: Playbook) -> None:
    [finding] = ToneLinter(bundled.organisation.tone, "fr").lint("Merci pour votre compréhension.")
    assert finding.rule == "cold-formula" and finding.level == "warning"
    assert finding.hint == "Formule toute faite : dites plutôt ce que vous faites concrètement."


def test_simplemma_is_not_imported_until_a_text_is_linted() -> None:
    code = (
        "import sys, crisisplay.cli.main, crisisplay.messages.render;"
        "print('simplemma' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"


def test_the_word_rules_read_a_pasted_file_only_as_far_as_any_message_goes(
    bundled: Playbook,
) -> None:
    """A megabyte of "a.a.a." is read in linear time, and past the longest message the words
    are not read at all (the text is flagged for its length by the channel instead)."""
    from crisisplay.tone.builtin import MAX_WORDS_READ

    filler = "a." * (MAX_WORDS_READ // 2)
    assert _rules(bundled, "Nous ne sommes pas en panne. " + filler) == ["denial"]
    assert _rules(bundled, filler + " Nous ne sommes pas en panne.") == []
