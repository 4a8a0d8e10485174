"""Safe YAML with positions: what the loader accepts, refuses, and where it says it is."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisplay.errors import CrisisplayError, InputError
from crisisplay.playbook.yamlio import MAX_FILE_BYTES, load_yaml, parse_yaml


def test_values_keep_their_positions() -> None:
    doc = parse_yaml(b"a:\n  - x\n  - {b: 1}\n", "f.yaml")
    assert str(doc.location(("a", 1, "b"))) == "f.yaml:3:9"
    assert str(doc.location(("a", 1, "b"), key=True)) == "f.yaml:3:6"
    # an unknown path falls back to its nearest known parent
    assert str(doc.location(("a", 5))) == "f.yaml:2:3"


def test_scalars_follow_the_yaml_1_2_core_schema() -> None:
    doc = parse_yaml(b"a: no\nb: on\nc: 14:30\nd: 0x1f\ne: true\nf: ~\ng: 1e3\nh: '7'\n", "f")
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "14:30",
        "d": 31,
        "e": True,
        "f": None,
        "g": 1000.0,
        "h": "7",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"a: 1\na: 2\n", "f.yaml:2:1: duplicate key 'a' (first at line 1)"),
        (b"a: !!python/object/apply:os.system [ls]\n", "unsupported YAML tag"),
        (b"a: &x [*x]\n", "nested deeper than 64 levels"),
        (b"a: [1\n", "f.yaml:2:1: not valid YAML"),
        (b"a: 1\n---\nb: 2\n", "f.yaml:3:1: a playbook file holds one YAML document"),
        (b"<<: {a: 1}\n", "merge keys (<<) are not supported"),
        (b"a: \xff\n", "f.yaml:1:4: file is not UTF-8 text"),
        (b"? [a, b]\n: 1\n", "keys must be plain text"),
    ],
)
def test_refused_inputs_name_the_place(text: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_yaml(text, "f.yaml")
    assert message in str(raised.value)


def test_alias_bomb_is_stopped_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(InputError, match="alias bomb"):
        parse_yaml("\n".join(lines).encode(), "bomb.yaml")


def test_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    with pytest.raises(InputError, match="larger than"):
        load_yaml(big)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_no_input_escapes_the_error_family(raw: bytes) -> None:
    with contextlib.suppress(CrisisplayError):
        parse_yaml(raw, "fuzz.yaml")
