"""`crisisplay statuspage`: the static status page of an incident, from its published record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from crisisplay.cli.options import TimelineOption, current_home, resolve_timeline
from crisisplay.cli.runner import command

#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("statuspage")
@command
def statuspage(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="The folder the site is written to (made if missing; its three files are "
            "replaced whole, never half-written).",
            show_default=False,
        ),
    ],
    timeline: TimelineOption = None,
) -> int:
    """The status page of an incident, from what went out on its status-page channel only.

    Writes index.html (the incident, every update with its Paris time, the next update
    promised; French first, the organisation's other languages beside it; no script, nothing
    loaded from elsewhere), feed.atom (one entry per publication, ids stable across rebuilds)
    and summary.json (state, last update, next update, entries). Host the folder off the
    operator's own network: the page must stay up when the network is the incident.

    Examples:

      crisisplay statuspage --out site

      crisisplay statuspage --out /srv/status
      --timeline timelines/20261123-0742-nationwide-outage-3f9a.jsonl
    """
    import sys

    from crisisplay.delivery.base import Parcel
    from crisisplay.delivery.statuspage import CHANNEL, PAGE_ZONE, site_of, write_site
    from crisisplay.delivery.statuspage_render import render_site
    from crisisplay.errors import UsageError
    from crisisplay.incident.published import published_texts
    from crisisplay.incident.run import load_state
    from crisisplay.localtime import zone_of
    from crisisplay.messages.check import load_organisation
    from crisisplay.texts import interface_lang, t
    from crisisplay.textsafe import sanitize_line

    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: not a folder", hint="give a folder such as site/")
    state = load_state(resolve_timeline(timeline))
    org = load_organisation(current_home())
    lang = interface_lang(state.lang or org.languages[0])
    texts = [text for text in published_texts(state) if text.channel == CHANNEL]
    if not texts:
        raise UsageError(t("statuspage.nothing", lang), hint=t("statuspage.nothing_hint", lang))
    parcels = [
        Parcel(
            delivery=f"{text.message}@{text.published_at.isoformat()}/{text.lang}",
            incident=state.incident or "",
            message=text.message,
            kind=text.kind,
            channel=text.channel,
            lang=text.lang,
            text=text.text,
            published_at=text.published_at,
            next_update=text.next_update,
            title=text.title,
            drill=state.drill,
        )
        for text in texts
    ]
    site = site_of(parcels, title=state.title, languages=org.languages)
    try:
        write_site(out, render_site(site, zone_of(PAGE_ZONE)))
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    said = t("statuspage.written", lang, dir=out, entries=len(site.entries))
    sys.stdout.write(sanitize_line(said) + "\n")
    return 0
