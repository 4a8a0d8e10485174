"""The person's signing key and witness, from the environment, for one command's stores."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Mapping

from crisisplay.timeline.recording import (
    Recording,
    config_folder,
    recording,
    state_folder,
)
from crisisplay.timeline.signing import PASSPHRASE_ENV


def recording_for(env: Mapping[str, str]) -> contextlib.AbstractContextManager[object]:
    """The key of the user's config folder signs; heads go to the user's state folder."""
    return recording(Recording(config_folder(env), state_folder(env), lambda: passphrase(env)))


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
