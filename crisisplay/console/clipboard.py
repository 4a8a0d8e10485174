"""The system clipboard, through whichever tool the system has (nothing to install for us).

Wayland's ``wl-copy``, then X11's ``xclip`` or ``xsel`` when a display is set, then macOS's
``pbcopy``. With none of them, ``NoClipboard`` says so in one line.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping

from crisisplay.errors import UsageError

_TOOLS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    # (program, its arguments, the environment variable that must be set for it to work)
    ("wl-copy", (), "WAYLAND_DISPLAY"),
    ("xclip", ("-selection", "clipboard"), "DISPLAY"),
    ("xsel", ("--clipboard", "--input"), "DISPLAY"),
    ("pbcopy", (), None),
)
_TIMEOUT_SECONDS = 5


class NoClipboard(UsageError):
    """No clipboard tool could take the text."""


def clipboard_command(environ: Mapping[str, str]) -> list[str] | None:
    """The command that writes its stdin to the clipboard here, or ``None``."""
    path = environ.get("PATH")
    for program, arguments, needs in _TOOLS:
        if needs is not None and not environ.get(needs):
            continue
        found = shutil.which(program, path=path)
        if found is not None:
            return [found, *arguments]
    return None


def copy_text(text: str, environ: Mapping[str, str]) -> str:
    """Put ``text`` on the clipboard; the name of the tool that did it."""
    command = clipboard_command(environ)
    if command is None:
        raise NoClipboard(
            "nothing copied: no clipboard on this system (wl-copy, xclip, xsel or pbcopy)",
            hint="pipe the plain text instead, e.g. `... | wl-copy`",
        )
    try:
        # xclip and wl-copy stay in the background to serve the clipboard: do not wait on them
        # beyond the write (their stdout and stderr are not ours to read).
        subprocess.run(  # noqa: S603 - a fixed program found on PATH, the text on stdin
            command,
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=_TIMEOUT_SECONDS,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise NoClipboard(f"nothing copied: {command[0]} failed ({exc})") from None
    return command[0].rsplit("/", 1)[-1]
