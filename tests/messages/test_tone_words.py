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


def _found(bundled: Playbook, text: str, lang: str = "fr") -> set[tuple[str, str]]:
    linter = ToneLinter(bundled.organisation.tone, lang)
    return {(f.rule, text[f.start : f.end]) for f in linter.lint(text)}  # type: ignore[misc]


def test_a_guarantee_or_a_promise_under_a_negation_is_none(bundled: Playbook) -> None:
    for text in (
        "Nous ne pouvons pas encore vous garantir d'heure de retour du service",
        "Sans pouvoir vous garantir un horaire, nous faisons le point à 15h.",
        "Je ne peux pas vous promettre que ce soit réglé ce soir.",
        "Nous ne savons pas si le service reviendra dans l'heure.",
        "Le retour du service à 18h n'est pas confirmé.",
        "Nous ne pouvons garantir aucun horaire.",
    ):
        assert _rules(bundled, text) == [], text
    for text in (
        "We cannot guarantee a time yet.",
        "We are not yet able to promise when calls will be back.",
        "A return by 18:00 is not confirmed.",
        "We won't promise anything.",
    ):
        assert _rules(bundled, text, "en") == [], text


def test_a_negation_the_words_carry_keeps_its_meaning(bundled: Playbook) -> None:
    """The "ne" of "il n'y a aucune panne" pairs with the "aucune" of the denial; "plus jamais"
    promises; "ne ... que" means "only"; "sans doute" negates nothing."""
    assert _found(bundled, "Il n'y a aucune panne.") == {("denial", "aucune panne")}
    assert _found(bundled, "Il n'y aura plus jamais de coupure.") == {
        ("unverifiable-promise", "plus jamais")
    }
    assert _rules(bundled, "Nous ne pouvons garantir que la sécurité des paiements.") == [
        "guarantee"
    ]
    assert _rules(bundled, "Le service sera sans doute rétabli à 16h.") == ["unverifiable-promise"]
    assert _found(bundled, "Ce n'est pas de notre faute.") == {
        ("blame", "n'est pas de notre faute")
    }
    assert _rules(bundled, "Ce n'est pas de votre faute.") == []


def test_a_negation_reaches_its_own_clause_only(bundled: Playbook) -> None:
    assert _rules(bundled, "Nous ne savons pas pourquoi, mais le réseau reviendra à 16h.") == [
        "unverifiable-promise"
    ]
    assert _rules(bundled, "We do not know the cause, but service will be back at 4pm.", "en") == [
        "unverifiable-promise"
    ]
    # A negation after a subject clears it only when it says what the subject is.
    assert _rules(bundled, "Votre vieux mobile ne supporte pas la 4G.") == ["blame"]
    assert _rules(bundled, "Vos réglages ne sont pas en cause.") == []


def test_an_organisation_pattern_on_words_found_fine_is_not_reported(bundled: Playbook) -> None:
    """The bundled organisation file lists "garantie" and "sans gravité" as regular
    expressions; where the built-in rules read those words in a context that makes them fine,
    nothing is reported."""
    import regex  # type: ignore[import-untyped, unused-ignore]

    tone = bundled.organisation.tone
    patterns = [p for rule in tone.forbidden for p in rule.patterns.get("fr", ())]
    for text, fine in (
        ("Aucune garantie de délai pour l'instant.", "Délai garanti."),
        ("L'incident est sans gravité pour vos données.", "Une panne sans gravité."),
    ):
        assert any(regex.search(p, text, regex.IGNORECASE) for p in patterns), text
        assert _rules(bundled, text) == [], text
        assert _rules(bundled, fine) != [], fine


