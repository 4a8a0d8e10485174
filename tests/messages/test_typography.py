"""French typography by channel: the rules one by one, then every bundled French template."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from crisisplay.channels.catalogue import CATALOGUE
from crisisplay.channels.gsm import is_gsm
from crisisplay.channels.measurement import measure
from crisisplay.messages.fact_sources import sample_facts
from crisisplay.messages.render import Renderer
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.typography import NARROW_NBSP, NBSP, typeset, typeset_html
from crisisplay.messages.variables import RenderContext
from crisisplay.playbook.load import Playbook
from tests.conftest import Cli
from tests.messages.conftest import write_template

N, S = NARROW_NBSP, NBSP


@pytest.mark.parametrize(
    ("written", "typeset_text"),
    [
        ("Panne : appels coupés", f"Panne{S}: appels coupés"),
        ("Pourquoi ? Désolés ! Voici ; merci", f"Pourquoi{N}? Désolés{N}! Voici{N}; merci"),
        ("« une partie du réseau »", f"«{N}une partie du réseau{N}»"),
        ("«réseau»", f"«{N}réseau{N}»"),
        ("l'équipe d'astreinte, aujourd'hui", "l’équipe d’astreinte, aujourd’hui"),
        ("60 % des clients, 34,99 €", f"60{S}% des clients, 34,99{S}€"),
        ("depuis 2 h 30, puis 45 min, sous 3 j, 5 Go offerts", (
            f"depuis 2{S}h{S}30, puis 45{S}min, sous 3{S}j, 5{S}Go offerts")),
        ("2 300 clients et 1 250 000 appels", f"2{N}300 clients et 1{N}250{N}000 appels"),
        ("à pied d'oeuvre, de tout coeur, manoeuvre, voeux, soeur, choeur, oeil, noeud",
         "à pied d’œuvre, de tout cœur, manœuvre, vœux, sœur, chœur, œil, nœud"),
        ("Oeuvre, OEUVRE, rancoeur", "Œuvre, ŒUVRE, rancœur"),
        ("coefficient, poème, moelle, Noël", "coefficient, poème, moelle, Noël"),
    ],
)  # fmt: skip
def test_rich_french_typography(written: str, typeset_text: str) -> None:
    assert typeset(written, "fr", "rich") == typeset_text


def test_clock_times_stay_as_written() -> None:
    assert typeset("Prochain point à 14h30, puis à 9h.", "fr", "rich") == (
        "Prochain point à 14h30, puis à 9h."
    )


def test_links_and_addresses_are_never_touched() -> None:
    text = "Suivi : https://status.example/?q=it's ; écrivez à l'aide@onde.example !"
    assert typeset(text, "fr", "rich") == (
        f"Suivi{S}: https://status.example/?q=it's{N}; écrivez à l'aide@onde.example{N}!"
    )


def test_the_pass_is_idempotent() -> None:
    once = typeset("Zone : « Brest » ! 2 300 clients, 60 %, l'équipe", "fr", "rich")
    assert typeset(once, "fr", "rich") == once


def test_x_gets_no_narrow_space_so_its_weighted_length_is_its_length() -> None:
    text = typeset("Panne : « Brest » ! 2 300 clients ? l'équipe", "fr", "rich-nbsp")
    assert N not in text and f"Panne{S}:" in text and f"«{S}Brest{S}»{S}!" in text
    assert measure(CATALOGUE["x"], text).length == len(text)
    # The counters' view of the two spaces: twitter-text weighs U+202F double, Bluesky and
    # the character-counted channels count each as one.
    assert measure(CATALOGUE["x"], N).length == 2 and measure(CATALOGUE["x"], S).length == 1
    assert measure(CATALOGUE["bluesky"], N + S).length == 2
    assert measure(CATALOGUE["facebook"], N + S).length == 2


def test_sms_gets_gsm7_forms_in_every_language() -> None:
    typed = f"Panne{S}: l’équipe est à pied d’œuvre{N}! «{N}Brest{N}» – “ok”…"
    for lang in ("fr", "en"):
        text = typeset(typed, lang, "gsm")
        assert text == 'Panne : l\'équipe est à pied d\'oeuvre ! "Brest" - "ok"...'
        assert all(is_gsm(char) for char in text)


def test_english_and_spoken_texts_are_left_as_written() -> None:
    assert typeset("Update: it's back !", "en", "rich") == "Update: it's back !"
    assert typeset("Panne : l'équipe", "fr", "as-written") == "Panne : l'équipe"


def test_html_changes_text_between_tags_only() -> None:
    html = (
        '<style>p { color : red; }</style><p title="a : b"><strong>Zone</strong> : '
        'l&#39;équipe ? <a href="https://s.example/?a=b">https://s.example/?a=b</a></p>'
    )
    assert typeset_html(html, "fr", "rich") == (
        '<style>p { color : red; }</style><p title="a : b"><strong>Zone</strong>'
        f'{S}: l’équipe{N}? <a href="https://s.example/?a=b">https://s.example/?a=b</a></p>'
    )
    assert typeset_html(html, "fr", "gsm") == html


def test_the_catalogue_decides_the_typography_of_each_channel() -> None:
    styles = {spec.id: spec.typography for spec in CATALOGUE.values()}
    assert styles["sms"] == "gsm" and styles["x"] == "rich-nbsp" and styles["ivr"] == "as-written"
    assert {styles[c] for c in ("email", "press", "faq", "status-page", "internal")} == {"rich"}
    assert {styles[c] for c in ("bluesky", "mastodon", "facebook", "linkedin", "push")} == {"rich"}


# -- every bundled French template

_PLAIN_SPACE_BEFORE = re.compile(r" [:;!?»]|« |[^\W\d_](?:'|&#39;)[^\W\d_]")
_WITHOUT_LIGATURE = re.compile(r"(?i)\b(?:c|s|v|n|ch|manoeuvr|d[ée]s)oeu|\boeu(?:vr|f)|\boeil")


def _french_rich_items(bundled: Playbook) -> list[RenderedChannel]:
    items: list[RenderedChannel] = []
    for scenario in bundled.scenarios.values():
        renderer = Renderer(bundled, scenario, "fr")
        for message in scenario.messages:
            rendered = renderer.render(
                message, sample_facts(scenario), RenderContext("10:00"), conditions=False
            )
            items += [i for i in rendered if CATALOGUE[i.channel].typography.startswith("rich")]
    return items


def _outside_links(text: str) -> str:
    return re.sub(r"https?://[^\s<]+|<[^>]*>", "", text)


def test_every_french_text_of_a_rich_channel_has_french_spacing(bundled: Playbook) -> None:
    items = _french_rich_items(bundled)
    assert {item.channel for item in items} >= {"x", "email", "press", "faq", "status-page"}
    for item in items:
        for part in (item.text, item.title or "", _outside_links(item.html or "")):
            found = _PLAIN_SPACE_BEFORE.findall(_outside_links(part))
            assert not found, (item.message, item.channel, found)
            assert not _WITHOUT_LIGATURE.search(part), (item.message, item.channel)
        if item.channel == "x":
            assert NARROW_NBSP not in item.text
            assert item.measurement is not None and item.measurement.limit is not None
            assert item.measurement.length <= item.measurement.limit


def test_an_sms_template_typed_with_typography_still_renders_in_gsm7(
    cli: Cli, tmp_home: Path
) -> None:
    write_template(
        tmp_home,
        "nationwide-outage/holding/sms.fr.j2",
        "{{ brand.name }} : l’équipe est à pied d’œuvre ! « Panne » – toutes nos excuses… "
        "Prochain point à {{ next_update|clock }}. {{ links.status_page }}",
    )
    ran = cli("render", "nationwide-outage", "holding", "--sample", "--channel", "sms",
              "--format", "json", home=tmp_home)  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    [sms] = json.loads(ran.stdout)
    assert sms["encoding"] == "GSM-7" and sms["non_gsm_chars"] == []
    marker, body = sms["text"].split("\n", 1)
    assert marker == "EXEMPLE (faits fictifs, ne pas publier)" and sms["sample"] is True
    assert body.startswith(
        "Onde Mobile : l'équipe est à pied d'oeuvre ! \"Panne\" - toutes nos excuses... "
    )
