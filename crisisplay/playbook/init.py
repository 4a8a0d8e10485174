"""`crisisplay init`: a new playbook home copied from the bundled one."""

from __future__ import annotations

import shutil
from pathlib import Path

from crisisplay.errors import UsageError
from crisisplay.home import bundled_root

_COPIED = ("playbooks", "templates")


def init_home(target: Path, source: Path | None = None) -> Path:
    """Copy the bundled ``playbooks/`` and ``templates/`` into ``target`` (new or empty)."""
    source = source or bundled_root()
    if target.is_symlink():
        raise UsageError(f"{target} is a symlink; nothing was copied", hint="choose a new folder")
    try:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise UsageError(
                f"{target} already exists and is not an empty folder; nothing was copied",
                hint="choose a new folder",
            )
        target.mkdir(parents=True, exist_ok=True)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".keep")
        for name in _COPIED:
            shutil.copytree(source / name, target / name, ignore=ignore, symlinks=False)
        return target.resolve()
    except (OSError, shutil.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UsageError(f"cannot create the home {target}: {reason}") from None
