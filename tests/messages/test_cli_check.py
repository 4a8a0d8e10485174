"""`crisisplay check`: a hand-written text from an argument, a file or stdin."""

from __future__ import annotations

import json
from pathlib import Path

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
    assert "UCS-2" in text.stdout and "replace: ’ -> '" in text.stdout


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
