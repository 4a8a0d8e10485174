"""The interactive prompter: questionary on the terminal (imported only when a person is asked).

``input``/``output`` may be given (a prompt_toolkit pipe input and a dummy output) so a test can
drive the real prompts without a terminal.
"""

from __future__ import annotations

from typing import Any

from crisisplay.console import err, get_console, safe_line
from crisisplay.console.tables import word_lines
from crisisplay.console.walk_views import print_notice
from crisisplay.console.yes_no import yes_no
from crisisplay.prompts import Answer, Notice, Question
from crisisplay.texts import interface_lang, t
from crisisplay.textsafe import sanitize_line

#: what is left on a question's last line for the answer typed after it
ANSWER_ROOM = 16


def fitted_prompt(message: str, hint: str, width: int, room: int = 0) -> tuple[str, str]:
    """The question and its hint laid out for a terminal ``width`` wide, wrapped on words
    (the terminal would cut them anywhere): the first line leaves room for the prompt's
    ``? ``; the hint follows the last line when it fits there, else starts a line of its own;
    ``room`` is kept free after the last line for what is typed."""
    lines = [line.removeprefix("  ") for line in word_lines(message, width - 1, "  ")]
    last = len(lines[-1]) + (2 if len(lines) == 1 else 0)
    if hint and last + len(hint) + 2 > width - 1:
        hint = "\n".join(word_lines(hint, width - 1)).lstrip()
        lines[-1] += "\n"
    elif not hint and last + room > width - 1:
        lines[-1] += "\n"
    return "\n".join(lines), hint


class InteractivePrompter:
    def __init__(self, *, input: Any = None, output: Any = None) -> None:
        self._io: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output

    def can_answer(self, group: tuple[str, ...], attempt: int, mine: bool) -> bool:
        """A person at the board is asked what is theirs (or what they took over)."""
        return mine

    def ask(self, question: Question) -> Answer:
        import questionary  # noqa: PLC0415

        if question.help:
            get_console().print(f"[muted]{safe_line(question.help)}[/]")
        message = sanitize_line(question.message)
        prompt = self._build(questionary, question, message, get_console().width)
        return Answer(prompt.unsafe_ask())

    def _build(self, questionary: Any, question: Question, message: str, width: int) -> Any:
        lang = interface_lang(question.lang)
        choices = [
            questionary.Choice(
                title=sanitize_line(o.label),
                value=o.value,
                checked=isinstance(question.default, list) and o.value in question.default,
            )
            for o in question.options
        ]
        if question.type == "select":
            default = (
                question.default
                if question.default in [o.value for o in question.options]
                else None
            )
            message, hint = fitted_prompt(message, t("prompt.select_hint", lang), width)
            return questionary.select(
                message, choices=choices, default=default, instruction=hint, **self._io
            )
        if question.type == "checkbox":
            message, hint = fitted_prompt(message, t("prompt.checkbox_hint", lang), width)
            return questionary.checkbox(message, choices=choices, instruction=hint, **self._io)
        message, _ = fitted_prompt(message, "", width, ANSWER_ROOM)
        if question.type == "confirm" and lang != "en":
            return yes_no(message, bool(question.default), lang, **self._io)
        if question.type == "confirm":
            return questionary.confirm(message, default=bool(question.default), **self._io)
        default = "" if question.default is None else str(question.default)
        return questionary.text(message, default=default, **self._io)

    def reject(self, question: Question, answer: Answer, reason: str) -> None:
        err(f"[error]{safe_line(reason)}[/]")

    def show(self, notice: Notice) -> None:
        print_notice(notice)
