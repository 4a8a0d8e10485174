"""The seam check: each seam a template can leave in a text is found, with its span, and the
texts a careful writer produces are left alone."""

from __future__ import annotations

import pytest

from crisisplay.messages.seams import seam_findings


def rules(text: str, lang: str = "fr") -> list[str]:
    return [finding.rule for finding in seam_findings(text, lang)]


def spans(text: str, lang: str = "fr") -> list[str]:
    return [text[f.start : f.end] for f in seam_findings(text, lang) if f.start is not None]


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("Nos équipes  sont mobilisées.", "seam.double-space", "  "),
        ("Prochain point à 11h.\n Nous n'avons pas d'estimation.", "seam.leading-space", " N"),
        (
            "Statut sur https://status.onde-mobile.example. un nouvel avis vous sera adressé.",
            "seam.lower-case",
            "un",
        ),
        ("le service est rétabli.", "seam.lower-case", "le"),
        (
            "Réponse directe : https://presse.onde-mobile.example Les informations vérifiées.",
            "seam.url-stop",
            "https://presse.onde-mobile.example L",
        ),
        ("- Rassurer : « Vous n'avez rien à faire. Sans elle, rien ne passe.", "seam.quote", "«"),
        (
            "- Appels d'urgence : Les appels d'urgence (112) restent possibles.",
            "seam.repeated-label",
            "Les appels d'urgence (112) restent possibles.",
        ),
        (
            "Accès aux sites : bloqué (routes coupées ou alerte météo).",
            "seam.choice",
            "(routes coupées ou alerte météo)",
        ),
        ("Comment jugez-vous notre facon de vous informer ?", "seam.gsm-spelling", "facon"),
        ("- Cause : identifiée.- Retour du service : vers 10h45.", "seam.line-break", "- "),
    ],
)
def test_each_seam_is_found_with_its_span(text: str, rule: str, span: str) -> None:
    found = seam_findings(text, "fr")
    assert [f.rule for f in found] == [rule]
    assert found[0].level == "error"
    assert found[0].start is not None and text[found[0].start : found[0].end] == span


def test_a_lost_closing_quote_and_line_break_are_both_found() -> None:
    text = (
        "- Rassurer : « Vous n'avez rien à faire.- Frais bancaires : « Si cette erreur vous a "
        "coûté des frais, nous vous les remboursons. »"
    )
    assert rules(text) == ["seam.quote", "seam.line-break"]


def test_the_issue_seams_are_all_found_in_english_too() -> None:
    text = (
        "Follow us on https://status.onde-mobile.example Next update at 11:00.\n"
        "- Emergency calls: Emergency calls to 112 still work.\n"
        "Access to the sites: blocked (roads closed or a weather warning).\n"
        'Reason: "a quote that never ends.'
    )
    assert rules(text, "en") == [
        "seam.url-stop",
        "seam.repeated-label",
        "seam.choice",
        "seam.quote",
    ]


def test_the_findings_speak_the_language_of_the_text() -> None:
    (french,) = seam_findings("Le service  est rétabli.", "fr")
    (english,) = seam_findings("Service is  back.", "en")
    assert french.message.startswith("Deux espaces")
    assert english.message.startswith("Two spaces")
    assert french.hint and english.hint


@pytest.mark.parametrize(
    "text",
    [
        # options after a question, a nested list, a link closed by a stop, a link then a line
        "Avez-vous été informé assez vite ? (oui, plutôt, non)",
        "- Rappelez les conseils :\n  - « Méfiez-vous des faux messages. »",
        "Suivi en direct : https://status.onde-mobile.example. Prochain point à 11h.",
        "Suivi en direct : https://status.onde-mobile.example\nProchain point à 11h.",
        "Le bilan sur https://status.onde-mobile.example et dans l'application.",
        # an enumeration in parentheses, abbreviations, an address
        "Si votre ligne ne fonctionne pas (appels, SMS ou internet mobile), redémarrez.",
        "Les frais (rejet, découvert, etc.) sont remboursés.",
        "Écrivez à dpo@onde-mobile.example. Nous répondons sous un mois.",
        "Cause : intempéries. Zone : Finistère.",
        "« Je suis désolé(e) pour la gêne. » Puis : « Merci de votre patience. »",
        "Nos SMS sont reçus et la façon de vous informer est la même.",
    ],
)
def test_careful_texts_have_no_seam(text: str) -> None:
    assert seam_findings(text, "fr") == []


def test_a_misspelling_in_a_link_is_not_a_seam() -> None:
    assert seam_findings("Aide : https://aide.example/facon-de-payer", "fr") == []


def test_english_words_are_not_read_as_french_misspellings() -> None:
    assert seam_findings("We are sure the meme is fake.", "en") == []
