"""Rendering a scenario's message for its channels: sandboxed, measured, linted.

``render_message`` is what ``crisisplay render`` and the activation engine call. Before anything
is rendered, channel conditions are decided and every template's variables are collected, so a
render either names all the missing facts at once or renders every channel.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from crisisplay.channels.catalogue import Typography
from crisisplay.channels.measurement import measure
from crisisplay.conditions import compile_condition, holds, known_values
from crisisplay.errors import InputError, Location, UsageError
from crisisplay.findings import Finding
from crisisplay.messages.analysis import Use, variables_read
from crisisplay.messages.coherence import coherence_findings
from crisisplay.messages.layout import TemplateSet, message_folder, template_set
from crisisplay.messages.limits import RenderLimits
from crisisplay.messages.lint import ToneLinter, known_times
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.run import run_template
from crisisplay.messages.sandbox import MessageEnvironment, environment_for
from crisisplay.messages.seams import seam_findings
from crisisplay.messages.specs import channel_spec
from crisisplay.messages.template_errors import as_input_error, display
from crisisplay.messages.template_lines import render_tidied, render_with_lines
from crisisplay.messages.typography import typeset, typeset_html
from crisisplay.messages.variables import (
    BUILTIN_NAMES,
    RenderContext,
    builtin_variables,
    channel_variables,
    first_line_marker,
    published_marker,
)
from crisisplay.playbook.facts import FactValue
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import ChannelUse, Message, Scenario
from crisisplay.suggest import did_you_mean

_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


class MissingFacts(InputError):
    """Facts the templates (or channel conditions) read and nobody gave; all of them."""

    def __init__(self, message: Message, uses: Sequence[Use]) -> None:
        self.names = tuple(sorted({use.name for use in uses}))
        plural = "s" if len(self.names) > 1 else ""
        super().__init__(
            f"missing fact{plural} for message {message.id!r}: {', '.join(self.names)}",
            hint="give a value for each",
        )


def render_message(
    playbook: Playbook,
    scenario: Scenario,
    message_id: str,
    *,
    lang: str,
    facts: Mapping[str, FactValue],
    context: RenderContext,
    channels: Sequence[str] | None = None,
) -> list[RenderedChannel]:
    """The message ``message_id`` rendered for its channels (or the ``channels`` chosen).

    Raises ``UsageError`` for an unknown message, language or channel, ``MissingFacts`` naming
    every missing fact, and ``InputError`` naming ``templates/...:line`` for a broken template.
    """
    message = find_message(scenario, message_id)
    renderer = Renderer(playbook, scenario, lang)
    return renderer.render(message, facts, context, channels)


def find_message(scenario: Scenario, message_id: str) -> Message:
    found = scenario.message(message_id)
    if found is None:
        known = [m.id for m in scenario.messages]
        raise UsageError(
            f"scenario {scenario.id!r} has no message {message_id!r}"
            f"{did_you_mean(message_id, known)}",
            hint=f"its messages: {', '.join(known)}",
        )
    return found


def conditions_read(message: Message) -> set[str]:
    """The names the conditions of a message's channels read (``when:``)."""
    return {
        name
        for use in message.channel_uses()
        if use.when is not None
        for name in compile_condition(use.when).names
    }


