"""The person's signing key and witness, from the environment, for one command's stores."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Mapping

from crisisplay.timeline.recording import Recording, recording
from crisisplay.timeline.signing import PASSPHRASE_ENV, config_folder
from crisisplay.timeline.witness import FileWitness, state_folder


def recording_for(env: Mapping[str, str]) -> contextlib.AbstractContextManager[object]:
    """The key of the user's config folder signs; heads go to the user's state folder."""
    state = state_folder(env)
    witness = FileWitness(state) if state is not None else None
    return recording(Recording(config_folder(env), witness, lambda: passphrase(env)))


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
