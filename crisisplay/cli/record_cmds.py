"""`crisisplay published`: what went out on an incident, verbatim."""

from __future__ import annotations

from typing import Annotated

import typer

from crisisplay.cli.options import (
    FormatOption,
    LangOption,
    OutputFormat,
    TimelineOption,
    current_home,
    resolve_timeline,
)
from crisisplay.cli.runner import command

#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("published")
@command
def published(
    message: Annotated[
        str | None,
        typer.Argument(help="Only this message (holding, update...).", show_default=False),
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option("--channel", "-c", metavar="CHANNEL", help="Only this channel (repeatable)."),
    ] = None,
    lang: LangOption = None,
    timeline: TimelineOption = None,
    output: FormatOption = OutputFormat.text,
) -> int:
    """What went out, exactly as it was published: copy-ready texts, never rendered again.

    One text prints alone, byte for byte; several get a plain header line each. JSON gives
    {message, kind, channel, lang, text, published_at, next_update} for each, times with their
    offset, next_update being the promise the text carries.

    Examples:

      crisisplay published holding --channel sms

      crisisplay published --format json
      --timeline timelines/20261123-0742-nationwide-outage-3f9a.jsonl
    """
    from zoneinfo import ZoneInfo

    from crisisplay.channels.catalogue import resolve_channel
    from crisisplay.incident.published import published_texts
    from crisisplay.incident.run import load_state
    from crisisplay.messages.check import load_organisation

    path = resolve_timeline(timeline)
    state = load_state(path)
    org = load_organisation(current_home())
    chosen = tuple(resolve_channel(c) for c in channel or ())
    texts = published_texts(state, message=message, channels=chosen, lang=lang)
    if output is OutputFormat.json:
        from crisisplay.console import write_json

        zone = ZoneInfo(org.timezone)
        write_json([text.as_json(zone) for text in texts])
        return 0
    if not texts:
        import sys

        sys.stderr.write("nothing has been published on this incident yet\n")
        return 0
    from crisisplay.console.plain_text import print_plain

    print_plain([(text.header, text.text) for text in texts])
    return 0