class Renderer:
    """Renders the messages of one scenario in one language (the validator reuses one)."""

    def __init__(
        self,
        playbook: Playbook,
        scenario: Scenario,
        lang: str,
        limits: RenderLimits | None = None,
    ) -> None:
        org = playbook.organisation
        if lang not in org.languages:
            raise UsageError(
                f"language {lang!r} is not one of the organisation's ({', '.join(org.languages)})"
            )
        self.org = org
        self.scenario = scenario
        self.lang = lang
        self.limits = limits or RenderLimits()
        self.env: MessageEnvironment = environment_for(playbook.home.templates)
        self.linter = ToneLinter(org.tone, lang)

    def render(
        self,
        message: Message,
        facts: Mapping[str, FactValue],
        context: RenderContext,
        channels: Sequence[str] | None = None,
        *,
        conditions: bool = True,
    ) -> list[RenderedChannel]:
        """With ``conditions=False`` every channel is rendered (the validator checks them all)."""
        values = complete_facts(self.scenario, facts)
        shared = {
            **values,
            **builtin_variables(self.org, self.scenario, values, context, lang=self.lang),
        }
        uses = select_uses(message, channels)
        decided = {use.channel: self._skip_reason(use, shared, conditions) for use in uses}
        missing = [u for reason in decided.values() if isinstance(reason, list) for u in reason]
        to_render = [use for use in uses if decided[use.channel] is None]
        sets = {use.channel: self._template_set(message, use.channel) for use in to_render}
        self._check_templates_exist(sets.values())
        self._check_variables(message, sets.values(), shared, missing)
        results: list[RenderedChannel] = []
        for use in uses:
            reason = decided[use.channel]
            if isinstance(reason, str):
                results.append(
                    RenderedChannel(
                        use.channel,
                        self.lang,
                        message.id,
                        message.kind,
                        skipped=reason,
                        sample=context.sample,
                    )
                )
            else:
                results.append(
                    self._render_channel(message, use.channel, sets[use.channel], shared, context)
                )
        return with_coherence(results)

    def body_with_lines(
        self,
        message: Message,
        channel: str,
        facts: Mapping[str, FactValue | None],
        context: RenderContext,
    ) -> tuple[str, str, list[int | None]]:
        """The body template of ``message`` on ``channel``, its text before typography, and
        the template line that wrote each character (``crisisplay validate``'s seams)."""
        name, variables = self._body_variables(message, channel, facts, context)
        text, lines = render_with_lines(self.env.confined_loader.root, name, variables, self.limits)
        return name, text, lines

    def body_text(
        self,
        message: Message,
        channel: str,
        facts: Mapping[str, FactValue | None],
        context: RenderContext,
    ) -> tuple[str, str]:
        """:meth:`body_with_lines` without the lines: what is checked first, the lines being
        found only for a text with something to point at."""
        name, variables = self._body_variables(message, channel, facts, context)
        return name, render_tidied(self.env, name, variables, self.limits)

    def _body_variables(
        self,
        message: Message,
        channel: str,
        facts: Mapping[str, FactValue | None],
        context: RenderContext,
    ) -> tuple[str, dict[str, Any]]:
        values = complete_facts(self.scenario, facts)
        variables = {
            **values,
            **builtin_variables(self.org, self.scenario, values, context, lang=self.lang),
            **channel_variables(self.org, channel),
        }
        return self._template_set(message, channel).body, variables

    def facts_read(self, message: Message) -> frozenset[str]:
        """The facts a message's templates (and its channels' conditions) read, on every
        channel it is written for."""
        sets = [self._template_set(message, use.channel) for use in select_uses(message, None)]
        names = [name for names in sets for _, name in names.parts()]
        reads = set(variables_read(self.env, names)) | conditions_read(message)
        return frozenset(reads & {fact.id for fact in self.scenario.facts})

    # -- before rendering

    def _skip_reason(
        self, use: ChannelUse, variables: Mapping[str, Any], conditions: bool
    ) -> str | list[Use] | None:
        """``None`` to render; the reason to skip; or the facts the condition still needs."""
        if not conditions or use.when is None:
            return None
        decision = holds(use.when, known_values(variables))
        if decision is None:
            names = compile_condition(use.when).names - variables.keys()
            if not names:  # it reads a fact said to be not known yet, without `is defined`
                return f"its condition cannot be decided while a fact is not known: {use.when}"
            return [Use(name, f"condition of {use.channel}", 0) for name in sorted(names)]
        if decision:
            return None
        if use.because is not None:
            return use.because.get_text(self.lang)
        return f"its condition is false: {use.when}"

    def _template_set(self, message: Message, channel: str) -> TemplateSet:
        spec = channel_spec(self.org, channel)
        folder = message_folder(self.scenario, message)
        return template_set(folder, channel, self.lang, has_title=spec.has_title)

    def _check_templates_exist(self, sets: Any) -> None:
        missing: list[str] = []
        for names in sets:
            for _, name in names.parts():
                try:
                    path = self.env.confined_loader.path_of(name)
                except Exception as exc:  # UnsafeTemplateName: a message's template folder
                    raise as_input_error(exc, self.env.confined_loader.root, name) from None
                if not path.is_file():
                    missing.append(display(name))
        if missing:
            raise InputError(
                f"missing template{'s' if len(missing) > 1 else ''}: {', '.join(missing)}",
                location=Location(missing[0]),
                hint="`crisisplay validate` lists every missing template",
            )

    def _check_variables(
        self,
        message: Message,
        sets: Any,
        variables: Mapping[str, Any],
        missing: list[Use],
    ) -> None:
        names = [name for names in sets for _, name in names.parts()]
        try:
            reads = variables_read(self.env, names)
        except InputError:
            raise
        except Exception as exc:  # a syntax error or a refused include while parsing
            raise as_input_error(exc, self.env.confined_loader.root, names[0]) from None
        facts = {fact.id for fact in self.scenario.facts}
        known = variables.keys() | BUILTIN_NAMES
        unknown = [use for name, use in reads.items() if name not in known and name not in facts]
        if unknown:
            first = unknown[0]
            listed = ", ".join(repr(use.name) for use in unknown)
            suggestion = did_you_mean(first.name, facts | BUILTIN_NAMES)
            raise InputError(
                f"unknown variable{'s' if len(unknown) > 1 else ''} {listed}: not a fact of "
                f"{self.scenario.id!r} nor a built-in{suggestion}",
                location=Location(display(first.template), first.line),
            )
        missing = missing + [use for name, use in reads.items() if name not in known]
        if missing:
            raise MissingFacts(message, missing)

    # -- rendering

    def _render_channel(
        self,
        message: Message,
        channel: str,
        names: TemplateSet,
        shared: Mapping[str, Any],
        context: RenderContext,
    ) -> RenderedChannel:
        variables = {**shared, **channel_variables(self.org, channel)}
        parts = {part: self._render_part(name, variables) for part, name in names.parts()}
        marker = first_line_marker(self.org, context, self.lang)
        spec = channel_spec(self.org, channel)
        style, lang = spec.typography, self.lang
        body = tidy(parts["body"])
        text = typeset(_with_marker(body, marker), lang, style)
        title = self._title(parts.get("title"), marker, style)
        html = _html_with_marker(parts.get("html"), marker)
        html = typeset_html(html, lang, style) if html is not None else None
        published = published_marker(self.org, context, self.lang)
        if published != marker:  # a sample: measured as it would go out, without its label
            measured = typeset(_with_marker(body, published), lang, style)
            measurement = measure(
                spec, measured, self._title(parts.get("title"), published, style), lang
            )
        else:
            measurement = measure(spec, text, title, lang)
        tone = self.linter.lint(
            text,
            kind=message.kind,
            channel=channel,
            title=title,
            html=html,
            known=known_times(self.scenario, shared),
        )
        return RenderedChannel(
            channel,
            self.lang,
            message.id,
            message.kind,
            text=text,
            title=title,
            html=html,
            measurement=measurement,
            findings=(*measurement.findings, *tone, *seam_findings(text, lang)),
            templates=tuple(name for _, name in names.parts()),
            sample=context.sample,
        )

    def _title(self, title: str | None, marker: str | None, style: Typography) -> str | None:
        marked = _title(title, marker)
        return typeset(marked, self.lang, style) if marked is not None else None

    def _render_part(self, name: str, variables: Mapping[str, Any]) -> str:
        return run_template(self.env, name, variables, self.limits)


