"""Where a message's templates live: one file per channel, part and language.

See the package docstring for the layout. Names here are template names (relative to the home's
``templates/``, always with ``/``), as the loader and the error messages use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from crisisplay.playbook.model import Message, Scenario

Part = Literal["body", "title", "html"]
SHARED_FOLDER = "_shared"
SUFFIX = ".j2"
# Channels whose message also has an HTML body (autoescaped).
HTML_CHANNELS = frozenset({"email"})


@dataclass(frozen=True)
class TemplateSet:
    """The template names of one message on one channel in one language."""

    body: str
    title: str | None = None
    html: str | None = None

    def parts(self) -> tuple[tuple[Part, str], ...]:
        found: list[tuple[Part, str]] = [("body", self.body)]
        if self.title is not None:
            found.append(("title", self.title))
        if self.html is not None:
            found.append(("html", self.html))
        return tuple(found)


def message_folder(scenario: Scenario, message: Message) -> str:
    """``SCENARIO/MESSAGE``, or the folder the message names with ``template:``."""
    if message.template:
        return message.template.strip("/")
    return f"{scenario.id}/{message.id}"


def template_set(folder: str, channel: str, lang: str, *, has_title: bool) -> TemplateSet:
    """The names of every part a channel needs."""
    return TemplateSet(
        body=f"{folder}/{channel}.{lang}{SUFFIX}",
        title=f"{folder}/{channel}.title.{lang}{SUFFIX}" if has_title else None,
        html=f"{folder}/{channel}.html.{lang}{SUFFIX}" if channel in HTML_CHANNELS else None,
    )


def is_html(name: str | None) -> bool:
    """Autoescape exactly the HTML parts (``email.html.fr.j2``, ``_shared/html.j2``)."""
    if name is None:
        return False
    base = name.rsplit("/", 1)[-1]
    return base.endswith(".html.j2") or ".html." in base
