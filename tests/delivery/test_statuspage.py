"""The status page: the site built from the published record, its three files, the connector
that rewrites it at each publication, the command that writes it from an incident, and the
page in headless chromium at a phone's width and a desktop's."""

from __future__ import annotations

import itertools
import json
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser  # type: ignore[import-untyped]
import pytest

from crisisplay.delivery.base import DeliveryFailed, Parcel, Receipt
from crisisplay.delivery.kinds import connector_for
from crisisplay.delivery.secrets import EnvironmentSecrets
from crisisplay.delivery.statuspage import Site, StatuspageConnector, site_of, write_site
from crisisplay.delivery.statuspage_render import render_site
from crisisplay.playbook.model import Account
from crisisplay.timeline.store import read_events
from tests.conftest import ROOT, Cli
from tests.report.browser import DevTools, devtools, require_chromium
from tests.report.timelines import incident_timeline

PARIS = ZoneInfo("Europe/Paris")
INCIDENT = "20261123-0742-nationwide-outage-5eed"
#: 08:14 in Paris
T0 = datetime(2026, 11, 23, 7, 14, tzinfo=timezone.utc)
LONG_URL = "https://aide.onde-mobile.example/" + "panne-reseau-mobile-" * 8 + "questions"
HOSTILE = (
    'Test </p><script>alert("x")</script><img src="http://canary.invalid/x.png"> & '
    "<a href='http://canary.invalid/'>lien</a>\x00\x07 fin"
)


def parcel(
    delivery: str,
    message: str,
    lang: str,
    text: str,
    minutes: int,
    next_in: int | None = None,
    **changes: Any,
) -> Parcel:
    kind = message.rstrip("0123456789")
    at = T0 + timedelta(minutes=minutes)
    return Parcel(
        delivery=delivery,
        incident=INCIDENT,
        message=message,
        kind=kind,
        channel="status-page",
        lang=lang,
        text=text,
        published_at=at,
        next_update=at + timedelta(minutes=next_in) if next_in else None,
        **changes,
    )


def bilingual() -> list[Parcel]:
    """A holding statement, two updates (the first corrected), a resolution; French, English."""
    fr, en = "fr", "en"
    return [
        parcel("holding-fr", "holding", fr, HOLDING_FR, 0, 76),
        parcel("holding-en", "holding", en, HOLDING_EN, 0, 76),
        parcel(
            "update-fr", "update", fr, "Point de 9h15\n\nCoupure pour 60 % des clients.", 61, 75
        ),
        parcel("update-en", "update", en, "Update, 09:15\n\nOutage for 60% of customers.", 61, 75),
        parcel(
            "update-fr-fix",
            "update",
            fr,
            "Point de 9h15 (corrigé)\n\nCoupure pour 40 % des clients, en France métropolitaine.",
            66,
            70,
            correcting=Receipt(remote_id="update-fr"),
        ),
        parcel("update2-fr", "update2", fr, f"Point de 10h25\n\nDétails : {LONG_URL}", 131, 35),
        parcel("update2-en", "update2", en, f"Update, 10:25\n\nDetails: {LONG_URL}", 131, 35),
        parcel("resolution-fr", "resolution", fr, "Le service est rétabli partout.", 156),
        parcel("resolution-en", "resolution", en, "Service is restored everywhere.", 156),
    ]


HOLDING_FR = (
    "Panne du réseau mobile - en cours\n\n"
    "Appels et internet mobile coupés dans toute la France.\n"
    "Zones touchées : toutes les régions.\n\n"
    "En cas d’urgence, appelez le 112 depuis un fixe ou le mobile d’un proche.\n\n"
    "Prochain point à 9h30."
)
HOLDING_EN = (
    "Mobile network outage - ongoing\n\n"
    "Calls and mobile data are down across France.\n\n"
    "In an emergency, call 112 from a landline or from someone else's mobile.\n\n"
    "Next update at 09:30."
)


def site(parcels: Sequence[Parcel], **kwargs: Any) -> Site:
    return site_of(parcels, languages=("fr", "en"), **kwargs)


# ---------------------------------------------------------------- the site


