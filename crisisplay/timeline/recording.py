"""What a file store adds to each append beyond the line: whose key signs it, and the witness.

Stores are made in many places (activation, the members' commands, drills, `render --out`), so
the command line sets both once, for the command its process runs, and a store made without
saying otherwise takes them. Library callers and tests that set nothing get unsigned and
unwitnessed appends, byte for byte as before.
"""

from __future__ import annotations

import contextlib
import enum
import functools
from collections.abc import Callable, Iterator
from pathlib import Path

from crisisplay.timeline.events import Signer
from crisisplay.timeline.witness import HeadWitness


class Current(enum.Enum):
    """What a store takes when told nothing: the signer and witness set here."""

    GIVEN = "as set for the command"


CURRENT = Current.GIVEN


def _no_passphrase() -> str | None:
    return None


class Recording:
    """The signing key's folder (None: sign nothing) and the witness of heads (None: none)."""

    def __init__(
        self,
        config: Path | None = None,
        witness: HeadWitness | None = None,
        passphrase: Callable[[], str | None] = _no_passphrase,
    ) -> None:
        self.config = config
        self.witness = witness
        self.passphrase = passphrase

    @functools.cached_property
    def signer(self) -> Signer | None:
        """The key holder's signer, read once; None when the folder holds no key."""
        from crisisplay.timeline.signing import KeySigner, read_identity

        identity = read_identity(self.config)
        return None if identity is None else KeySigner(identity, self.passphrase)


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
