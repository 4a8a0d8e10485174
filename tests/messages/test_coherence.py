"""The coherence check: one publication states each fact one way on every channel."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from crisisplay.messages.coherence import coherence_findings
from crisisplay.messages.rendered import RenderedChannel
from tests.conftest import Cli
from tests.messages.conftest import Render


def channel(name: str, text: str, lang: str = "fr") -> RenderedChannel:
    return RenderedChannel(name, lang, "update", "update", text=text)


def test_one_112_sentence_reworded_on_one_channel_is_refused() -> None:
    said = "En cas d'urgence, le 112 fonctionne par tout réseau disponible."
    publication = [
        channel("x", f"Panne en cours. {said} Prochain point à 11h."),
        channel("facebook", f"Panne en cours. {said}"),
        channel("sms", "Panne en cours. En cas d'urgence, composez le 112 : l'appel aboutit."),
    ]
    (found,) = coherence_findings(publication)
    assert found.channel == "sms"
    assert found.sentence == "En cas d'urgence, composez le 112 : l'appel aboutit."
    assert found.finding.rule == "coherence.112"
    assert found.finding.is_error
    assert "x dit" in found.finding.message and said in found.finding.message


def test_a_channel_that_leaves_a_fact_out_is_not_at_fault() -> None:
    publication = [
        channel("x", "Retour estimé vers 10h45. Prochain point à 11h."),
        channel("sms", "Panne en cours. Prochain point à 11h."),
    ]
    assert coherence_findings(publication) == []


def test_times_are_compared_by_their_role() -> None:
    publication = [
        channel("x", "Point de 10h. Retour estimé vers 10h45. Prochain point à 11h."),
        channel("mastodon", "Point de 10h. Le service devrait revenir vers 10h45."),
        channel("facebook", "Point de 10h. Le service devrait revenir vers 11h20."),
    ]
    (found,) = coherence_findings(publication)
    assert (found.channel, found.finding.rule) == ("facebook", "coherence.estimate")
    assert "11h20" in found.sentence


def test_figures_differ_only_between_channels_giving_one_each() -> None:
    publication = [
        channel("x", "La panne touche environ 60 % de nos clients."),
        channel("facebook", "La panne touche environ 55 % de nos clients."),
        channel("linkedin", "Environ 60 % des clients, dont 40 % sans appels."),
    ]
    (found,) = coherence_findings(publication)
    assert (found.channel, found.finding.rule) == ("facebook", "coherence.percent")


def test_english_figures_and_times_are_read_too() -> None:
    publication = [
        channel("x", "About 85,000 customers. Next update at 11:00.", "en"),
        channel("facebook", "About 58,000 customers. Next update at 11:30.", "en"),
        channel("mastodon", "About 85,000 customers. Next update at 11:00.", "en"),
    ]
    found = coherence_findings(publication)
    assert [(f.channel, f.finding.rule) for f in found] == [
        ("facebook", "coherence.customers"),
        ("facebook", "coherence.next"),
    ]


def test_skipped_channels_are_left_out() -> None:
    skipped = RenderedChannel("sms", "fr", "update", "update", skipped="SMS coupés")
    assert coherence_findings([channel("x", "Le 112 marche."), skipped]) == []


def test_the_bundled_update_is_coherent_as_rendered(render_bundled: Render) -> None:
    for item in render_bundled("nationwide-outage", "update"):
        assert not [f for f in item.findings if f.rule.startswith("coherence.")]


def test_a_rendered_publication_altered_on_one_channel_is_refused(
    render_bundled: Render,
) -> None:
    rendered = render_bundled("nationwide-outage", "update")
    assert coherence_findings(rendered) == []
    texts = [item for item in rendered if item.skipped is None and "112" in item.text]
    assert len(texts) >= 2, "the update gives the 112 sentence on several channels"
    victim = texts[-1]
    said = re.search(r"[^.\n]*112[^.\n]*", victim.text)
    assert said is not None
    altered = dataclasses.replace(
        victim,
        text=victim.text.replace(
            said.group(0), "En cas d'urgence, composez le 112 : l'appel aboutit"
        ),
    )
    publication = [altered if item is victim else item for item in rendered]
    found = coherence_findings(publication)
    assert [f.channel for f in found] == [victim.channel]
    assert "l'appel aboutit" in found[0].sentence
    assert found[0].finding.rule == "coherence.112" and found[0].finding.is_error


def test_render_prints_the_difference_and_exits_1(cli: Cli, home_copy: Path) -> None:
    page = home_copy / "templates" / "nationwide-outage" / "update" / "status-page.fr.j2"
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nEn cas d'urgence, composez le 112 : l'appel aboutit.\n",
        encoding="utf-8",
    )
    ran = cli("render", "nationwide-outage", "update", "--sample", "--lang", "fr", home=home_copy)
    assert ran.exit_code == 1
    assert "coherence.112" in ran.stderr
    assert "composez le 112" in ran.stderr
    as_json = cli(
        "render", "nationwide-outage", "update", "--sample", "--lang", "fr", "--format", "json",
        home=home_copy,
    )  # fmt: skip
    items = {item["channel"]: item for item in json.loads(as_json.stdout)}
    assert items["status-page"]["ok"] is False
    errors = [f["rule"] for f in items["status-page"]["findings"] if f["level"] == "error"]
    assert "coherence.112" in errors
    assert all(
        not [f for f in item.get("findings", []) if f["rule"].startswith("coherence.")]
        for channel, item in items.items()
        if channel != "status-page"
    )