def test_one_entry_per_publication_its_languages_together_a_correction_in_place() -> None:
    built = site(bilingual(), title="Panne nationale du réseau mobile")
    assert [e.message for e in built.entries] == ["holding", "update", "update2", "resolution"]
    update = built.entries[1]
    assert update.texts["fr"].startswith("Point de 9h15 (corrigé)")
    assert update.texts["en"].startswith("Update, 09:15")
    assert update.corrected and update.published_at == T0 + timedelta(minutes=61)
    assert update.updated == T0 + timedelta(minutes=66)
    assert update.deliveries == ("update-fr", "update-en", "update-fr-fix")
    retried = site([*bilingual(), bilingual()[-1]])  # a retry of the last one
    assert retried.entries == built.entries
    assert retried.entries[3].deliveries == ("resolution-fr", "resolution-en")
    assert built.resolved and built.next_update is None
    assert built.languages == ("fr", "en")


def test_the_ids_depend_on_the_record_only() -> None:
    before = site(bilingual()[:4])
    after = site(bilingual())
    assert [e.id for e in before.entries] == [e.id for e in after.entries[:2]]
    assert len({e.id for e in after.entries}) == 4
    assert all(e.id.startswith("urn:uuid:") for e in after.entries)
    other = site([replace(p, incident="another") for p in bilingual()])
    assert not {e.id for e in other.entries} & {e.id for e in after.entries}


def test_the_latest_promise_is_the_next_update_until_resolved() -> None:
    parcels = bilingual()
    ongoing = site(parcels[:7])
    assert not ongoing.resolved
    assert ongoing.next_update == T0 + timedelta(minutes=131 + 35)
    files = render_site(ongoing, PARIS)
    assert "Prochain point à 11h" in files["index.html"]  # 10:25 + 35 min, on the hour
    assert "Next update at 11:00" in files["index.html"]
    summary = json.loads(files["summary.json"])
    assert (summary["state"], summary["next_update"]) == ("open", "2026-11-23T11:00:00+01:00")
    assert summary["updated"] == "2026-11-23T10:25:00+01:00"


def test_the_page_french_first_english_beside_it_paris_times() -> None:
    page = render_site(site(bilingual(), title="Panne nationale du réseau mobile"), PARIS)[
        "index.html"
    ]
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "<h1>Panne nationale du réseau mobile</h1>" in page
    french, english = page.index('<section lang="fr"'), page.index('<section lang="en"')
    assert french < english
    assert "Résolu" in page and 'class="next"' not in page  # resolved: no promise
    assert '<time datetime="2026-11-23T08:14:00+01:00">8h14</time> · Premier message' in page
    assert '<time datetime="2026-11-23T08:14:00+01:00">08:14</time> · First statement' in page
    assert "corrigé à 9h20" in page and "Coupure pour 60 %" not in page
    assert page.index("Le service est rétabli") < page.index("Point de 9h15")  # newest first
    # paragraphs kept, lines within a paragraph too (white-space: pre-line)
    assert "<p>Appels et internet mobile coupés dans toute la France.\nZones touchées" in page
    assert "112 depuis un fixe" in page


def test_a_drill_says_so_above_everything() -> None:
    drill = [replace(p, drill=True) for p in bilingual()[:2]]
    page = render_site(site(drill), PARIS)["index.html"]
    assert page.index('<p class="drill">EXERCICE') < page.index("<h1>")
    assert json.loads(render_site(site(drill), PARIS)["summary.json"])["drill"] is True
    assert 'class="drill"' not in render_site(site(bilingual()[:2]), PARIS)["index.html"]


def test_everything_is_escaped_and_nothing_is_loaded_from_elsewhere() -> None:
    parcels = [parcel("h", "holding", "fr", HOSTILE, 0, 60)]
    files = render_site(site(parcels, title="<b>Panne</b> & co"), PARIS)
    page = files["index.html"]
    assert "<script" not in page and "<img" not in page and "canary" in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;Panne&lt;/b&gt; &amp; co" in page
    assert "\x00" not in page and "\x07" not in page
    tags = _tags(page)
    assert {tag for tag, _ in tags} <= {
        "html", "head", "meta", "link", "title", "style", "body", "a", "header", "p", "h1",
        "main", "section", "h2", "article", "h3", "time", "footer",
    }  # fmt: skip
    assert not [attrs for _, attrs in tags if "src" in attrs or "srcset" in attrs]
    links = [attrs["href"] for _, attrs in tags if "href" in attrs]
    assert sorted(links) == ["#updates", "data:,", "feed.atom", "feed.atom"], links
    assert not re.search(r"@import|url\(", page)
    assert "default-src 'none'" in page  # the page itself forbids any load
    feed = ET.fromstring(files["feed.atom"].encode())  # well-formed despite the controls
    content = "".join(feed.itertext())
    assert '<script>alert("x")</script>' in content  # as text, not as markup
    assert json.loads(files["summary.json"])["entries"][0]["texts"]["fr"] == HOSTILE


