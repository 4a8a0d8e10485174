"""Channel findings and tone findings are worded in the language of the text they are about.

Rule ids and the words a tone rule matched stay as they are; the sentence around them follows
the text's language (``--lang`` of ``check``, the message's language in a render).
"""

from __future__ import annotations

import json

from crisisplay.channels.catalogue import spec_for
from crisisplay.channels.measurement import measure
from crisisplay.messages.lint import ToneLinter
from crisisplay.playbook.load import Playbook
from tests.conftest import Cli

LONG_FRENCH = (
    "Panne en cours sur le réseau mobile dans le Grand Ouest depuis 14 h : appels et données"
    " coupés. Nos équipes sont mobilisées. Un incident mineur, rien de plus."
)
ENGLISH_WORDS = ("shows about", "characters", "this text has", "Put the key facts", "missing")


def test_check_in_french_prints_the_channel_warning_and_the_tone_finding_in_french(
    cli: Cli,
) -> None:
    ran = cli("check", "--channel", "instagram", "--lang", "fr", "--plain", LONG_FRENCH)
    assert ran.exit_code == 1  # the tone finding is an error
    assert ran.stdout == LONG_FRENCH + "\n"
    notes = " ".join(ran.stderr.split())
    assert "Instagram affiche environ 125 caractères avant « plus » ; ce texte en a 158" in notes
    assert "Mettre l'essentiel dans les 125 premiers caractères." in notes
    assert "« incident mineur » : minimisation" in notes
    assert not [word for word in ENGLISH_WORDS if word in notes]


def test_check_in_french_gives_french_messages_in_json(cli: Cli) -> None:
    ran = cli("check", "--channel", "instagram", "--lang", "fr", "--format", "json", LONG_FRENCH)
    findings = {f["rule"]: f for f in json.loads(ran.stdout)["findings"]}
    assert findings["instagram.fold"]["message"] == (
        "Instagram affiche environ 125 caractères avant « plus » ; ce texte en a 158"
    )
    assert findings["minimising"]["message"] == "« incident mineur » : minimisation"


def test_english_stays_the_default_of_the_channel_rules() -> None:
    [finding] = measure(spec_for("instagram"), "a" * 130).findings
    assert (
        finding.message == 'Instagram shows about 125 characters before "more"; this text has 130'
    )


def test_french_numbers_are_grouped_by_a_narrow_space() -> None:
    [finding] = measure(spec_for("x"), "a" * 1234, lang="fr").findings
    assert finding.message.startswith(
        "1\u202f234/280 caractères pondérés (X compte une URL pour 23"
    )
    assert finding.hint == "Retirer 954 caractères pondérés."


def test_an_sms_over_its_parts_in_french() -> None:
    findings = measure(spec_for("sms"), "ê" + "x" * 600, lang="fr").findings
    parts = next(f for f in findings if f.rule == "sms.parts")
    assert parts.message.startswith("9 SMS, plus que le maximum de 3 : 601 unités de code UTF-16")
    ucs2 = next(f for f in findings if f.rule == "sms.ucs2")
    assert "n'est pas dans l'alphabet GSM-7 : le SMS part en UCS-2" in ucs2.message


def test_a_missing_element_and_a_phrase_in_the_title_in_french(bundled: Playbook) -> None:
    linter = ToneLinter(bundled.organisation.tone, "fr")
    findings = linter.lint(
        "Le réseau est coupé.", kind="holding", channel="push", title="Incident mineur"
    )
    messages = {f.message for f in findings}
    assert "« Incident mineur » dans le titre : minimisation" in messages
    assert "manquant : heure du prochain point" in messages


def test_a_french_finding_names_its_rule_in_french(bundled: Playbook) -> None:
    linter = ToneLinter(bundled.organisation.tone, "fr")
    [denial] = linter.lint("Il n'y a aucune panne.")
    assert denial.message == "« aucune panne » : déni"
    assert denial.hint == "Reconnaissez la gêne telle que les clients la vivent."
    missing = {f.message for f in linter.lint("Le réseau est coupé.", kind="holding", channel="x")}
    assert "manquant : excuses" in missing and "manquant : où suivre" in missing


def test_every_built_in_rule_has_a_label_and_a_hint_in_each_language() -> None:
    from crisisplay.texts import catalogue
    from crisisplay.tone.builtin import rules_for

    for lang in ("fr", "en"):
        texts = catalogue(lang)
        for rule in rules_for(lang):
            assert f"finding.rule.{rule.spec.id}" in texts, (lang, rule.spec.id)
            assert f"finding.hint.{rule.spec.id}" in texts, (lang, rule.spec.id)


def test_a_rule_the_texts_do_not_name_is_called_by_its_id() -> None:
    from crisisplay.messages.lint import rule_label

    assert rule_label("unverifiable-promise", "fr") == "promesse invérifiable"
    assert rule_label("unverifiable-promise", "en") == "unverifiable promise"
    assert rule_label("no-emoji-in-sms", "fr") == "no emoji in sms"
