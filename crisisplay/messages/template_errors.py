"""Jinja2's exceptions as crisisplay ``InputError``s naming ``templates/...:line``.

Jinja2 rewrites tracebacks so that frames of compiled templates carry the template's file name
and line: the innermost such frame is where a runtime error happened.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from crisisplay.errors import InputError, Location
from crisisplay.messages.limits import TemplateLimitError
from crisisplay.messages.loader import UnsafeTemplateName

TEMPLATES = "templates"


def display(name: str) -> str:
    """A template name as shown to people: relative to the home, like playbook files."""
    return f"{TEMPLATES}/{name}"


def as_input_error(exc: BaseException, templates: Path, name: str) -> InputError:
    """``exc``, raised while rendering template ``name``, as one located line."""
    if isinstance(exc, UnsafeTemplateName):
        return InputError(
            exc.message or str(exc), location=_where(exc.__traceback__, templates, name)
        )
    if isinstance(exc, TemplateNotFound):
        missing = exc.message or f"template {exc.name} not found"
        return InputError(missing, location=_where(exc.__traceback__, templates, name))
    if isinstance(exc, TemplateSyntaxError):
        where = Location(display(exc.name or name), exc.lineno)
        return InputError(f"template error: {exc.message}", location=where)
    return InputError(_reason(exc), location=_where(exc.__traceback__, templates, name))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TemplateLimitError):
        return f"template over a limit: {exc}"
    if isinstance(exc, SecurityError):
        return f"refused by the sandbox: {exc}"
    if isinstance(exc, UndefinedError):
        return f"undefined in the template: {exc}"
    if isinstance(exc, RecursionError):
        return "template recursion too deep (a macro or include calling itself?)"
    return f"template failed: {type(exc).__name__}: {exc}"


def _where(tb: TracebackType | None, templates: Path, name: str) -> Location:
    found = Location(display(name))
    root = str(templates)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(root) and filename.endswith(".j2"):
            relative = Path(filename).relative_to(templates).as_posix()
            found = Location(display(relative), tb.tb_lineno)
        tb = tb.tb_next
    return found
