"""What the delivery and paging tests share: a connector written for the tests (it appends
what it is handed to a file, or fails the way a test asks), and a copy of the bundled home with
accounts added to its organisation file."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from crisisplay.delivery import kinds
from crisisplay.delivery.base import Connector, DeliveryFailed, DeliveryUnknown, Parcel, Receipt
from tests.conftest import ROOT, Cli

ANSWERS = ROOT / "playbooks" / "answers" / "nationwide-outage.yaml"
SECRET = "s3cr3t-Hunter2-pass"


class Outbox(Connector):
    """Appends each parcel to the file ``url`` names; behaviour per account id: ``slow-*``
    sleeps past its timeout on the holding statement, ``down-*`` fails, ``lost-*`` sends then
    loses the answer, ``leaky-*`` fails with its password in the service's message."""

    kind: ClassVar[str] = "webhook"
    idempotent: ClassVar[bool] = False
    calls: ClassVar[list[tuple[str, float]]] = []
    lock: ClassVar[threading.Lock] = threading.Lock()
    failing: ClassVar[set[str]] = set()

    def deliver(self, parcel: Parcel, timeout: float) -> Receipt:
        account = self.account.id
        with Outbox.lock:
            Outbox.calls.append((parcel.delivery, time.monotonic()))
        if account.startswith("slow") and parcel.message == "holding":
            time.sleep(timeout + 5)
        if account.startswith("down") or account in Outbox.failing:
            raise DeliveryFailed(f"{account}: connection refused")
        if account.startswith("leaky"):
            password = self.secrets.get(self.account, "password")
            raise DeliveryFailed(f"535 authentication failed for user x password {password}")
        assert self.account.url is not None
        corrects = parcel.correcting.remote_id if parcel.correcting else None
        line = json.dumps({"delivery": parcel.delivery, "text": parcel.text,
                           "corrects": corrects}) + "\n"  # fmt: skip
        with Outbox.lock, Path(self.account.url).open("a", encoding="utf-8") as out:
            out.write(line)
        if account.startswith("lost"):
            raise DeliveryUnknown("connection lost after the message was sent")
        return Receipt(f"id-{parcel.delivery}", f"https://example.invalid/{account}")


@pytest.fixture
def outbox(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(kinds.CONNECTORS, "webhook", Outbox)
    Outbox.calls = []
    Outbox.failing = set()
    yield


def _home(tmp_path: Path, accounts: list[dict[str, object]]) -> Path:
    home = tmp_path / "home"
    for name in ("playbooks", "templates"):
        shutil.copytree(ROOT / name, home / name)
    org = home / "playbooks" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text + "\n" + yaml.safe_dump({"accounts": accounts}), encoding="utf-8")
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    answers["messages"].pop("holding")  # left to the CM's terminal
    (home / "lead.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True), "utf-8")
    return home


def _account(tmp_path: Path, name: str, channels: list[str], **extra: object) -> dict[str, object]:
    return {"id": name, "kind": "webhook", "channels": channels,
            "url": str(tmp_path / f"{name}.out"), "timeout": 1.0, **extra}  # fmt: skip


def _activate(cli: Cli, home: Path, *more: str) -> Path:
    timeline = home / "incident.jsonl"
    ran = cli("activate", "nationwide-outage", "--answers", str(home / "lead.yaml"),
              "--timeline", str(timeline), "--quiet", *more, home=home)  # fmt: skip
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    return timeline


def _deliveries(cli: Cli, home: Path, timeline: Path) -> list[dict[str, object]]:
    ran = cli("deliveries", "--format", "json", "--timeline", str(timeline), home=home)
    assert ran.exit_code == 0, ran.stderr
    found: list[dict[str, object]] = json.loads(ran.stdout)
    return found


def _received(tmp_path: Path, name: str) -> list[dict[str, str]]:
    path = tmp_path / f"{name}.out"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
