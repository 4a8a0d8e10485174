"""`crisisplay check`: a hand-written text from an argument, a file or stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisplay.messages.check import TextLanguage
from tests.conftest import Cli

FRENCH_SMS = (
    "Panne en cours : nous sommes désolés. Prochain point à 15h, l’appli vous tient informés."
)


def test_check_an_argument(cli: Cli) -> None:
    ran = cli("check", "--channel", "x", "We are sorry. Next update at 15:00.", "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    item = json.loads(ran.stdout)
    assert item["channel"] == "x" and item["length"] == 35 and item["limit"] == 280
    assert item["ok"] is True and item["findings"] == []


def test_check_a_file(cli: Cli, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Incident mineur, aucun souci.\n", encoding="utf-8")
    ran = cli("check", "--channel", "facebook", str(draft), "--format", "json")
    assert ran.exit_code == 1
    item = json.loads(ran.stdout)
    assert item["text"] == "Incident mineur, aucun souci."
    finding = item["findings"][0]
    assert finding["rule"] == "minimising" and (finding["start"], finding["end"]) == (0, 15)


def test_check_stdin(cli: Cli) -> None:
    ran = cli("check", "--channel", "sms", "-", "--format", "json", input="Hello\n")
    assert ran.exit_code == 0, ran.stderr
    assert json.loads(ran.stdout)["text"] == "Hello"


def test_a_french_sms_with_a_typographic_apostrophe_shows_ucs2_and_the_fix(cli: Cli) -> None:
    ran = cli("check", "--channel", "sms", FRENCH_SMS, "--format", "json")
    item = json.loads(ran.stdout)
    assert item["encoding"] == "UCS-2" and item["non_gsm_chars"] == ["’"]
    assert item["replacements"] == {"’": "'"}
    assert item["parts"] == 2
    text = cli("check", "--channel", "sms", FRENCH_SMS)
    assert "UCS-2" in text.stderr and "replace: ’ -> '" in text.stderr


def test_with_a_kind_the_required_elements_are_checked(cli: Cli) -> None:
    ran = cli("check", "--channel", "x", "--kind", "holding", "Le réseau est coupé.", "--lang",
              "fr", "--format", "json")  # fmt: skip
    assert ran.exit_code == 1
    rules = {f["rule"] for f in json.loads(ran.stdout)["findings"]}
    assert rules == {"next-update-time", "where-to-follow", "apology"}


def test_title_only_for_channels_that_have_one(cli: Cli) -> None:
    ok = cli("check", "--channel", "push", "--title", "Panne", "Texte", "--format", "json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)["title"] == "Panne"
    bad = cli("check", "--channel", "x", "--title", "Panne", "Texte")
    assert bad.exit_code == 2 and "no title" in bad.stderr


def test_an_unknown_channel_is_a_usage_error(cli: Cli) -> None:
    ran = cli("check", "--channel", "twitter", "hello")
    assert ran.exit_code == 2 and "did you mean 'x'" in ran.stderr


def test_every_message_command_has_help_with_an_example(cli: Cli) -> None:
    for command in ("render", "check"):
        ran = cli(command, "--help")
        assert ran.exit_code == 0 and "crisisplay " + command in ran.stdout


def test_a_long_text_is_checked_as_a_text_not_taken_for_a_file_name(cli: Cli) -> None:
    long_text = "Panne en cours dans votre secteur, nos équipes sont mobilisées. " * 5
    assert len(long_text.encode()) >= 256
    ran = cli("check", "--channel", "sms", "--format", "json", long_text)
    assert ran.exit_code in (0, 1), ran.stderr
    assert json.loads(ran.stdout)["text"] == long_text


def test_at_file_reads_the_file_and_a_missing_one_is_named(cli: Cli, tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Panne en cours, prochain point à 15h\n", encoding="utf-8")
    ran = cli("check", "--channel", "sms", "--format", "json", f"@{draft}")
    assert json.loads(ran.stdout)["text"] == "Panne en cours, prochain point à 15h"
    missing = cli("check", "--channel", "sms", f"@{tmp_path / 'nope.txt'}")
    assert (
        missing.exit_code == 2 and "cannot read" in missing.stderr and "nope.txt" in missing.stderr
    )
    reply = cli("check", "--channel", "x", "--format", "json", "@alice désolés pour la gêne")
    assert json.loads(reply.stdout)["text"] == "@alice désolés pour la gêne"


@pytest.mark.parametrize("command", [["check", "texte"], ["render", "nationwide-outage", "holding",
                                                          "--sample"]])  # fmt: skip
def test_channel_names_are_case_insensitive_with_suggestions(cli: Cli, command: list[str]) -> None:
    ran = cli(*command, "--channel", "X", "--format", "json")
    assert ran.exit_code in (0, 1), ran.stderr
    assert "'x'" in cli(*command, "--channel", "twitter").stderr
    assert cli(*command, "--channel", "twitter").exit_code == 2


def test_without_lang_an_english_text_is_read_as_english_and_stderr_says_so(cli: Cli) -> None:
    text = "We are sorry: there is no outage on our side. Next update at 15:00."
    ran = cli("check", "--channel", "x", text, "--format", "json")
    item = json.loads(ran.stdout)
    assert item["lang"] == "en"
    assert [f["message"] for f in item["findings"]] == ['"no outage": denial']
    assert (
        ran.stderr.strip() == "Text read as English (language recognised; --lang to choose another)"
    )


def test_without_lang_a_french_text_is_read_as_french(cli: Cli) -> None:
    ran = cli("check", "--channel", "x", "Désolés : il n'y a aucune panne de notre côté.",
              "--format", "json")  # fmt: skip
    assert json.loads(ran.stdout)["findings"][0]["message"] == "« aucune panne » : déni"
    assert ran.stderr.strip() == (
        "Texte lu en français (langue reconnue ; --lang pour en choisir une autre)"
    )


def test_a_text_too_short_to_tell_is_read_in_the_first_language_and_stderr_says_so(
    cli: Cli,
) -> None:
    ran = cli("check", "--channel", "sms", "Hello", "--format", "json")
    assert json.loads(ran.stdout)["lang"] == "fr"
    assert "première langue de l'organisation" in ran.stderr
    assert "langue non reconnue" in ran.stderr


def test_with_lang_nothing_is_guessed(cli: Cli) -> None:
    ran = cli("check", "--channel", "x", "--lang", "fr", "We are sorry.", "--format", "json")
    assert json.loads(ran.stdout)["lang"] == "fr" and ran.stderr == ""


@pytest.mark.parametrize(
    ("text", "lang", "recognised"),
    [
        ("Panne en cours : nous sommes désolés. Prochain point à 15h.", "fr", True),
        ("Réseau coupé à Brest, l'appli vous tient informés.", "fr", True),
        ("Calls are down in Brest; we are sorry and will update you at 3pm.", "en", True),
        ("Our network is down. Sorry!", "en", True),
        ("SMS 4G 5G", "fr", False),
        ("", "fr", False),
    ],
)
def test_the_language_of_a_text(text: str, lang: str, recognised: bool) -> None:
    from crisisplay.messages.check import text_language

    assert text_language(text, ("fr", "en")) == TextLanguage(lang, recognised)


def test_a_language_the_organisation_lacks_is_not_chosen() -> None:
    from crisisplay.messages.check import text_language

    reading = text_language("We are sorry: calls are down.", ("fr",))
    assert reading == TextLanguage("fr", recognised=False)
    assert text_language("Nous sommes désolés.", ("de", "fr")).lang == "fr"
