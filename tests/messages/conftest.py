"""Helpers for the message tests: the bundled playbook, a fixed render context, a tmp home."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from crisisplay.home import Home
from crisisplay.messages.fact_sources import sample_facts
from crisisplay.messages.render import render_message
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.variables import RenderContext
from crisisplay.playbook.load import Playbook, load_playbook
from tests.conftest import ROOT

#: A fixed moment, so that texts (and snapshots) never depend on the clock.
CONTEXT = RenderContext(
    now="10:00", next_update="11:00", today="2026-03-14", incident_id="inc-test"
)

Render = Callable[..., list[RenderedChannel]]


@pytest.fixture(scope="session")
def bundled() -> Playbook:
    return load_playbook(Home(ROOT))


def render_with(playbook: Playbook) -> Render:
    def render(
        scenario: str,
        message: str,
        *,
        lang: str = "fr",
        facts: dict[str, object] | None = None,
        context: RenderContext = CONTEXT,
        channels: Sequence[str] | None = None,
    ) -> list[RenderedChannel]:
        chosen = playbook.scenario(scenario)
        values = sample_facts(chosen) if facts is None else facts
        return render_message(
            playbook,
            chosen,
            message,
            lang=lang,
            facts=values,  # type: ignore[arg-type]
            context=context,
            channels=channels,
        )

    return render


@pytest.fixture
def render_bundled(bundled: Playbook) -> Render:
    return render_with(bundled)


@pytest.fixture
def tmp_home(home_copy: Path) -> Path:
    """A writable copy of the bundled home (playbooks and templates)."""
    return home_copy


def write_template(home: Path, name: str, source: str) -> Path:
    path = home / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    return path


def plain(text: str) -> str:
    """``text`` as a person would type it: the typography pass's no-break spaces and curly
    apostrophe undone."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def kit_facts(
    bundled: Playbook, scenario: str, early: Mapping[str, object], which: str, **changes: object
) -> dict[str, object]:
    """The scenario's sample facts, or with ``which == "early"`` those of the first minutes
    (``early`` over them: nothing measured, nothing decided), then ``changes``."""
    base: dict[str, object] = dict(sample_facts(bundled.scenario(scenario)))
    if which == "early":
        base.update(early)
    return {**base, **changes}


def joined_text(
    render: Render, scenario: str, message: str, lang: str, values: Mapping[str, object]
) -> str:
    """Every channel of one message, titles included, as one plain text."""
    rendered = render(scenario, message, lang=lang, facts=dict(values))
    return "\n".join(plain(f"{item.title or ''}\n{item.text}") for item in rendered)


def renders_on_each_channel(
    bundled: Playbook,
    render: Render,
    scenario: str,
    message: str,
    lang: str,
    values: Mapping[str, object],
) -> list[RenderedChannel]:
    """``message`` rendered on exactly the channels it declares, each with a text and no
    error finding (limits, tone); the rendered channels, for further checks."""
    declared = bundled.scenario(scenario).message(message)
    assert declared is not None
    rendered = render(scenario, message, lang=lang, facts=dict(values))
    assert [item.channel for item in rendered] == [use.channel for use in declared.channel_uses()]
    for item in rendered:
        assert item.skipped is None and item.text.strip(), (message, item.channel)
        assert item.ok, (message, item.channel, [f.message for f in item.findings])
    return rendered
