"""How rendered and checked messages look: one panel per channel.

The panel's title gives the channel, the language and the count against the limit; the body
shows the title or subject, the text with every finding's span highlighted, the SMS encoding and
parts (with the characters that forced UCS-2 and what to type instead), then the findings.
Message text is untrusted: it is sanitised character by character, so spans still line up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Group, RenderableType
from rich.text import Text

from crisisplay.console import get_console, panel, plain, safe_line
from crisisplay.console.plain_text import print_plain
from crisisplay.findings import Finding
from crisisplay.messages.rendered import TITLE_KEYS, RenderedChannel
from crisisplay.textsafe import sanitize

_UNITS = {
    "weighted": "weighted chars",
    "graphemes": "graphemes",
    "characters": "chars",
    "seconds": "s",
}
_SPAN_STYLE = {"error": "bold white on red", "warning": "black on yellow"}


def print_rendered(items: Sequence[RenderedChannel], *, stderr: bool = False) -> None:
    """Every channel of a render, then a one-line summary."""
    console = get_console(stderr)
    for item in items:
        console.print(channel_panel(item))
    console.print(summary(items))


def print_checked(item: RenderedChannel) -> None:
    get_console().print(channel_panel(item))


def print_plain_texts(items: Sequence[RenderedChannel], *, summary_line: bool = True) -> None:
    """The texts alone on stdout, ready to paste; counts, notes and findings on stderr."""

    shown = [item for item in items if item.skipped is None]
    print_plain([(f"{item.channel} ({item.lang})", item.text) for item in shown])
    console = get_console(stderr=True)
    for item in items:
        for line in _notes(item):
            console.print(line)
    if summary_line:
        console.print(summary(items))


def _notes(item: RenderedChannel) -> list[RenderableType]:
    """What the panel shows around the text, as lines: count, title, SMS parts, findings."""
    if item.skipped is not None:
        return [channel_panel(item)]
    lines: list[RenderableType] = [Text(_title(item), _border(item))]
    if item.title is not None:
        label = TITLE_KEYS.get(item.channel, "title").capitalize()
        lines.append(Text.assemble((f"  {label}: ", "bold"), plain(item.title)))
    lines += _sms_lines(item)
    ordered = sorted(item.findings, key=lambda f: not f.is_error)
    return lines + [_finding_line(item.text, f) for f in ordered]


def channel_panel(item: RenderedChannel) -> RenderableType:
    if item.skipped is not None:
        return Text.assemble(
            (f"{item.channel} ({item.lang}) skipped: ", "muted"), plain(item.skipped, "muted")
        )
    body: list[RenderableType] = []
    if item.title is not None:
        label = TITLE_KEYS.get(item.channel, "title").capitalize()
        body.append(Text.assemble((f"{label}: ", "bold"), plain(item.title, "bold")))
    body.append(_highlighted(item.text, item.findings))
    body += _sms_lines(item)
    if item.html is not None:
        body.append(Text(f"HTML part: {len(item.html):,} characters (written by --out)", "muted"))
    # Errors first: what blocks the message is what a community manager must see.
    ordered = sorted(item.findings, key=lambda f: not f.is_error)
    body += [_finding_line(item.text, f) for f in ordered]
    return panel(Group(*body), _title(item), style=_border(item))


def summary(items: Sequence[RenderedChannel]) -> str:
    rendered = [i for i in items if i.skipped is None]
    errors = sum(i.errors for i in rendered)
    skipped = len(items) - len(rendered)
    skipped_note = f", {skipped} skipped" if skipped else ""
    channels = f"{len(rendered)} channel{'s' if len(rendered) != 1 else ''}"
    if errors:
        return f"[error]{errors} error{'s' if errors > 1 else ''}[/] in {channels}{skipped_note}"
    return f"[ok]ok[/]: {channels}{skipped_note}"


def print_written(
    paths: Sequence[Path], overwritten: Sequence[Path], *, stderr: bool = False
) -> None:
    console = get_console(stderr)
    for path in paths:
        note = " [warning](overwritten)[/]" if path in overwritten else ""
        console.print(f"[muted]wrote[/] {safe_line(path)}{note}")


def _title(item: RenderedChannel) -> str:
    m = item.measurement
    if m is None:
        return f"{item.channel} ({item.lang})"
    unit = _UNITS.get(m.unit, m.unit)
    count = f"{m.length:,}/{m.limit:,} {unit}" if m.limit is not None else f"{m.length:,} {unit}"
    return f"{item.channel} ({item.lang})  {count}"


def _border(item: RenderedChannel) -> str:
    if item.errors:
        return "error"
    return "warning" if item.findings else "ok"


def _visible(text: str) -> str:
    """Controls made harmless one character at a time, so finding offsets still apply."""
    return "".join(c if sanitize(c) == c else "\N{REPLACEMENT CHARACTER}" for c in text)


def _highlighted(text: str, findings: Sequence[Finding]) -> Text:
    shown = Text(_visible(text))
    for finding in findings:
        if finding.start is not None and finding.end is not None:
            shown.stylize(_SPAN_STYLE[finding.level], finding.start, finding.end)
    return shown


def _sms_lines(item: RenderedChannel) -> list[RenderableType]:
    m = item.measurement
    if m is None or m.sms is None:
        return []
    sms = m.sms
    style = "warning" if sms.encoding == "UCS-2" else "muted"
    lines: list[RenderableType] = [
        Text(
            f"{sms.encoding}, {sms.part_count} part{'s' if sms.part_count > 1 else ''} "
            f"({sms.units} units, {sms.units_per_part} per part)",
            style,
        )
    ]
    if sms.non_gsm_chars:
        pieces = [
            f"{_show_char(c.char)} -> {_show_char(c.replacement)}"
            if c.replacement is not None
            else f"{_show_char(c.char)} (no GSM-7 equivalent)"
            for c in sms.non_gsm_chars
        ]
        lines.append(Text("Not in GSM-7, replace: " + ", ".join(pieces), "warning"))
    return lines


def _show_char(char: str) -> str:
    names = {"\xa0": "no-break space", "\u202f": "narrow no-break space", " ": "space"}
    if char in names:
        return f"({names[char]})"
    return _visible(char) if char else "(remove)"


def _finding_line(text: str, finding: Finding) -> Text:
    style = "error" if finding.is_error else "warning"
    line = Text.assemble((f"{finding.level} ", style), (f"{finding.rule}: ", "bold"))
    line.append(sanitize(finding.message, keep_newlines=False))
    if finding.start is not None and finding.end is not None and finding.end - finding.start <= 60:
        quoted = _visible(text[finding.start : finding.end]).replace("\n", " ")
        if quoted not in finding.message:
            line.append(f'  "{quoted}"', "muted")
    if finding.hint:
        line.append(f"  {sanitize(finding.hint, keep_newlines=False)}", "muted")
    return line
