"""`crisisplay render` and `crisisplay check`: channel-sized messages for the community managers."""

from __future__ import annotations

import enum
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from crisisplay.cli.options import ActorOption, LangOption, current_home
from crisisplay.cli.runner import command
from crisisplay.errors import InputError, UsageError
from crisisplay.infile import open_regular

if TYPE_CHECKING:
    from collections.abc import Sequence

    from crisisplay.incident.record import Desk
    from crisisplay.messages.rendered import RenderedChannel
    from crisisplay.messages.request import RenderOutcome

MAX_TEXT_BYTES = 1_000_000


class Format(str, enum.Enum):
    text = "text"
    json = "json"


class Kind(str, enum.Enum):
    holding = "holding"
    update = "update"
    resolution = "resolution"
    compensation = "compensation"
    faq = "faq"
    agent_script = "agent-script"
    ivr = "ivr"
    internal_brief = "internal-brief"
    press_statement = "press-statement"
    authority_notice = "authority-notice"
    breach_notice = "breach-notice"
    executive_statement = "executive-statement"
    reply = "reply"
    moderation_charter = "moderation-charter"
    relay_brief = "relay-brief"
    recontact = "recontact"
    survey = "survey"
    report_frame = "report-frame"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="text (a panel per channel) or json for scripts.")
]
PlainOption = Annotated[
    bool | None,
    typer.Option(
        "--plain/--panels",
        help="--plain: the texts alone, ready to paste (counts and findings on stderr); "
        "--panels: bordered panels. Default: panels on a terminal, plain into a pipe or file.",
        show_default=False,
    ),
]
CopyOption = Annotated[
    bool,
    typer.Option("--copy", help="Also put the text on the clipboard (one channel only)."),
]


#: the commands of this module; `crisisplay.cli.main` loads them on first use
commands = typer.Typer(rich_markup_mode=None)


@commands.command("render")
@command
def render(
    scenario: Annotated[str, typer.Argument(help="Scenario id (see `crisisplay list`).")],
    message: Annotated[str, typer.Argument(help="Message id (see `crisisplay show SCENARIO`).")],
    *,
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel",
            "-c",
            metavar="CHANNEL",
            help="Only this channel (repeatable). Default: all.",
        ),
    ] = None,
    lang: LangOption = None,
    facts: Annotated[
        Path | None, typer.Option("--facts", help="YAML file of facts: `fact_id: value` lines.")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            "-s",
            metavar="KEY=VALUE",
            help="A fact (repeatable; wins over --facts).",
        ),
    ] = None,
    timeline: Annotated[
        Path | None,
        typer.Option(
            "--timeline",
            "--incident",
            "-t",
            help="Take the incident's current facts, severity and drill flag from this "
            "timeline (on a shared store: this incident), and record each rendered channel "
            "in it.",
        ),
    ] = None,
    sample: Annotated[
        bool, typer.Option("--sample", help="Start from the scenario's sample facts (preview).")
    ] = False,
    drill: Annotated[
        bool, typer.Option("--drill", help="Render as a drill: every text starts with the marker.")
    ] = False,
    next_update: Annotated[
        str | None,
        typer.Option("--next-update", help="Time of the next update (HH:MM, local time)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Also write one file per channel into this folder."),
    ] = None,
    output: FormatOption = Format.text,
    plain: PlainOption = None,
    copy: CopyOption = False,
    actor: ActorOption = None,
) -> int:
    """Render a message for each of its channels: counted, linted, ready to paste.

    Facts come from --timeline (the incident's current facts), then --facts FILE, then each
    --set, later ones winning; every missing fact is named at once. Exit 1 when a channel has an
    error finding (over its limit, forbidden wording, missing next update time...).

    Examples:

      crisisplay render nationwide-outage holding --lang fr --sample

      crisisplay render nationwide-outage update --set services_down=voice,data
      --set affected_share=60 --set started_at=07:42 --set cause_known=no
      --set emergency_calls_ok=yes --next-update 11:30 --channel x --channel sms

      crisisplay render nationwide-outage resolution --out out/
      --timeline timelines/20261123-0742-nationwide-outage-3f9a.jsonl
    """
    from crisisplay.channels.catalogue import resolve_channel
    from crisisplay.messages.request import RenderRequest, run_render

    desk = None
    if timeline is not None:
        from crisisplay.cli.member_cmds import incident_of

        desk = incident_of(timeline)
    channels = tuple(dict.fromkeys(resolve_channel(name) for name in channel or ()))
    if copy and len(channels) != 1:
        raise UsageError("--copy takes one text", hint="choose its channel with --channel")
    request = RenderRequest(
        scenario,
        message,
        now=_utc_now(),
        lang=lang,
        channels=channels,
        facts_file=facts,
        assignments=tuple(set_ or ()),
        incident=desk.situation().render_facts() if desk is not None else None,
        sample=sample,
        drill=drill,
        next_update=_clock_option(next_update),
    )
    outcome = run_render(current_home(), request)
    _show_render(outcome, output, out, plain=_is_plain(plain))
    _say_against_record(outcome)
    if desk is not None and not outcome.contradictions:
        _record(desk, outcome, actor)
    if copy:
        _copy(outcome.items)
    return 0 if outcome.ok else 1


