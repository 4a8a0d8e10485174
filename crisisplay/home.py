"""Finding the playbook home: `--home`, then `$CRISISPLAY_HOME`, then the current folder when it
has a `playbooks/` folder, then the home bundled with the package."""

from __future__ import annotations

import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from crisisplay.errors import UsageError

ENV_VAR = "CRISISPLAY_HOME"
TIMELINE_SUFFIX = ".jsonl"


@dataclass(frozen=True)
class Home:
    """A playbook home: ``playbooks/`` (organisation, scenarios, drills, answers) and
    ``templates/``. ``bundled`` is true for the sample home shipped inside the package."""

    root: Path
    bundled: bool = False
    #: where timelines go when the home itself is the bundled (installed, read-only) one
    work_dir: Path | None = None

    @property
    def playbooks(self) -> Path:
        return self.root / "playbooks"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def timelines(self) -> Path:
        """Incident timelines: the home's ``timelines/``; for the bundled home, the current
        folder's ``timelines/`` (an installed package is no place for an incident's record)."""
        if self.bundled:
            return (self.work_dir or current_folder()) / "timelines"
        return self.root / "timelines"

    @property
    def signals(self) -> Path:
        """The listening signals, one file per kind, beside the timelines."""
        return self.timelines.parent / "signals"


def bundled_root() -> Path:
    """The bundled home: inside the installed wheel, or the source tree's top level."""
    package = Path(__file__).resolve().parent
    installed = package / "_home"
    if (installed / "playbooks").is_dir():
        return installed
    return package.parent


def _has_playbooks(folder: Path, origin: str) -> bool:
    try:
        return stat.S_ISDIR((folder / "playbooks").stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise UsageError(f"{origin}: cannot look into {folder}: {exc.strerror or exc}") from None


def find_home(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Home:
    """Resolve the home in the documented order; an explicit or env home must exist."""
    for origin, value in (("--home", explicit), (ENV_VAR, env.get(ENV_VAR) or None)):
        if value is not None:
            try:
                root = (cwd / Path(value)).resolve()
            except (OSError, RuntimeError) as exc:
                raise UsageError(f"{origin} {value}: {exc}") from None
            if not _has_playbooks(root, origin):
                raise UsageError(
                    f"{origin} {root} is not a playbook home (it has no playbooks/ folder)",
                    hint="create one with `crisisplay init DIR`",
                )
            return Home(root)
    if _has_playbooks(cwd, "the current folder"):
        return Home(cwd.resolve())
    return Home(bundled_root(), bundled=True, work_dir=cwd)


def current_folder() -> Path:
    """The current folder; ``UsageError`` when it was deleted (or cannot be read) under us."""
    try:
        return Path.cwd()
    except OSError as exc:
        raise UsageError(
            f"cannot tell the current folder: {exc.strerror or exc} (was it deleted?)",
            hint="cd into a folder that exists, or give --home and --timeline",
        ) from None


def newest_timeline(folder: Path) -> Path:
    """The most recently written timeline of ``folder`` (the default for `--timeline`); only
    regular files count (not a dangling link, a FIFO or a folder named like a timeline)."""
    dated: list[tuple[int, str, Path]] = []
    try:
        names = list(folder.glob(f"*{TIMELINE_SUFFIX}"))
    except OSError as exc:
        raise UsageError(f"cannot list {folder}: {exc.strerror or exc}") from None
    for path in names:
        try:
            info = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            dated.append((info.st_mtime_ns, path.name, path))
    candidates = [path for *_, path in sorted(dated)]
    if not candidates:
        raise UsageError(
            f"no timeline in {folder}",
            hint="give one with --timeline FILE, or start an incident with `crisisplay activate`",
        )
    return candidates[-1]
