"""crisisplay: crisis-communication playbooks for a mobile operator's crisis cell."""

from __future__ import annotations


def version() -> str:
    """The installed version, read from the package metadata (written once, in pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError  # noqa: PLC0415
    from importlib.metadata import version as _version  # noqa: PLC0415

    try:
        return _version("crisisplay")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