def test_a_relative_delay_is_a_promise_and_effort_is_not(bundled: Playbook) -> None:
    for text in (
        "Le service reviendra dans moins d'une heure.",
        "Tout sera réparé d'ici 30 minutes.",
        "Le remboursement sera effectué sous 48 heures.",
        "Vos appels refonctionneront d'ici quelques minutes.",
        "Le réseau sera rétabli avant midi.",
        "Retour du service dans les prochaines heures.",
    ):
        assert _rules(bundled, text) == ["unverifiable-promise"], text
    for text in (
        "Service will be back in less than an hour.",
        "Everything should be fixed in a few minutes.",
        "Calls will be restored within 30 minutes.",
    ):
        assert _rules(bundled, text, "en") == ["unverifiable-promise"], text
    assert _rules(bundled, "Nos équipes travaillent à rétablir le service au plus vite.") == []
    assert _rules(bundled, "We are working to restore service as quickly as we can.", "en") == []
    assert _rules(bundled, "Nous vous tiendrons informés d'ici 10h30.") == []


def test_a_delay_in_words_is_read_with_its_value() -> None:
    from crisisplay.tone.when import when_at
    from crisisplay.tone.words import tokens_of

    def read(text: str, lang: str) -> tuple[str, int] | None:
        found = when_at(tokens_of(text, lang), 0)
        return found[1] if found else None

    assert read("dans moins d'une heure", "fr") == ("delay", 60)
    assert read("dans une dizaine de minutes", "fr") == ("delay", 10)
    assert read("dans une petite heure", "fr") == ("delay", 60)
    assert read("sous huit jours", "fr") == ("delay", 8 * 1440)
    assert read("avant midi", "fr") == ("clock", 12 * 60)
    assert read("in under an hour", "en") == ("delay", 60)
    assert read("in a couple of hours", "en") == ("delay", 120)
    assert read("in a few minutes", "en") == ("vague", 0)
    assert read("en panne", "fr") is None


def test_blame_in_a_conditional_and_on_the_device(bundled: Playbook) -> None:
    for text in (
        "Si vous aviez mis à jour votre application, vous n'auriez pas ce problème.",
        "Si votre téléphone était à jour, tout marcherait.",
        "Vous n'auriez pas eu de coupure en redémarrant votre mobile.",
        "Le souci vient de votre mobile, pas de notre réseau.",
        "Votre box est sans doute mal branchée.",
    ):
        assert _rules(bundled, text) == ["blame"], text
    for text in (
        "If you had updated your app, you would not have this problem.",
        "Had you restarted your phone, this would not have happened.",
        "Your old handset is the reason your calls drop.",
    ):
        assert _rules(bundled, text, "en") == ["blame"], text
    # A conditional that blames nobody, and a device cleared of blame.
    for text in (
        "Si vous avez besoin d'aide, nos conseillers seraient ravis de vous répondre.",
        "Votre téléphone n'y est pour rien : la panne vient de notre réseau.",
        "Le problème ne vient pas de votre téléphone.",
    ):
        assert _rules(bundled, text) == [], text


def test_a_verb_the_lemmatiser_reads_as_a_noun_still_matches(bundled: Playbook) -> None:
    """simplemma reads "sommes" as "somme" and "marche" as a noun; a French word also stands
    for the infinitives it is a regular form of."""
    from crisisplay.tone.forms import infinitives

    for form in ("marche", "marchent", "marcherait", "marchee"):
        assert "marcher" in infinitives(form), form
    for form in ("retablit", "retablissent", "retablie"):
        assert "retablir" in infinitives(form), form
    assert infinitives("soir") == ()
    assert _rules(bundled, "Nous n'y sommes pour rien.") == ["blame"]
    assert _rules(bundled, "Le réseau marche presque partout.") == ["minimising"]


def test_a_network_generation_and_an_elided_acronym_are_words(bundled: Playbook) -> None:
    from crisisplay.tone.words import tokens_of

    assert [t.text for t in tokens_of("la 4G revient", "fr")] == ["la", "4G", "revient"]
    assert _found(bundled, "Une panne touche l'EPC.") == {("jargon", "l'EPC")}
    assert _rules(bundled, "Vous retrouverez la 4G dans la matinée.") == ["unverifiable-promise"]
