"""The console-script entry point, kept free of imports so `crisisplay --version` answers at once.

Everything else goes through the typer application in ``crisisplay.cli.main``.
"""

from __future__ import annotations

import signal
import sys

_VERSION_FLAGS = (["--version"], ["-V"])


def run() -> None:
    if sys.argv[1:] in _VERSION_FLAGS:
        from crisisplay import version

        sys.stdout.write(f"crisisplay {version()}\n")
        return
    if hasattr(signal, "SIGXFSZ"):
        # Past a file-size limit, write() must fail with EFBIG (reported as "NOT recorded")
        # instead of the signal killing the process in the middle of an event.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    from crisisplay.cli.main import app

    app(prog_name="crisisplay")
