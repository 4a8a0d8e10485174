"""The person's signing key and witness, from the environment, for one command's stores."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from crisisplay.timeline.recording import (
    PASSPHRASE_ENV,
    Recording,
    config_folder,
    recording,
    state_folder,
)

if TYPE_CHECKING:
    from crisisplay.timeline.events import Signer
    from crisisplay.timeline.witness import HeadWitness


def recording_for(env: Mapping[str, str]) -> contextlib.AbstractContextManager[object]:
    """The key of the user's config folder signs; heads go to the user's state folder."""
    return recording(
        Recording(
            config_folder(env),
            state_folder(env),
            lambda: passphrase(env),
            load_signer=_signer,
            load_witness=_witness,
        )
    )


def _signer(config: Path | None, passphrase: Callable[[], str | None]) -> Signer | None:
    # the key, and cryptography with it, only when an act is recorded
    from crisisplay.timeline.signing import load_signer

    return load_signer(config, passphrase)


def _witness(state: Path) -> HeadWitness:
    from crisisplay.timeline.witness import FileWitness

    return FileWitness(state)


def passphrase(
    env: Mapping[str, str], prompt: str = "passphrase of your signing key: "
) -> str | None:
    """``$CRISISPLAY_KEY_PASSPHRASE``, else typed at the terminal; None with neither."""
    given = env.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        return None
    import getpass

    return getpass.getpass(prompt)
