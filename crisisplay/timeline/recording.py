"""What a file store adds to each append beyond the line: whose key signs it, and the witness.

Stores are made in many places (activation, the members' commands, drills, `render --out`), so
the command line sets both once, for the command its process runs, and a store made without
saying otherwise takes them. Library callers and tests that set nothing get unsigned and
unwitnessed appends, byte for byte as before.

Free of imports (the key and the witness are read by loaders the command line gives): every
command sets it at start, and one that never records must not pay for loading the timeline
(nor `cryptography`).
"""

from __future__ import annotations

import contextlib
import enum
import functools
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crisisplay.timeline.events import Signer
    from crisisplay.timeline.witness import HeadWitness

CONFIG_ENV = "CRISISPLAY_CONFIG_DIR"
STATE_ENV = "CRISISPLAY_STATE_DIR"


def config_folder(env: Mapping[str, str]) -> Path | None:
    """Where the signing key is: ``$CRISISPLAY_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/crisisplay``,
    else ``~/.config/crisisplay``; None when none of them is an absolute path."""
    return _user_folder(env, CONFIG_ENV, "XDG_CONFIG_HOME", (".config",))


def state_folder(env: Mapping[str, str]) -> Path | None:
    """Where heads are witnessed: ``$CRISISPLAY_STATE_DIR``, else ``$XDG_STATE_HOME/crisisplay``,
    else ``~/.local/state/crisisplay``; None when none of them is an absolute path."""
    return _user_folder(env, STATE_ENV, "XDG_STATE_HOME", (".local", "state"))


def _user_folder(
    env: Mapping[str, str], own: str, xdg: str, under_home: tuple[str, ...]
) -> Path | None:
    for name, parts in ((own, ()), (xdg, ("crisisplay",))):
        given = Path(env.get(name) or "relative")
        if given.is_absolute():
            return given.joinpath(*parts)
    home = Path(env.get("HOME") or "relative")
    return home.joinpath(*under_home, "crisisplay") if home.is_absolute() else None


#: reads the signing key of a config folder (the command line passes one that imports
#: `cryptography` only then)
SignerLoader = Callable[[Path | None, Callable[[], str | None]], "Signer | None"]
#: the witness of a state folder
WitnessLoader = Callable[[Path], "HeadWitness"]
PASSPHRASE_ENV = "CRISISPLAY_KEY_PASSPHRASE"  # noqa: S105 - the variable's name, not a secret


class Current(enum.Enum):
    """What a store takes when told nothing: the signer and witness set here."""

    GIVEN = "as set for the command"


CURRENT = Current.GIVEN


def _no_passphrase() -> str | None:
    return None


class Recording:
    """The signing key's folder (None: sign nothing) and the state folder whose witness files
    are told each head (None: none)."""

    def __init__(
        self,
        config: Path | None = None,
        state: Path | None = None,
        passphrase: Callable[[], str | None] = _no_passphrase,
        *,
        load_signer: SignerLoader | None = None,
        load_witness: WitnessLoader | None = None,
    ) -> None:
        self.config = config
        self.state = state
        self.passphrase = passphrase
        self._load_signer = load_signer
        self._load_witness = load_witness

    @functools.cached_property
    def signer(self) -> Signer | None:
        """The key holder's signer, read once; None when the folder holds no key."""
        if self._load_signer is None:
            return None
        return self._load_signer(self.config, self.passphrase)

    @functools.cached_property
    def witness(self) -> HeadWitness | None:
        if self.state is None or self._load_witness is None:
            return None
        return self._load_witness(self.state)


_current = Recording()


def current() -> Recording:
    return _current


@contextlib.contextmanager
def recording(chosen: Recording) -> Iterator[Recording]:
    """``chosen`` for the stores made inside the block; the previous one again after it."""
    global _current  # noqa: PLW0603 - one process runs one command at a time
    previous, _current = _current, chosen
    try:
        yield chosen
    finally:
        _current = previous
