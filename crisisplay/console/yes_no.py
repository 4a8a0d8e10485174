"""A yes-or-no question in the reader's words, for a language other than English.

questionary's confirm takes only ``y``/``n`` and echoes "Yes"/"No". Here the reader types a word
of their language or its initial (``o``, ``oui``, ``n``, ``non``; the English ones are taken too)
and confirms with Enter, so a whole ``oui`` never spills its last letters into the next prompt;
the line then keeps the answer as a word of the language ("Oui", "Non").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crisisplay.texts import t

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples


def answer_words(lang: str) -> dict[str, bool]:
    """Every word taken as yes or no in ``lang``: its own and English's, with their initials."""
    words: dict[str, bool] = {}
    for key, meaning in (("prompt.yes_word", True), ("prompt.no_word", False)):
        for source in ("en", lang):
            word = t(key, source).lower()
            words[word] = words[word[0]] = meaning
    return words


def yes_no(message: str, default: bool, lang: str, **io: Any) -> Any:
    """A questionary ``Question`` whose answer is a ``bool`` (Enter alone takes ``default``)."""
    from prompt_toolkit.buffer import Buffer  # noqa: PLC0415
    from prompt_toolkit.lexers import SimpleLexer  # noqa: PLC0415
    from prompt_toolkit.shortcuts.prompt import PromptSession  # noqa: PLC0415
    from prompt_toolkit.validation import Validator  # noqa: PLC0415
    from questionary.question import Question as Asked  # noqa: PLC0415
    from questionary.styles import merge_styles_default  # noqa: PLC0415

    words = answer_words(lang)
    hint = t("prompt.yes_no_default_yes" if default else "prompt.yes_no_default_no", lang)
    said: list[bool] = []

    def meaning(text: str) -> bool | None:
        word = text.strip().lower()
        return default if not word else words.get(word)

    def prompt_line() -> StyleAndTextTuples:
        line: StyleAndTextTuples = [("class:qmark", "?"), ("class:question", f" {message} ")]
        if said:
            word = t("prompt.yes_word" if said[0] else "prompt.no_word", lang)
            return [*line, ("class:answer", word)]
        return [*line, ("class:instruction", f"{hint} ")]

    session: PromptSession[Any] = PromptSession(
        prompt_line,
        style=merge_styles_default([None]),
        validator=Validator.from_callable(
            lambda text: meaning(text) is not None,
            error_message=t("prompt.yes_no_again", lang),
            move_cursor_to_end=True,
        ),
        validate_while_typing=False,
        lexer=SimpleLexer("class:answer"),
        **io,
    )

    def accept(buffer: Buffer) -> bool:
        said.append(bool(meaning(buffer.text)))
        buffer.text = ""  # the line keeps the answer's word, not the keys typed
        session.app.exit(result=said[0])
        return True

    session.default_buffer.accept_handler = accept
    return Asked(session.app)
