"""A channel's rules as the organisation set them: the catalogue plus its overrides."""

from __future__ import annotations

from crisisplay.channels.catalogue import OVERRIDABLE_FIELDS, ChannelSpec, spec_for
from crisisplay.playbook.model import Organisation


def channel_spec(org: Organisation, channel: str) -> ChannelSpec:
    """The catalogue's rules for ``channel`` with the organisation's overrides applied."""
    settings = org.channels.get(channel)
    overrides = {
        name: getattr(settings, name)
        for name in sorted(OVERRIDABLE_FIELDS)
        if settings is not None and getattr(settings, name, None) is not None
    }
    return spec_for(channel, overrides)
