"""The delivery tests' servers that take seconds to start, started once per session and shared
by every module that needs them (each test empties or tells apart what it reads)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.delivery.servers_social import (
    Homeserver,
    MastodonServer,
    mastodon_server,
    synapse_server,
)


@pytest.fixture(scope="session")
def mastodon() -> Iterator[MastodonServer]:
    with mastodon_server() as server:
        yield server


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Homeserver]:
    with synapse_server(tmp_path_factory.mktemp("synapse")) as server:
        cell = server.register("cellule")
        rooms = (
            server.create_room(cell, "Cellule de crise"),
            server.create_room(cell, "Service client"),
        )
        yield Homeserver(server, cell, rooms)
