"""``crisisplay validate``'s template checks: every template exists, renders, fits and reads well.

For each scenario, each message x channel x language it declares must have its templates; each
is rendered with the scenario's ``sample_facts`` (every channel, whatever its condition), once as
a real message and once as a drill (the exercise marker must still fit). Missing templates point
at the scenario's channel line; template errors, limit errors and tone errors at the template's
file (and the line, when the offending words are written in the template itself).

Then every body is rendered again with the sample, the widest and the narrowest facts
(``fact_sources.widest_facts``, ``narrowest_facts``) and checked for seams
(``crisisplay.messages.seams``), each reported at the template line that wrote it
(``crisisplay.messages.template_lines``); the narrowest render has no update promised yet.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from crisisplay.errors import CrisisplayError, Location, Problem
from crisisplay.findings import Finding
from crisisplay.messages import limits
from crisisplay.messages.fact_sources import narrowest_facts, sample_facts, widest_facts
from crisisplay.messages.layout import TemplateSet, message_folder, template_set
from crisisplay.messages.render import Renderer
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.messages.sandbox import environment_for
from crisisplay.messages.seams import seam_findings
from crisisplay.messages.specs import channel_spec
from crisisplay.messages.template_errors import as_input_error, display
from crisisplay.messages.validation_cache import validation_cache
from crisisplay.messages.variables import (
    BUILTIN_NAMES,
    SAMPLE_NEXT_UPDATE,
    SAMPLE_NOW,
    RenderContext,
    sample_today,
)
from crisisplay.playbook.facts import FactValue
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import ChannelUse, Message, Scenario
from crisisplay.playbook.yamlio import Document


@dataclass(frozen=True)
class _Target:
    """One message on one channel in one language."""

    message_index: int
    message: Message
    channel_index: int
    use: ChannelUse
    lang: str


def check_templates(playbook: Playbook) -> list[Problem]:
    """Every template problem of the home (see the module docstring)."""
    problems = _check_compiles(playbook)
    cache = validation_cache(playbook)
    for scenario_id, scenario in playbook.scenarios.items():
        found = cache.load(scenario_id) if cache else None
        if found is None:
            found = _check_scenario(playbook, scenario, playbook.scenario_doc(scenario_id))
            if cache:
                cache.store(scenario_id, found)
        problems += found
    return problems


def _check_compiles(playbook: Playbook) -> list[Problem]:
    """Syntax errors anywhere under templates/, used or not yet."""
    if not playbook.home.templates.is_dir():
        return []
    env = environment_for(playbook.home.templates)
    problems: list[Problem] = []
    for name in env.confined_loader.list_templates():
        try:
            with limits.budget(limits.RenderLimits()):
                env.get_template(name)
        except Exception as exc:
            problems.append(as_input_error(exc, env.confined_loader.root, name).problem)
    return problems


def _check_scenario(playbook: Playbook, scenario: Scenario, doc: Document) -> list[Problem]:
    problems = [
        doc.problem(("facts", i, "id"), f"fact id {fact.id!r} is a template built-in; rename it")
        for i, fact in enumerate(scenario.facts)
        if fact.id in BUILTIN_NAMES
    ]
    targets = list(_targets(playbook, scenario))
    ready: list[_Target] = []
    for target in targets:
        missing = _missing_parts(playbook, scenario, target)
        path = ("messages", target.message_index, "channels", target.channel_index)
        problems += [doc.problem(path, f"missing template {display(name)}") for name in missing]
        if not missing:
            ready.append(target)
    if ready and not scenario.sample_facts:
        problems.append(
            doc.problem(("id",), "no sample_facts: its templates cannot be rendered and checked")
        )
        return problems
    rendered: list[_Target] = []
    for target in ready:
        found, renders = _render_problems(playbook, scenario, target)
        problems += found
        if renders:
            rendered.append(target)  # a template that does not render has no seams to show
    seen: set[tuple[str, str, str]] = set()
    for target in rendered:
        problems += _seam_problems(playbook, scenario, target, seen)
    return problems


def _targets(playbook: Playbook, scenario: Scenario) -> Iterator[_Target]:
    for i, message in enumerate(scenario.messages):
        for k, use in enumerate(message.channel_uses()):
            if use.channel not in playbook.organisation.channels:
                continue  # reported by the playbook checks
            for lang in playbook.organisation.languages:
                yield _Target(i, message, k, use, lang)


def _template_set(playbook: Playbook, scenario: Scenario, target: _Target) -> TemplateSet:
    spec = channel_spec(playbook.organisation, target.use.channel)
    folder = message_folder(scenario, target.message)
    return template_set(folder, target.use.channel, target.lang, has_title=spec.has_title)


def _missing_parts(playbook: Playbook, scenario: Scenario, target: _Target) -> list[str]:
    loader = environment_for(playbook.home.templates).confined_loader
    try:
        names = _template_set(playbook, scenario, target)
    except CrisisplayError:
        return []  # a bad channel override: reported by the playbook checks
    return [name for _, name in names.parts() if not loader.exists(name)]


def _render_problems(
    playbook: Playbook, scenario: Scenario, target: _Target
) -> tuple[list[Problem], bool]:
    """The problems of the target rendered with the sample facts (for real and as a drill),
    and whether it rendered at all."""
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for drill in (False, True):
        context = RenderContext(
            SAMPLE_NOW,
            SAMPLE_NEXT_UPDATE,
            sample_today(scenario),
            drill=drill,
            incident_id="sample",
        )
        try:
            renderer = Renderer(playbook, scenario, target.lang)
            rendered = renderer.render(
                target.message,
                _sample(scenario),
                context,
                [target.use.channel],
                conditions=False,
            )[0]
        except CrisisplayError as exc:
            problems.append(exc.problem)
            return problems, False  # the drill render would fail the same way
        for key, problem in _finding_problems(playbook, rendered, drill):
            if key not in seen:  # the drill render repeats the real one's problems
                seen.add(key)
                problems.append(problem)
    return problems, True


def _sample(scenario: Scenario) -> dict[str, FactValue]:

    return sample_facts(scenario)


def _facts_variants(scenario: Scenario) -> tuple[tuple[str, Mapping[str, Any]], ...]:
    return (
        ("sample", _sample(scenario)),
        ("widest", widest_facts(scenario)),
        ("narrowest", narrowest_facts(scenario)),
    )


def _seam_problems(
    playbook: Playbook, scenario: Scenario, target: _Target, seen: set[tuple[str, str, str]]
) -> list[Problem]:
    """The seams of the target's body with each facts variant, at the line that wrote them;
    a seam already reported at the same line is not repeated."""
    renderer = Renderer(playbook, scenario, target.lang)
    problems: list[Problem] = []
    for variant, facts in _facts_variants(scenario):
        # The narrowest render knows least: no update promised yet either.
        promise = None if variant == "narrowest" else SAMPLE_NEXT_UPDATE
        context = RenderContext(SAMPLE_NOW, promise, sample_today(scenario), incident_id="sample")
        try:
            name, text = renderer.body_text(target.message, target.use.channel, facts, context)
            findings = seam_findings(text, target.lang)
            lines: list[int | None] = []
            if findings:  # the lines that wrote them, from a render that marks its lines
                name, text, lines = renderer.body_with_lines(
                    target.message, target.use.channel, facts, context
                )
                findings = seam_findings(text, target.lang)
        except CrisisplayError as exc:
            problem = exc.problem
            key = (str(problem.location), "render", problem.message)
            if key not in seen:
                seen.add(key)
                problems.append(
                    Problem(f"with the {variant} facts: {problem.message}", problem.location)
                )
            continue
        for finding in findings:
            line = lines[finding.start] if finding.start is not None else None
            where = Location(display(name), line)
            key = (str(where), finding.rule, target.lang)
            if key in seen:
                continue
            seen.add(key)
            problems.append(
                Problem(
                    f"{target.message.id} on {target.use.channel} ({target.lang}) with the "
                    f"{variant} facts: {finding.rule}: {finding.message} ({finding.hint})",
                    where,
                )
            )
    return problems


def _finding_problems(
    playbook: Playbook, rendered: RenderedChannel, drill: bool
) -> Iterator[tuple[tuple[str, str, str], Problem]]:
    for finding in rendered.findings:
        if not finding.is_error or finding.rule.startswith("seam."):
            continue  # seams are reported at their line by _seam_problems
        name = _template_of(rendered, finding)
        where = Location(display(name), _line_of(playbook, name, rendered, finding))
        hint = f" ({finding.hint})" if finding.hint else ""
        as_drill = ", as a drill" if drill else ""
        problem = Problem(
            f"{rendered.message} on {rendered.channel} ({rendered.lang}{as_drill}) with the "
            f"sample facts: {finding.rule}: {finding.message}{hint}",
            where,
        )
        # Offsets move by the marker's length in a drill, so the key leaves them out.
        yield (str(where), finding.rule, finding.message), problem


def _template_of(rendered: RenderedChannel, finding: Finding) -> str:
    names = list(rendered.templates)
    about_title = "title" in finding.message or "subject" in finding.rule or "title" in finding.rule
    if about_title and len(names) > 1:
        return names[1]
    if "HTML" in finding.message and len(names) > 2:
        return names[2]
    return names[0]


def _line_of(
    playbook: Playbook, name: str, rendered: RenderedChannel, finding: Finding
) -> int | None:
    """The template line where the flagged words are written, when they are written there."""
    if finding.start is None or finding.end is None:
        return None
    words = rendered.text[finding.start : finding.end].casefold()
    path = playbook.home.templates / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((n for n, line in enumerate(lines, 1) if words and words in line.casefold()), None)
