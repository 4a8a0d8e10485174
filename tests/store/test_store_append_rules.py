"""The append function records only lines every reader reads: a member calling it directly
with a line whose chain and hash are right, but which is too long, has an unknown field, a
payload its kind does not declare or another encoding than the canonical one, is refused, and
the incident stays readable. The rules come from the Python declarations; the function and the
reader agree on any payload, and on how every number is written."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from crisisplay.timeline.events import (
    GENESIS,
    MAX_LINE_BYTES,
    BadLine,
    NewEvent,
    canonical,
    parse_line,
    seal,
)
from crisisplay.timeline.payloads import REGISTRY, PayloadError
from crisisplay.timeline.pgconn import parse_target
from crisisplay.timeline.pgquery import read_lines
from crisisplay.timeline.pgstore import PgStore
from tests.conftest import Cli
from tests.store.test_store_basics import INCIDENT, START, _activation, _note
from tests.strategies import EVENT_KINDS, PAYLOADS, WELL_FORMED

APPEND = "SELECT status, seq, hash FROM crisisplay.append(%s, %s, %s, %s, %s, %s)"


def _hashed(before: str, after: str) -> tuple[str, str]:
    """A line whose hash field is right however the rest is written: the SHA-256 of the line
    without it, as every reader and the append function compute it."""
    digest = hashlib.sha256((before + after).encode("utf-8")).hexdigest()
    return before + f',"hash":"{digest}"' + after, digest


def _event(seq: int, prev: str, **changes: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "v": 1, "seq": seq, "time": "2026-11-23T15:10:00.000Z", "incident": INCIDENT,
        "kind": "note.added", "actor": "mallory", "role": None,
        "payload": {"text": "all fine"}, "prev": prev,
    }  # fmt: skip
    obj.update(changes)
    return obj


def _canonical_line(obj: dict[str, Any]) -> tuple[str, str]:
    text = canonical(obj).decode("utf-8")
    cut = text.index(',"incident":')
    return _hashed(text[:cut], text[cut:])


def _twice(seq: int, prev: str) -> tuple[str, str]:
    """The actor given twice: a reader takes the second, and `verify` says ok."""
    text = canonical(_event(seq, prev, actor="bob")).decode("utf-8")
    cut = text.index(',"incident":')
    return _hashed(
        text[:cut].replace('"actor":"bob"', '"actor":"bob","actor":"mallory"'), text[cut:]
    )


def _spaced(seq: int, prev: str) -> tuple[str, str]:
    text = canonical(_event(seq, prev)).decode("utf-8")
    cut = text.index(',"incident":')
    return _hashed(text[:cut], text[cut:].replace(',"kind":', ', "kind": '))


def _nested(seq: int, prev: str, depth: int) -> tuple[str, str]:
    """A fact whose value is lists in lists: Python's reader gives up near 1,000 of them."""
    text = canonical(_event(seq, prev, kind="fact.set", payload={"fact": "f", "value": "@"}))
    deep = text.decode("utf-8").replace('"@"', "[" * depth + "]" * depth)
    cut = deep.index(',"incident":')
    return _hashed(deep[:cut], deep[cut:])


POISONS: dict[str, Callable[[int, str], tuple[str, str]]] = {
    "over 1 MiB": lambda s, p: _canonical_line(
        _event(s, p, payload={"text": "x" * MAX_LINE_BYTES})
    ),
    "an unknown field": lambda s, p: _canonical_line(_event(s, p, urgent=True)),
    "a payload of another kind": lambda s, p: _canonical_line(
        _event(s, p, payload={"scenario": "local-outage"})
    ),
    "a payload value of the wrong type": lambda s, p: _canonical_line(
        _event(s, p, kind="promise.made", payload={"due": 1800, "message": "update"})
    ),
    "a day that does not exist": lambda s, p: _canonical_line(
        _event(s, p, time="2026-02-30T15:10:00.000Z")
    ),
    "a key given twice": _twice,
    "spaces": _spaced,
    "nesting deeper than a reader reads": lambda s, p: _nested(s, p, 3000),
}  # fmt: skip


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_a_member_cannot_record_a_line_a_reader_would_refuse(member_url: str, poison: str) -> None:
    target = parse_target(member_url)
    store = PgStore(target, INCIDENT, create=True)
    store.append_many([_activation(), _note(1)])
    tip = store.tip
    line, digest = POISONS[poison](tip.seq + 1, tip.head)
    with (
        psycopg.connect(member_url, autocommit=True) as conn,
        pytest.raises(psycopg.errors.DataException, match="not an event crisisplay reads"),
    ):
        conn.execute(APPEND, (INCIDENT, tip.seq, tip.head, [uuid.uuid4()], [digest], [line]))
    # nothing was recorded: the incident reads, and takes the next act
    again = PgStore(target, INCIDENT)
    assert [e.seq for e in again.read_new()] == [1, 2]
    assert again.append(_note(2)).seq == 3
    assert read_lines(target, INCIDENT).count(b"\n") == 3


