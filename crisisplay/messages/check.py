"""Counting and linting a text a community manager wrote by hand (``crisisplay check``)."""

from __future__ import annotations

from crisisplay.channels.measurement import measure
from crisisplay.errors import UsageError
from crisisplay.home import Home
from crisisplay.messages.lint import ToneLinter
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.specs import channel_spec
from crisisplay.playbook.model import Organisation


def check_text(
    org: Organisation,
    channel: str,
    text: str,
    *,
    lang: str,
    kind: str | None = None,
    title: str | None = None,
) -> RenderedChannel:
    """``text`` measured for ``channel`` and linted by the organisation's tone rules.

    Forbidden phrases always count; required elements only when the message ``kind`` is known.
    """
    if lang not in org.languages:
        raise UsageError(
            f"language {lang!r} is not one of the organisation's ({', '.join(org.languages)})"
        )
    spec = channel_spec(org, channel)
    if title is not None and not spec.has_title:
        raise UsageError(f"{spec.label} has no title; --title is for push and email")
    measurement = measure(spec, text, title, lang)
    tone = ToneLinter(org.tone, lang).lint(text, kind=kind, channel=channel, title=title)
    return RenderedChannel(
        channel,
        lang,
        kind=kind,
        text=text,
        title=title,
        measurement=measurement,
        findings=(*measurement.findings, *tone),
    )


def load_organisation(home: Home) -> Organisation:
    """The organisation file alone, checked: ``check`` must work even while a scenario file is
    being edited (or broken) in the middle of a crisis."""
    from crisisplay.errors import PlaybookInvalid
    from crisisplay.playbook.load import read_home
    from crisisplay.playbook.validate import check_organisation

    # No scenario file has an empty name, so only the organisation file is read.
    playbook, problems = read_home(home, only="")
    if playbook is not None:
        problems += check_organisation(playbook.organisation, playbook.organisation_doc)
    if problems or playbook is None:
        raise PlaybookInvalid(problems)
    return playbook.organisation
