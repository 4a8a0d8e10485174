"""The status page's three files, from its site: ``index.html``, ``feed.atom``, ``summary.json``.

The page is one light HTML file read on a phone over a degraded connection: no script, nothing
loaded from elsewhere (its style is inline, its icon empty), a Content-Security-Policy that
forbids anything else, headings in order, a ``lang`` on every language's section. The texts
are shown as published, escaped (they are untrusted), their paragraphs kept. The same site
always gives the same bytes: nothing here reads a clock.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from crisisplay.localtime import LocalTimes, zone_label
from crisisplay.texts import catalogue, interface_lang, t

if TYPE_CHECKING:
    from crisisplay.delivery.statuspage import Entry, Site

#: characters XML 1.0 cannot carry (controls, lone surrogates, non-characters): dropped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n+")

STYLE = """
html{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;\
background:#fff;-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:42rem;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.15rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid #6b6b6b}
h3{font-size:1rem;margin:0}
p{margin:.5rem 0}
article{margin:1rem 0;padding:.25rem 0 .25rem .75rem;border-left:4px solid #0b4f8a}
article p{white-space:pre-line;overflow-wrap:anywhere}
.state{display:inline-block;margin:0;padding:0 .5rem;border-radius:.25rem;font-weight:700;\
color:#fff;background:#a3161a}
.resolved{background:#14622d}
.drill{padding:.5rem;border:2px solid #8a4b00;font-weight:700;color:#6b3a00}
.next{font-size:1.15rem;font-weight:700}
.meta,.corrected,footer{color:#4d4d4d}
a{color:#0b4f8a}
.skip{position:absolute;left:-100vw}
.skip:focus{position:static}
""".strip()


def render_site(site: Site, zone: ZoneInfo) -> dict[str, str]:
    """The site's files by name."""
    return {
        "index.html": page(site, zone),
        "feed.atom": feed(site, zone),
        "summary.json": summary(site, zone),
    }


# ---------------------------------------------------------------- times


def _times(site: Site, zone: ZoneInfo, lang: str) -> LocalTimes:
    """The page's clock: with the day when its moments fall on several days."""
    moments = [e.published_at for e in site.entries] + [e.updated for e in site.entries]
    if site.next_update is not None:
        moments.append(site.next_update)
    return LocalTimes.spanning(zone.key, lang, moments)


def clock(times: LocalTimes, at: datetime, lang: str) -> str:
    """``14h05`` (``9h`` on the hour) in French, ``14:05`` otherwise, as the texts write it;
    preceded by the day when the page spans several."""
    local = times.local(at)
    if lang == "fr":
        time = f"{local.hour}h{local.minute:02d}" if local.minute else f"{local.hour}h"
    else:
        time = f"{local:%H:%M}"
    return f"{times.day(local)} {time}" if times.with_day else time


def _iso(at: datetime, zone: ZoneInfo) -> str:
    return at.astimezone(zone).isoformat(timespec="seconds")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _kind_label(kind: str, lang: str) -> str:
    """What the update is, in the reader's words (``Information`` for a kind without a label)."""
    key = f"statuspage.kind.{kind}"
    return t(key if key in catalogue(lang) else "statuspage.kind.other", lang)


def _title(site: Site, lang: str) -> str:
    return site.title or t("statuspage.untitled", lang)


# ---------------------------------------------------------------- index.html


def page(site: Site, zone: ZoneInfo) -> str:
    first = site.languages[0]
    lang = interface_lang(first)
    times = _times(site, zone, lang)
    state = t(f"statuspage.state.{'resolved' if site.resolved else 'open'}", lang)
    title = _title(site, lang)
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(first)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<link rel="icon" href="data:,">',
        f'<link rel="alternate" type="application/atom+xml" href="feed.atom" '
        f'title="{escape(_clean(title))}">',
        f"<title>{escape(_clean(title))} ({escape(state)})</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f'<a class="skip" href="#updates">{escape(t("statuspage.skip", lang))}</a>',
        "<header>",
    ]
    if site.drill:
        head.append(f'<p class="drill">{escape(t("statuspage.drill", lang))}</p>')
    state_class = "state resolved" if site.resolved else "state"
    head += [
        f'<p class="{state_class}">{escape(state)}</p>',
        f"<h1>{escape(_clean(title))}</h1>",
        *_next_update(site, times, first),
        '<p class="meta">'
        + escape(
            t(
                "statuspage.updated",
                lang,
                time=clock(times, site.updated, lang),
                zone=zone_label(zone, lang),
            )
        )
        + "</p>",
        "</header>",
        '<main id="updates">',
    ]
    sections = [_section(site, zone, each, index == 0) for index, each in enumerate(site.languages)]
    tail = [
        "</main>",
        f'<footer><p><a href="feed.atom">{escape(t("statuspage.feed", lang))}</a></p></footer>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join([*head, *sections, *tail])


def _next_update(site: Site, times: LocalTimes, lang: str) -> list[str]:
    if site.next_update is None:
        return []
    said = t("statuspage.next", interface_lang(lang), time=clock(times, site.next_update, lang))
    moment = _iso(site.next_update, times.zone)
    return [f'<p class="next"><time datetime="{moment}">{escape(said)}</time></p>']


def _section(site: Site, zone: ZoneInfo, lang: str, first: bool) -> str:
    words = interface_lang(lang)
    times = _times(site, zone, words)
    key = "statuspage.updates" if first else "statuspage.updates_in"
    heading = f"h-{escape(lang)}"
    lines = [
        f'<section lang="{escape(lang)}" aria-labelledby="{heading}">',
        f'<h2 id="{heading}">{escape(t(key, words))}</h2>',
    ]
    if not first:
        lines += _next_update(site, times, lang)
    entries = [e for e in reversed(site.entries) if lang in e.texts]
    lines += [_article(entry, times, lang) for entry in entries]
    lines.append("</section>")
    return "\n".join(lines)


def _article(entry: Entry, times: LocalTimes, lang: str) -> str:
    words = interface_lang(lang)
    when = _iso(entry.published_at, times.zone)
    label = escape(_kind_label(entry.kind, words))
    said = escape(clock(times, entry.published_at, lang))
    heading = f'<h3><time datetime="{when}">{said}</time> · {label}</h3>'
    lines = [f'<article id="{entry.anchor}-{escape(lang)}">', heading]
    if entry.corrected:
        corrected = t("statuspage.corrected", words, time=clock(times, entry.updated, lang))
        lines.append(f'<p class="corrected">{escape(corrected)}</p>')
    lines += [f"<p>{escape(_clean(part))}</p>" for part in _paragraphs(entry.texts[lang])]
    lines.append("</article>")
    return "\n".join(lines)


def _paragraphs(text: str) -> list[str]:
    return [part.strip("\n") for part in _PARAGRAPHS.split(text.strip("\n")) if part.strip()]


# ---------------------------------------------------------------- feed.atom


def feed_id(incident: str) -> str:
    """The Atom feed's id: the incident's, the same at every rebuild."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"crisisplay:{incident}").urn


def feed(site: Site, zone: ZoneInfo) -> str:
    """One entry per publication, newest first, with its texts in every language; an entry's
    id never changes, a correction moves its ``updated``."""
    first = site.languages[0]
    lang = interface_lang(first)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(first)}">',
        f"<id>{feed_id(site.incident)}</id>",
        f"<title>{escape(_clean(_title(site, lang)))}</title>",
        f"<updated>{_iso(site.updated, zone)}</updated>",
        f"<author><name>{escape(t('statuspage.author', lang))}</name></author>",
        '<link rel="self" href="feed.atom"/>',
        '<link rel="alternate" type="text/html" href="index.html"/>',
    ]
    times = _times(site, zone, lang)
    lines += [_feed_entry(entry, site, times, first) for entry in reversed(site.entries)]
    lines += ["</feed>", ""]
    return "\n".join(lines)


def _feed_entry(entry: Entry, site: Site, times: LocalTimes, first: str) -> str:
    words = interface_lang(first)
    title = f"{clock(times, entry.published_at, first)} · {_kind_label(entry.kind, words)}"
    divs = []
    for lang in site.languages:
        if lang in entry.texts:
            paragraphs = "".join(
                f"<p>{escape(_clean(part))}</p>" for part in _paragraphs(entry.texts[lang])
            )
            said = escape(lang)
            divs.append(f'<div xml:lang="{said}" lang="{said}">{paragraphs}</div>')
    xhtml = '<div xmlns="http://www.w3.org/1999/xhtml">' + "".join(divs) + "</div>"
    anchor = f"{entry.anchor}-{escape(first)}"
    return "\n".join(
        [
            "<entry>",
            f"<id>{entry.id}</id>",
            f"<title>{escape(title)}</title>",
            f"<published>{_iso(entry.published_at, times.zone)}</published>",
            f"<updated>{_iso(entry.updated, times.zone)}</updated>",
            f'<link rel="alternate" type="text/html" href="index.html#{anchor}"/>',
            f'<content type="xhtml">{xhtml}</content>',
            "</entry>",
        ]
    )


# ---------------------------------------------------------------- summary.json


def summary(site: Site, zone: ZoneInfo) -> str:
    """Where the incident stands, for a script or a widget; entries oldest first."""
    document: dict[str, Any] = {
        "incident": site.incident,
        "title": site.title,
        "state": "resolved" if site.resolved else "open",
        "drill": site.drill,
        "updated": _iso(site.updated, zone),
        "next_update": _iso(site.next_update, zone) if site.next_update else None,
        "entries": [
            {
                "id": entry.id,
                "message": entry.message,
                "kind": entry.kind,
                "published_at": _iso(entry.published_at, zone),
                "updated": _iso(entry.updated, zone),
                "corrected": entry.corrected,
                "texts": _texts(entry, site.languages),
            }
            for entry in site.entries
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _texts(entry: Entry, languages: tuple[str, ...]) -> dict[str, str]:
    return {lang: entry.texts[lang] for lang in languages if lang in entry.texts}