def with_coherence(rendered: list[RenderedChannel]) -> list[RenderedChannel]:
    """``rendered`` with each channel's coherence findings (``coherence_findings``) added to
    its own: a fact its text states differently from the rest of the publication."""
    extra: dict[str, list[Finding]] = {}
    for found in coherence_findings(rendered):
        extra.setdefault(found.channel, []).append(found.finding)
    return [
        dataclasses.replace(item, findings=(*item.findings, *extra[item.channel]))
        if item.channel in extra
        else item
        for item in rendered
    ]


def complete_facts(scenario: Scenario, facts: Mapping[str, FactValue | None]) -> dict[str, Any]:
    """The facts given, plus every optional fact not given (its default, else ``None``).

    A fact that may be unknown (``unknown_ok``) and is given as ``None`` stays ``None``: the
    template says the figure is not known yet instead of printing a default."""
    may_be_unknown = {fact.id for fact in scenario.facts if fact.unknown_ok}
    values: dict[str, Any] = {
        key: value for key, value in facts.items() if value is not None or key in may_be_unknown
    }
    for fact in scenario.facts:
        if fact.id not in values and not fact.required:
            values[fact.id] = fact.default
    return values


def select_uses(message: Message, channels: Sequence[str] | None) -> list[ChannelUse]:
    uses = list(message.channel_uses())
    if not channels:
        return uses
    by_id = {use.channel: use for use in uses}
    unknown = [c for c in channels if c not in by_id]
    if unknown:
        raise UsageError(
            f"message {message.id!r} is not written for {', '.join(unknown)}"
            f"{did_you_mean(unknown[0], by_id)}",
            hint=f"its channels: {', '.join(by_id)}",
        )
    return [by_id[c] for c in dict.fromkeys(channels)]


def tidy(text: str) -> str:
    """Trailing spaces and runs of blank lines left by template logic removed."""
    text = _TRAILING_SPACE.sub("\n", text.replace("\r\n", "\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _with_marker(text: str, marker: str | None) -> str:
    return f"{marker}\n{text}" if marker else text


def _title(title: str | None, marker: str | None) -> str | None:
    if title is None:
        return None
    title = " ".join(title.split())
    return f"{marker} - {title}" if marker else title


def _html_with_marker(html: str | None, marker: str | None) -> str | None:
    if html is None:
        return None
    html = html.strip()
    if not marker:
        return html
    banner = f'<p style="font-weight:bold">{html_lib.escape(marker)}</p>\n'
    body = re.search(r"<body[^>]*>", html, re.IGNORECASE)
    if body is None:
        return banner + html
    return html[: body.end()] + "\n" + banner + html[body.end() :]