def _tags(page: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag of ``page`` and its attributes, as a browser's tokenizer reads them."""
    found: list[tuple[str, dict[str, str]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, {name: value or "" for name, value in attrs}))

    Tags().feed(page)
    return found


def test_the_feed_parses_and_a_correction_keeps_its_id_and_moves_updated() -> None:
    before = feedparser.parse(render_site(site(bilingual()[:4]), PARIS)["feed.atom"])
    after = feedparser.parse(render_site(site(bilingual()), PARIS)["feed.atom"])
    for parsed in (before, after):
        assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.id for e in after.entries][-2:] == [e.id for e in before.entries]  # newest first
    corrected = next(e for e in after.entries if e.id == before.entries[0].id)
    assert corrected.updated == "2026-11-23T09:20:00+01:00"
    assert corrected.published == "2026-11-23T09:15:00+01:00"
    assert "40 %" in corrected.content[0].value and "60 %" not in corrected.content[0].value
    assert before.entries[0].updated == "2026-11-23T09:15:00+01:00"
    assert len(after.entries) == 4 and after.feed.id.startswith("urn:uuid:")
    assert after.feed.language == "fr"


# ---------------------------------------------------------------- the connector


def account(**changes: Any) -> Account:
    fields: dict[str, Any] = {
        "id": "status",
        "kind": "statuspage",
        "channels": ("status-page",),
        "dir": "site",
        "url": "https://status.onde-mobile.example/",
    }
    fields.update(changes)
    return Account(**fields)


def connector(folder: Path, **changes: Any) -> StatuspageConnector:
    built = connector_for(account(**changes), EnvironmentSecrets({}, folder), folder)
    assert isinstance(built, StatuspageConnector)
    return built


def deliver_all(page: StatuspageConnector, parcels: Sequence[Parcel]) -> list[Receipt]:
    """Each parcel delivered in turn with the ones before it as its history, as the core does."""
    receipts = []
    for index, each in enumerate(parcels):
        with_history = replace(each, history=tuple(parcels[:index]))
        receipts.append(page.deliver(with_history, timeout=5))
    return receipts


def test_the_connector_rewrites_the_site_from_the_history(tmp_path: Path) -> None:
    parcels = bilingual()
    receipts = deliver_all(connector(tmp_path), parcels)
    folder = tmp_path / "site"  # relative to the organisation file's folder
    assert sorted(p.name for p in folder.iterdir()) == ["feed.atom", "index.html", "summary.json"]
    expected = render_site(site_of(parcels), PARIS)
    for name, text in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == text
    last = receipts[-1]
    entry = json.loads(expected["summary.json"])["entries"][-1]
    assert last.remote_id == "resolution-en" and last.details["entry"] == entry["id"]
    assert last.url is not None
    assert last.url.startswith("https://status.onde-mobile.example/#e-")
    assert last.url.endswith("-en")
    anchor = last.url.rsplit("#", 1)[1]
    assert f'id="{anchor}"' in expected["index.html"]


def test_a_retry_rewrites_the_same_bytes(tmp_path: Path) -> None:
    page = connector(tmp_path)
    parcels = bilingual()
    deliver_all(page, parcels)
    first = {p.name: p.read_bytes() for p in (tmp_path / "site").iterdir()}
    again = page.deliver(replace(parcels[-1], history=tuple(parcels[:-1])), timeout=5)
    assert again.remote_id == "resolution-en"
    assert {p.name: p.read_bytes() for p in (tmp_path / "site").iterdir()} == first


