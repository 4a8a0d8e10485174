"""Conformance data from other projects, read from the shared folder beside the project.

The data stays in ``shared/conformance`` (see its README); tests read it in place. A missing
folder is a failure, never a skip: a green run must mean the counters were checked.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from crisisplay.channels import CONFIG_V2, CONFIG_V3, TwitterConfig

SHARED_ENV = "CRISISPLAY_SHARED"

# conformance/README.md: which config each twitter-text group runs with.
TWITTER_GROUPS: tuple[tuple[str, TwitterConfig], ...] = (
    ("WeightedTweetsCounterTest", CONFIG_V2),
    ("WeightedTweetsWithDiscountedEmojiCounterTest", CONFIG_V3),
    ("UnicodeDirectionalMarkerCounterTest", CONFIG_V3),
)
# conformance/README.md: split-sms forces GSM-7 on these by replacing characters with spaces;
# crisisplay sends such text as UCS-2 instead.
SMS_SKIPPED = frozenset(
    {"Split 160 two-byte character message", "Split 160 surrogate-pairs character message"}
)


def shared_dir() -> Path:
    """``$CRISISPLAY_SHARED``, or the ``shared`` folder beside the project root."""
    configured = os.environ.get(SHARED_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


@dataclass(frozen=True)
class Missing:
    """Stands in for the data when the shared folder cannot be read."""

    path: Path

    def fail(self) -> None:
        pytest.fail(
            f"conformance data not found at {self.path}; put the shared folder beside the"
            f" project or point {SHARED_ENV} at it",
            pytrace=False,
        )


@dataclass(frozen=True)
class TwitterCase:
    group: str
    config: TwitterConfig
    text: str
    expected: dict[str, Any]


@dataclass(frozen=True)
class SmsCase:
    file: str
    description: str
    message: str
    parts: list[dict[str, Any]]
    total_length: int
    total_bytes: int


@cache
def _load_yaml(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=loader)


def _twitter_params() -> Iterator[Any]:
    path = shared_dir() / "conformance" / "twitter-text" / "validate.yml"
    if not path.is_file():
        yield pytest.param(Missing(path), id="shared-folder-missing")
        return
    tests = _load_yaml(path)["tests"]
    for group, config in TWITTER_GROUPS:
        for case in tests[group]:
            yield pytest.param(
                TwitterCase(group, config, case["text"], case["expected"]),
                id=f"{group}: {case['description']}",
            )


def _sms_params() -> Iterator[Any]:
    folder = shared_dir() / "conformance" / "split-sms"
    for name in ("gsm.test.json", "unicode.test.json"):
        path = folder / name
        if not path.is_file():
            yield pytest.param(Missing(path), id=f"{name}-missing")
            continue
        for case in json.loads(path.read_text(encoding="utf-8")):
            if case["description"] in SMS_SKIPPED:
                continue
            yield pytest.param(
                SmsCase(
                    name,
                    case["description"],
                    case["message"],
                    case["parts"],
                    case["totalLength"],
                    case["totalBytes"],
                ),
                id=f"{name}: {case['description']}",
            )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "twitter_case" in metafunc.fixturenames:
        metafunc.parametrize("twitter_case", list(_twitter_params()), indirect=True)
    if "sms_case" in metafunc.fixturenames:
        metafunc.parametrize("sms_case", list(_sms_params()), indirect=True)


def _present(param: object) -> Any:
    if isinstance(param, Missing):
        param.fail()
    return param


@pytest.fixture
def twitter_case(request: pytest.FixtureRequest) -> TwitterCase:
    case: TwitterCase = _present(request.param)
    return case


@pytest.fixture
def sms_case(request: pytest.FixtureRequest) -> SmsCase:
    case: SmsCase = _present(request.param)
    return case


@pytest.fixture
def sms_skipped() -> frozenset[str]:
    return SMS_SKIPPED


@pytest.fixture
def shared_file() -> Any:
    """Open a file of the shared folder by relative path, failing clearly when it is absent."""

    def read(relative: str) -> str:
        path = shared_dir() / relative
        if not path.is_file():
            Missing(path).fail()
        return path.read_text(encoding="utf-8")

    return read
