"""A Jinja2 loader that cannot leave the home's ``templates/`` folder.

Template names come from playbooks and from templates themselves (``{% include name %}`` with a
name built from a fact), so every name is checked: no ``..``, no absolute path, no backslash, no
drive letter, no hidden segment, and the file it resolves to (symlinks followed) must still be
inside ``templates/``. A symlink between two templates is fine; one leading out is refused.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, Environment, TemplateNotFound

MAX_TEMPLATE_BYTES = 64 * 1024
_SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


class UnsafeTemplateName(TemplateNotFound):
    """A template name that could reach outside ``templates/``. A ``TemplateNotFound`` so that
    Jinja2 treats it like a missing file (``ignore missing`` still cannot read it)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, f"template name {name!r} refused: {reason}")
        self.reason = reason


def check_name(name: str) -> None:
    """Raise ``UnsafeTemplateName`` unless ``name`` is a plain relative name like ``a/b.fr.j2``."""
    if not name:
        raise UnsafeTemplateName(name, "empty name")
    if "\\" in name:
        raise UnsafeTemplateName(name, "backslashes are not allowed")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise UnsafeTemplateName(name, "absolute names are not allowed")
    for segment in name.split("/"):
        if segment == "..":
            raise UnsafeTemplateName(name, "'..' is not allowed")
        if not _SEGMENT.match(segment):
            raise UnsafeTemplateName(name, f"{segment!r} is not a plain file or folder name")


class ConfinedLoader(BaseLoader):
    """Loads ``root/<name>`` and nothing outside ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = root.resolve()

    def path_of(self, name: str) -> Path:
        """The file ``name`` stands for, after the confinement checks (it may not exist)."""
        check_name(name)
        path = self.root.joinpath(*name.split("/"))
        real = path.resolve()
        if not real.is_relative_to(self._real_root):
            raise UnsafeTemplateName(name, "it leads outside templates/ (symlink?)")
        return path

    def exists(self, name: str) -> bool:
        try:
            return self.path_of(name).resolve().is_file()
        except UnsafeTemplateName:
            return False

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.path_of(template)
        real = path.resolve()
        try:
            # O_NOFOLLOW: the checked, fully resolved path must not turn into a symlink now.
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise TemplateNotFound(template) from None
        except OSError as exc:
            raise TemplateNotFound(template, f"cannot read {template}: {exc.strerror}") from None
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise TemplateNotFound(template, f"{template} is not a regular file")
            os.set_blocking(fd, True)
            raw = file.read(MAX_TEMPLATE_BYTES + 1)
            mtime = os.fstat(file.fileno()).st_mtime_ns
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise UnsafeTemplateName(template, f"larger than {MAX_TEMPLATE_BYTES} bytes")
        try:
            source = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateNotFound(template, f"{template} is not UTF-8 ({exc.reason})") from None

        def uptodate() -> bool:
            try:
                return real.stat().st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(path), uptodate

    def list_templates(self) -> list[str]:
        """Every ``*.j2`` under the root (symlinks leading out are left out)."""
        found: list[str] = []
        for path in sorted(self.root.rglob("*.j2")):
            name = path.relative_to(self.root).as_posix()
            if self.exists(name):
                found.append(name)
        return found