def test_a_correction_through_the_connector_replaces_the_entry(tmp_path: Path) -> None:
    page = connector(tmp_path)
    parcels = bilingual()[:4]
    receipts = deliver_all(page, parcels)
    fix = replace(bilingual()[4], correcting=None, history=tuple(parcels))
    page.correct(fix, receipts[2], timeout=5)
    summary = json.loads((tmp_path / "site" / "summary.json").read_text(encoding="utf-8"))
    update = summary["entries"][1]
    assert update["corrected"] and "40 %" in update["texts"]["fr"]
    assert len(summary["entries"]) == 2


def test_a_reader_never_sees_half_a_page(tmp_path: Path) -> None:
    parcels = bilingual()
    folder = tmp_path / "site"
    write_site(folder, render_site(site_of(parcels[:2]), PARIS))
    seen: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.append((folder / "index.html").read_text(encoding="utf-8"))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for count in range(2, len(parcels) + 1):
            for _ in range(6):
                write_site(folder, render_site(site_of(parcels[:count]), PARIS))
    finally:
        done.set()
        reader.join()
    assert len(seen) > 20
    assert all(text.endswith("</html>\n") for text in seen)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


def test_an_unwritable_folder_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("a file where the folder should be")
    with pytest.raises(DeliveryFailed, match=r"account status: .*site"):
        connector(tmp_path).deliver(bilingual()[0], timeout=5)
    with pytest.raises(DeliveryFailed, match="no dir"):
        connector(tmp_path, dir=None).deliver(bilingual()[0], timeout=5)


# ---------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def incident(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return incident_timeline("nationwide-outage", tmp_path_factory.mktemp("incident"))


def test_the_command_writes_the_site_of_a_real_incident(
    cli: Cli, incident: Path, tmp_path: Path
) -> None:
    out = tmp_path / "status"
    ran = cli("statuspage", "--out", str(out), "--timeline", str(incident), home=ROOT)
    assert ran.exit_code == 0, ran.stderr
    on_the_page = [  # what went out on the status-page channel, in order: the page's entries
        e.payload["message"]
        for e in read_events(incident).events
        if e.kind == "message.published"
        and any(text["channel"] == "status-page" for text in e.payload["texts"])
    ]
    assert on_the_page[0] == "holding" and "resolution" in on_the_page
    assert f"Page de statut écrite dans {out} ({len(on_the_page)} points)" in ran.stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["incident"].endswith("-nationwide-outage-5eed")
    assert summary["state"] == "resolved" and summary["next_update"] is None
    assert [e["message"] for e in summary["entries"]] == on_the_page
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Panne nationale du réseau mobile</h1>" in page
    assert "8h14" in page and "112" in page
    size = len(page.encode())
    print(f"\nindex.html of the nationwide outage: {size} bytes")
    assert size < 30_000
    first = feedparser.parse((out / "feed.atom").read_bytes())
    assert not first.bozo and len(first.entries) == len(on_the_page)
    again = cli("statuspage", "--out", str(out), "--timeline", str(incident), home=ROOT)
    assert again.exit_code == 0
    rebuilt = feedparser.parse((out / "feed.atom").read_bytes())
    assert [e.id for e in rebuilt.entries] == [e.id for e in first.entries]


def test_the_command_writes_nothing_before_the_first_status_page_text(
    cli: Cli, incident: Path, tmp_path: Path
) -> None:
    lines = incident.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if '"message.published"' in line
                 and '"status-page"' in line)  # fmt: skip
    early = tmp_path / "early.jsonl"
    early.write_text("".join(lines[:first]), encoding="utf-8")  # a prefix of the chain
    out = tmp_path / "status"
    ran = cli("statuspage", "--out", str(out), "--timeline", str(early), home=ROOT)
    assert ran.exit_code == 2
    assert "rien n'est encore paru sur la page de statut" in ran.stderr
    assert not out.exists()


