"""How scenarios and validation results look in the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from rich.tree import Tree

from crisisplay.console import get_console, out, plain, print_table, safe, safe_line
from crisisplay.errors import Problem, format_path
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Message, Scenario, Step
from crisisplay.playbook.types import LocalText
from crisisplay.texts import t


def _t(text: LocalText | None, lang: str) -> str:
    return safe_line(text.get_text(lang)) if text is not None else ""


def scenario_rows(playbook: Playbook, lang: str) -> None:
    rows = [
        (
            s.id,
            s.title.get_text(lang),
            str(len(s.phases)),
            str(sum(len(p.steps) for p in s.phases)),
            str(len(s.messages)),
        )
        for s in playbook.scenarios.values()
    ]
    print_table(
        safe(t("list.title", lang, home=playbook.home.root)),
        t("list.columns", lang).split(" | "),
        rows,
        ids=(0,),
    )


def scenario_tree(playbook: Playbook, scenario: Scenario, lang: str) -> None:
    org = playbook.organisation
    tree = Tree(f"[accent]{safe(scenario.id)}[/] - {_t(scenario.title, lang)}")
    tree.add(f"[muted]{_t(scenario.summary, lang)}[/]")
    roles = tree.add("[accent]Roles[/]")
    for role_id in scenario.roles:
        role = org.role(role_id)
        roles.add(f"{safe(role_id)} [muted]{_t(role.title if role else None, lang)}[/]")
    severity = tree.add("[accent]Severity[/]")
    for rule in scenario.severity.rules:
        severity.add(f"{safe(rule.level)} [muted]when[/] {safe(rule.when)}")
    severity.add(f"{safe(scenario.severity.default)} [muted]otherwise[/]")
    phases = tree.add("[accent]Phases[/]")
    for phase in scenario.phases:
        branch = phases.add(f"[bold]{_t(phase.title, lang)}[/] [muted]({safe(phase.id)})[/]")
        for step in phase.steps:
            _step(branch, scenario, step, lang)
    messages = tree.add("[accent]Messages[/]")
    for message in scenario.messages:
        _message(messages, message, lang)
    if scenario.escalations:
        escalations = tree.add("[accent]Escalations[/]")
        for escalation in scenario.escalations:
            escalations.add(f"{safe(escalation.role)} [muted]when[/] {safe(escalation.when)}")
    if scenario.post_crisis:
        after = tree.add("[accent]After the crisis[/]")
        for action in scenario.post_crisis:
            due = f" [due]H+{safe(action.due.label())}[/]" if action.due else ""
            after.add(f"{_t(action.title, lang)} [muted]({safe(action.owner)})[/]{due}")
    out(tree)


def _step(branch: Tree, scenario: Scenario, step: Step, lang: str) -> None:
    deadline = f" [due]T+{safe(step.deadline.label())}[/]" if step.deadline else ""
    when = f" [muted]if {safe(step.when)}[/]" if step.when else ""
    node = branch.add(f"{_t(step.title, lang)} [muted]{safe(step.owner)}[/]{deadline}{when}")
    for item in step.checklist:
        node.add(f"[ ] {_t(item, lang)}")
    for gate_id in step.gates:
        gate = scenario.gate(gate_id)
        validator = f" [muted]by {safe(gate.validator)}[/]" if gate else ""
        node.add(f"[warning]gate[/] {safe(gate_id)}{validator}")
    for message_id in step.messages:
        node.add(f"[ok]message[/] {safe(message_id)}")


def _message(branch: Tree, message: Message, lang: str) -> None:
    channels = ", ".join(use.channel + ("*" if use.when else "") for use in message.channel_uses())
    gates = ", ".join(message.gates) or "none"
    branch.add(
        f"{safe(message.id)} [muted]{safe(message.kind)}, {safe(message.audience)}[/] - "
        f"{_t(message.title, lang)}\n[muted]channels:[/] {safe(channels)}  "
        f"[muted]gates:[/] {safe(gates)}"
    )


def problems_report(problems: Sequence[Problem], checked: str) -> None:
    console = get_console()
    for problem in problems:
        where = f"{problem.location}: " if problem.location else ""
        path = f"{format_path(problem.path)}: " if problem.path else ""
        console.print(
            plain(where, "bold"),
            plain(path, "accent"),
            plain("" if problem.is_error else "warning: ", "warning"),
            plain(problem.message),
            sep="",
            soft_wrap=True,
        )
    errors = sum(1 for problem in problems if problem.is_error)
    warnings = len(problems) - errors
    noted = f" ({warnings} warning{'s' if warnings > 1 else ''})" if warnings else ""
    if errors:
        console.print(
            f"[error]{errors} problem{'s' if errors > 1 else ''}[/] in {safe(checked)}{noted}"
        )
    else:
        console.print(f"[ok]ok[/]: {safe(checked)} is valid{noted}")
