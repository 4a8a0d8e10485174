"""The one place where outcomes become exit codes and errors become one line of text."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec

import typer

from crisisplay import errors
from crisisplay.cli.context import get_globals
from crisisplay.textsafe import sanitize_line

P = ParamSpec("P")


def report_error(message: str) -> None:
    """Print one sanitised error line on stderr (red on a colour terminal)."""
    prefix = "error: "
    if sys.stderr.isatty() and "NO_COLOR" not in os.environ:
        prefix = "\x1b[1;31merror:\x1b[0m "
    sys.stderr.write(prefix + sanitize_line(message) + "\n")
    sys.stderr.flush()


def exit_code_of(exc: BaseException) -> int:
    """Report ``exc`` as a person should see it and return the exit code it maps to."""
    if isinstance(exc, errors.Interrupted):
        # Not a failure: the operator stopped, and everything so far is kept.
        sys.stderr.write("\n" + sanitize_line(str(exc)) + "\n")
        return exc.exit_code
    if isinstance(exc, errors.CrisisplayError) and exc.exit_code == errors.EXIT_OK:
        # Not a failure either: what was done is safe, and the line says where (an outbox).
        sys.stderr.write("note: " + sanitize_line(str(exc)) + "\n")
        return exc.exit_code
    if isinstance(exc, errors.CrisisplayError):
        report_error(str(exc))
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        sys.stderr.write("\ninterrupted\n")
        return errors.EXIT_INTERRUPTED
    report_error(
        f"internal error ({type(exc).__name__}: {exc}). This is a bug in crisisplay; please "
        "report it with the command you ran (add --debug to see the traceback)."
    )
    return errors.EXIT_INTERNAL


def _recording() -> contextlib.AbstractContextManager[object]:
    """The person's signing key and witness for the stores of this command."""
    from crisisplay.cli.keyring import recording_for

    return recording_for(os.environ)


def command(fn: Callable[P, int | None]) -> Callable[P, None]:
    """Wrap a command body: its int result is the exit code; errors become one line and a code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            with _recording():
                code = fn(*args, **kwargs) or errors.EXIT_OK
        except typer.Exit:
            raise
        except BrokenPipeError:
            code = errors.EXIT_OK
        except (errors.CrisisplayError, KeyboardInterrupt) as exc:
            code = exit_code_of(exc)
        except Exception as exc:
            if get_globals().debug:
                raise
            code = exit_code_of(exc)
        finally:
            _say_unwitnessed()
        if code:
            raise typer.Exit(code)

    return wrapper


def _say_unwitnessed() -> None:
    """Each act recorded whose head the user's witness could not keep, on stderr."""
    witness = sys.modules.get("crisisplay.timeline.witness")  # not loaded: nothing witnessed
    if witness is None:
        return
    from crisisplay.textsafe import sanitize_line

    for line in witness.unwitnessed():
        typer.echo(f"warning: {sanitize_line(line)}", err=True)