def test_the_command_refuses_a_file_as_its_folder(cli: Cli, incident: Path, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("keep me")
    ran = cli("statuspage", "--out", str(target), "--timeline", str(incident), home=ROOT)
    assert ran.exit_code == 2
    assert "not a folder" in ran.stderr and target.read_text() == "keep me"


# ---------------------------------------------------------------- in a browser

PROBE = """JSON.stringify((() => {
  const visible = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && r.right > 0; };
  const box = e => { const r = e.getBoundingClientRect();
    return {tag: e.tagName, text: e.textContent.slice(0, 40), x0: r.left, y0: r.top + scrollY,
            x1: r.right, y1: r.bottom + scrollY}; };
  const background = e => { for (; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; }
    return 'rgb(255, 255, 255)'; };
  const blocks = Array.from(document.querySelectorAll('h1, h2, h3, p')).filter(visible);
  const texts = Array.from(document.querySelectorAll('body *')).filter(e => visible(e)
    && Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()));
  return {
    width: innerWidth, scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    blocks: blocks.map(box),
    colours: texts.map(e => ({tag: e.tagName, text: e.textContent.slice(0, 30),
      color: getComputedStyle(e).color, background: background(e),
      size: parseFloat(getComputedStyle(e).fontSize)})),
    headings: Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map(h => h.tagName),
    lang: document.documentElement.lang,
    sections: Array.from(document.querySelectorAll('section')).map(s => s.lang),
    scripts: document.scripts.length, images: document.images.length,
    resources: performance.getEntriesByType('resource').map(r => r.name),
  };
})())"""


def _look(tools: DevTools, url: str, width: int, shot: Path) -> tuple[dict[str, Any], list[str]]:
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"
    ]
    for domain in ("Network", "Page", "Runtime"):
        tools.send(f"{domain}.enable", session=session)
    tools.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600},
        session=session,
    )
    tools.send("Page.navigate", {"url": url}, session=session)
    tools.wait_for("Page.loadEventFired", session)
    probe = tools.send(
        "Runtime.evaluate", {"expression": PROBE, "returnByValue": True}, session=session
    )
    import base64

    png = tools.send("Page.captureScreenshot", {"format": "png"}, session=session)
    shot.write_bytes(base64.b64decode(png["data"]))
    return json.loads(probe["result"]["value"]), tools.requests(session)


@pytest.fixture(scope="module")
def looked(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[dict[str, Any], list[str]]]:
    binary = require_chromium()
    folder = tmp_path_factory.mktemp("statuspage-browser")
    parcels = [*bilingual(), parcel("note-fr", "note", "fr", HOSTILE, 170)]
    write_site(folder / "site", render_site(site(parcels, title="Panne nationale"), PARIS))
    url = (folder / "site" / "index.html").as_uri()
    found = {}
    with devtools(binary, folder / "profile", folder / "chromium.log") as tools:
        for width in (375, 1280):
            found[width] = _look(tools, url, width, folder / f"statuspage-{width}.png")
    print(f"\nscreenshots of the status page: {folder}/statuspage-375.png, -1280.png")
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_no_overlap_and_no_horizontal_scroll(
    looked: dict[int, tuple[dict[str, Any], list[str]]], width: int
) -> None:
    facts, _ = looked[width]
    assert facts["width"] == width
    assert facts["scrollWidth"] <= facts["width"] and facts["bodyScrollWidth"] <= facts["width"]
    boxes = facts["blocks"]
    assert len(boxes) > 20
    assert all(b["x0"] >= 0 and b["x1"] <= width for b in boxes), boxes
    overlaps = [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x0"] < b["x1"] - 0.5
        and b["x0"] < a["x1"] - 0.5
        and a["y0"] < b["y1"] - 0.5
        and b["y0"] < a["y1"] - 0.5
    ]
    assert not overlaps, overlaps
    assert min(c["size"] for c in facts["colours"]) >= 15  # readable without zooming


@pytest.mark.browser
def test_no_request_leaves_the_page(looked: dict[int, tuple[dict[str, Any], list[str]]]) -> None:
    for facts, requests in looked.values():
        assert requests and all(url.startswith(("file:", "data:")) for url in requests), requests
        assert facts["resources"] == [] and (facts["scripts"], facts["images"]) == (0, 0)


@pytest.mark.browser
def test_headings_in_order_languages_marked_contrast_enough(
    looked: dict[int, tuple[dict[str, Any], list[str]]],
) -> None:
    facts, _ = looked[375]
    levels = [int(tag[1]) for tag in facts["headings"]]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    assert facts["lang"] == "fr" and facts["sections"] == ["fr", "en"]
    low = [
        (c["text"], c["color"], c["background"], round(_contrast(c["color"], c["background"]), 2))
        for c in facts["colours"]
        if _contrast(c["color"], c["background"]) < 4.5
    ]
    assert not low, low
    assert len(facts["colours"]) > 20


def _contrast(colour: str, background: str) -> float:
    def luminance(css: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