def test_store_init_migrates_a_store_of_version_1(cli: Cli, bare_url: str) -> None:
    from crisisplay.timeline.pgschema import MIGRATIONS

    with psycopg.connect(bare_url, autocommit=True) as conn:  # a store `store init` made at 1
        conn.execute("CREATE SCHEMA crisisplay")
        conn.execute("CREATE TABLE crisisplay.schema_version (version integer NOT NULL)")
        conn.execute(MIGRATIONS[0])
        conn.execute("INSERT INTO crisisplay.schema_version VALUES (1)")
        conn.execute("GRANT USAGE ON SCHEMA crisisplay TO PUBLIC")
        conn.execute("GRANT SELECT ON crisisplay.schema_version TO PUBLIC")
    target = parse_target(bare_url)
    PgStore(target, INCIDENT, create=True).append_many([_activation(), _note(1)])
    ran = cli("store", "init", "--store", bare_url)
    assert ran.exit_code == 0, ran.stderr
    assert "schema version 1 -> 2 in the shared store" in ran.stdout
    store = PgStore(target, INCIDENT)
    assert [e.seq for e in store.read_new()] == [1, 2]
    line, digest = POISONS["a payload of another kind"](3, store.tip.head)
    with (
        psycopg.connect(bare_url, autocommit=True) as conn,
        pytest.raises(psycopg.errors.DataException, match="not an event crisisplay reads"),
    ):
        conn.execute(APPEND, (INCIDENT, 2, store.tip.head, [uuid.uuid4()], [digest], [line]))
    assert store.append(_note(2)).seq == 3
    again = cli("store", "init", "--store", bare_url)
    assert "is up to date (schema version 2)" in again.stdout


def test_a_reader_takes_lists_nested_past_its_reach_for_damage() -> None:
    line, _ = _nested(1, GENESIS, 100_000)
    with pytest.raises(BadLine, match="nested too deeply"):
        parse_line(line.encode("utf-8"))


def _reader_accepts(line: bytes) -> bool:
    try:
        event = parse_line(line)
        spec = REGISTRY.get(event.kind)
        if spec is not None:
            spec.decode(event.payload)
    except (BadLine, PayloadError):
        return False
    return True


@settings(
    max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(WELL_FORMED, st.tuples(st.sampled_from(EVENT_KINDS), PAYLOADS)),
    st.one_of(st.none(), st.text(max_size=3)),
)
def test_the_append_function_and_the_python_reader_agree(
    store_url: str, kind_payload: tuple[str, dict[str, Any]], role: str | None
) -> None:
    """The rules the function applies are generated from the Python declarations: any payload
    of any kind, well formed or not, is refused by the one exactly when the other refuses it."""
    kind, payload = kind_payload
    new = NewEvent(kind, "camille-roux", role, payload, START)
    _, line = seal(new, seq=1, prev=GENESIS, incident=INCIDENT)
    # PostgreSQL's json holds no U+0000: the server refuses such a line (NOT recorded, said so),
    # which no input of crisisplay can make (facts and answers refuse control characters)
    assume(b"\\u0000" not in line)
    with psycopg.connect(store_url, autocommit=True) as conn:
        conn.execute("SET extra_float_digits = 1")
        problem = conn.execute(
            "SELECT crisisplay.line_problem(%s, rule) FROM crisisplay.rules WHERE name = 'line'",
            (line[:-1].decode("utf-8"),),
        ).fetchone()
    assert problem is not None
    assert (problem[0] is None) == _reader_accepts(line[:-1]), (line, problem[0])


def test_the_numbers_of_a_line_are_written_as_python_writes_them(store_url: str) -> None:
    import random
    import struct

    rng = random.Random(20261123)
    bits = [struct.unpack("d", struct.pack("Q", rng.getrandbits(64)))[0] for _ in range(3000)]
    floats = [x for x in bits if x == x and abs(x) != float("inf")]
    floats += [float(rng.randint(2**53, 10**17)) for _ in range(300)]
    floats += [0.0, -0.0, 1e16, 1e15, 1e-4, 1e-5, 5e-324, 1.7976931348623157e308, 0.1, 12.5]
    tokens = [json.dumps(x) for x in floats] + ["0", "-12", "1" * 4300]
    refused = ["1e400", "-0", "1.50", "1E5", "1" * 4301, "1.0e1"]
    with psycopg.connect(store_url, autocommit=True) as conn:
        conn.execute("SET extra_float_digits = 1")
        written = [
            conn.execute("SELECT crisisplay.number_text(%s, 4300)", (token,)).fetchone()
            for token in tokens + refused
        ]
    assert [row[0] if row else None for row in written[: len(tokens)]] == tokens
    assert all(
        row is None or row[0] != token
        for row, token in zip(written[len(tokens) :], refused, strict=True)
    )
