"""Finding the playbook home: `--home`, then `$CRISISPLAY_HOME`, then the current folder when it
has a `playbooks/` folder, then the home bundled with the package."""

from __future__ import annotations

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
            return (self.work_dir or Path.cwd()) / "timelines"
        return self.root / "timelines"


def bundled_root() -> Path:
    """The bundled home: inside the installed wheel, or the source tree's top level."""
    package = Path(__file__).resolve().parent
    installed = package / "_home"
    if (installed / "playbooks").is_dir():
        return installed
    return package.parent


def find_home(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Home:
    """Resolve the home in the documented order; an explicit or env home must exist."""
    for origin, value in (("--home", explicit), (ENV_VAR, env.get(ENV_VAR) or None)):
        if value is not None:
            root = (cwd / Path(value)).resolve()
            if not (root / "playbooks").is_dir():
                raise UsageError(
                    f"{origin} {root} is not a playbook home (it has no playbooks/ folder)",
                    hint="create one with `crisisplay init DIR`",
                )
            return Home(root)
    if (cwd / "playbooks").is_dir():
        return Home(cwd.resolve())
    return Home(bundled_root(), bundled=True, work_dir=cwd)


def newest_timeline(folder: Path) -> Path:
    """The most recently written timeline of ``folder`` (the default for `--timeline`)."""
    candidates = sorted(
        folder.glob(f"*{TIMELINE_SUFFIX}"),
        key=lambda p: (p.stat().st_mtime_ns, p.name),
    )
    if not candidates:
        raise UsageError(
            f"no timeline in {folder}",
            hint="give one with --timeline FILE, or start an incident with `crisisplay activate`",
        )
    return candidates[-1]