@commands.command("check")
@command
def check(
    text: Annotated[
        str | None,
        typer.Argument(help="The text, a file holding it, or - for stdin.", show_default=False),
    ] = None,
    *,
    channel: Annotated[str, typer.Option("--channel", "-c", help="Channel id (x, sms, push...).")],
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of the text (default: French or English as its words say, among the"
            " organisation's languages; else the organisation's first).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        Kind | None,
        typer.Option("--kind", "-k", help="Message kind: also checks what this kind must say."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Push title or email subject.")
    ] = None,
    output: FormatOption = Format.text,
    plain: PlainOption = None,
    copy: CopyOption = False,
) -> int:
    """Count and lint a text written by hand: length against the channel's limit, SMS
    encoding and parts (with what to type instead of characters that force UCS-2), tone.

    Without --lang, the text is read in the language its words say (one line on stderr tells
    which). Exit 1 when there is an error finding.

    Examples:

      crisisplay check --channel sms "Panne en cours, prochain point à 15h"

      crisisplay check --channel x --kind holding draft.txt

      pbpaste | crisisplay check --channel push --title "Réseau perturbé" -
    """
    from crisisplay.channels.catalogue import resolve_channel
    from crisisplay.messages.check import check_text, load_organisation

    org = load_organisation(current_home())
    body = _read_text(text)
    item = check_text(
        org,
        resolve_channel(channel),
        body,
        lang=lang or _text_language(body, title, org.languages),
        kind=kind.value if kind else None,
        title=title,
    )
    if output is Format.json:
        from crisisplay.console import write_json

        write_json(item.as_json())
    elif _is_plain(plain):
        from crisisplay.console.message_views import print_plain_texts

        print_plain_texts([item], summary_line=False)
    else:
        from crisisplay.console.message_views import print_checked

        print_checked(item)
    if copy:
        _copy([item])
    return 0 if item.ok else 1


def _text_language(body: str, title: str | None, languages: Sequence[str]) -> str:
    """The language the text's words say, and which one it is on stderr when there is a
    choice."""
    from crisisplay.messages.check import text_language
    from crisisplay.textsafe import sanitize_line

    reading = text_language(f"{title or ''}\n{body}", languages)
    if len(languages) > 1:
        sys.stderr.write(sanitize_line(reading.note()) + "\n")
    return reading.lang


def _is_plain(given: bool | None) -> bool:
    """Plain when asked, else whenever stdout is not a terminal (a pipe, a file)."""
    return given if given is not None else not sys.stdout.isatty()


def _show_render(outcome: RenderOutcome, output: Format, out: Path | None, *, plain: bool) -> None:
    if output is Format.json:
        from crisisplay.console import write_json

        write_json([item.as_json() for item in outcome.items])
    elif plain:
        from crisisplay.console.message_views import print_plain_texts

        print_plain_texts(outcome.items)
    else:
        from crisisplay.console.message_views import print_rendered

        print_rendered(outcome.items)
    if out is not None:
        from crisisplay.messages.outputs import write_outputs

        written = write_outputs(outcome.items, out)
        if output is Format.text:
            from crisisplay.console.message_views import print_written

            print_written(written.paths, written.overwritten, stderr=plain)


def _copy(items: Sequence[RenderedChannel]) -> None:
    texts = [item for item in items if item.skipped is None]
    if len(texts) != 1:
        raise UsageError("--copy: no text to copy", hint="the channel was skipped")
    import os

    from crisisplay.console.clipboard import copy_text

    tool = copy_text(texts[0].text, os.environ)
    where = f"{texts[0].channel} ({texts[0].lang})"
    sys.stderr.write(f"copied the {where} text to the clipboard ({tool})\n")


def _say_against_record(outcome: RenderOutcome) -> None:
    """On stderr, so stdout stays the texts: what the incident's record says against them."""
    from crisisplay.textsafe import sanitize_line

    for line in outcome.contradictions:
        sys.stderr.write(sanitize_line(f"refused: {line}; not recorded") + "\n")
    for line in outcome.warnings:
        sys.stderr.write(sanitize_line(f"warning: {line}") + "\n")


def _record(desk: Desk, outcome: RenderOutcome, actor: str | None) -> None:
    """The texts rendered on an incident, recorded as previews (never what a validator saw)."""
    from crisisplay.cli.options import person_acting
    from crisisplay.incident.ops import Preview
    from crisisplay.incident.record import record
    from crisisplay.textsafe import sanitize_line

    due = outcome.incident.promise_due if outcome.incident else None
    situation = desk.situation()
    person = person_acting(situation.org, actor, situation.lang)
    count = len(record(desk, person, Preview(tuple(outcome.items), due)).events)
    plural = "s" if count != 1 else ""
    where = desk.place if desk.place is not None else ""
    sys.stderr.write(sanitize_line(f"recorded {count} event{plural} in {where}") + "\n")


def _utc_now() -> datetime:
    # The system clock lives at the edge; the core gets the time it is given.
    return datetime.now(timezone.utc)


def _clock_option(value: str | None) -> str | None:
    if value is None:
        return None
    from crisisplay.playbook.facts import parse_clock

    try:
        return parse_clock(value)
    except ValueError as exc:
        raise UsageError(f"--next-update: {exc}") from None


def _read_text(given: str | None) -> str:
    """The argument itself, unless it names an existing file or is ``@FILE``; stdin for ``-``
    (or when piped). A text that merely looks like a path (even a long one) stays a text."""
    if given is None:
        if sys.stdin.isatty():
            raise UsageError("no text to check", hint="give the text, a file, or - for stdin")
        given = "-"
    if given == "-":
        return _limited(sys.stdin.buffer.read(MAX_TEXT_BYTES + 1), "stdin").rstrip("\n")
    forced = given.startswith("@") and len(given) > 1 and not any(c.isspace() for c in given)
    path = Path(given[1:] if forced else given)
    if forced or _is_file(path):
        try:
            with open_regular(path) as file:
                return _limited(file.read(MAX_TEXT_BYTES + 1), str(path)).rstrip("\n")
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return given


def _is_file(path: Path) -> bool:
    # A name too long for the file system (or with a NUL) names no file: it is a text.
    try:
        return "\n" not in str(path) and path.is_file()
    except (OSError, ValueError):
        return False


def _limited(raw: bytes, source: str) -> str:
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError(f"{source}: more than {MAX_TEXT_BYTES:,} bytes; is this a message?")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source} is not UTF-8 text ({exc.reason})") from None
