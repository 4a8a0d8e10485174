"""Reading a shared store as a whole: its incidents, and one incident's lines as a file has them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from crisisplay.errors import TimelineError
from crisisplay.timeline.pgconn import StoreTarget, check_schema, connect

_INCIDENTS = (
    "SELECT id, scenario, drill, state, started, last_event, head_seq FROM crisisplay.incidents "
    "ORDER BY started DESC NULLS LAST, id DESC"
)


@dataclass(frozen=True)
class IncidentRow:
    """One incident of a store, as `crisisplay incidents` lists it."""

    id: str
    scenario: str | None
    drill: bool
    state: str
    started: str | None
    last_event: str | None
    events: int

    def as_json(self) -> dict[str, object]:
        """The stable machine-readable form (DESIGN.md, "Machine-readable outputs")."""
        return {
            "id": self.id,
            "scenario": self.scenario,
            "drill": self.drill,
            "state": self.state,
            "started": self.started,
            "last_event": self.last_event,
        }


def list_incidents(target: StoreTarget) -> list[IncidentRow]:
    """The incidents of the store, newest first."""
    with connect(target) as conn:
        check_schema(conn, target)
        rows = conn.execute(_INCIDENTS).fetchall()
    return [
        IncidentRow(str(r[0]), r[1], bool(r[2]), str(r[3]), r[4], r[5], int(r[6])) for r in rows
    ]


def newest_open(target: StoreTarget) -> str:
    """What a command acts on by default: the newest incident a real activation started (a
    drill is named with --incident) and still open, else the newest of them."""
    rows = [r for r in list_incidents(target) if r.scenario is not None and not r.drill]
    chosen = next((r for r in rows if r.state == "open"), rows[0] if rows else None)
    if chosen is None:
        raise TimelineError(
            f"no incident in the shared store ({target.label})",
            hint="start one with `crisisplay activate`, or give --incident ID",
        )
    return chosen.id


#: rows fetched at a time when an incident's lines are streamed
_BATCH = 2000


def read_lines(target: StoreTarget, incident: str) -> bytes:
    """Every line of ``incident``, in order, each with its newline: the bytes of its file."""
    return b"".join(stream_lines(target, incident))


def stream_lines(target: StoreTarget, incident: str) -> Iterator[bytes]:
    """The bytes of ``incident``'s file, a batch of lines at a time, read through a cursor on
    the server: an incident of any length is read in the memory of one batch."""
    with connect(target) as conn:
        check_schema(conn, target)
        with conn.transaction(), conn.cursor(name="crisisplay_lines") as cursor:
            cursor.execute(
                "SELECT line FROM crisisplay.events WHERE incident = %s ORDER BY seq", (incident,)
            )
            seen = False
            while rows := cursor.fetchmany(_BATCH):
                seen = True
                yield "".join(row[0] + "\n" for row in rows).encode("utf-8")
        if (
            not seen
            and conn.execute(
                "SELECT 1 FROM crisisplay.incidents WHERE id = %s", (incident,)
            ).fetchone()
            is None
        ):
            raise TimelineError(f"no incident {incident} in the shared store ({target.label})")


def read_logins(target: StoreTarget, incident: str) -> dict[int, str]:
    """The login the server authenticated for each event of ``incident``, by seq."""
    with connect(target) as conn:
        check_schema(conn, target)
        rows = conn.execute(
            "SELECT seq, login FROM crisisplay.events WHERE incident = %s", (incident,)
        ).fetchall()
    return {int(seq): str(login) for seq, login in rows}


def head_of(target: StoreTarget, incident: str) -> tuple[int, str] | None:
    """The server's head (seq, hash) of ``incident``, or None when it has none."""
    with connect(target) as conn:
        check_schema(conn, target)
        row = conn.execute(
            "SELECT head_seq, head_hash FROM crisisplay.incidents WHERE id = %s", (incident,)
        ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))
