"""The delivery core, on a real incident of the bundled nationwide outage: every delivery is
requested on the record before its connector runs, each outcome is recorded once, a slow account
holds nobody, a drill reaches only accounts marked for drills, retries never post twice by
themselves, and nothing a service says carries a credential onto the record.

The connectors here are small ones written for these tests (they append what they are handed to
a file, or fail the way a test asks); the real connectors have their own tests against real
servers on the loopback.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from crisisplay.timeline.store import read_events
from crisisplay.timeline.verify import verify
from tests.conftest import ROOT, Cli
from tests.delivery.support import (
    SECRET,
    Outbox,
    _account,
    _activate,
    _deliveries,
    _home,
    _received,
    outbox,
)

pytestmark = pytest.mark.usefixtures("outbox")
__all__ = ["outbox"]


def test_each_delivery_is_requested_before_its_call_and_its_receipt_recorded(
    cli: Cli, tmp_path: Path
) -> None:
    accounts = [_account(tmp_path, "social", ["x", "mastodon"]),
                _account(tmp_path, "texts", ["sms"])]  # fmt: skip
    home = _home(tmp_path, accounts)
    timeline = _activate(cli, home)
    ran = cli("publish", "holding", "--yes", "--timeline", str(timeline), home=home)
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    events = read_events(timeline).events
    assert verify(timeline).ok
    [published] = [
        e for e in events if e.kind == "message.published" and e.payload["message"] == "holding"
    ]
    requested = [e for e in events if e.kind == "delivery.requested" and e.seq > published.seq]
    sent = [e for e in events if e.kind == "delivery.sent" and e.seq > published.seq]
    assert {(e.payload["channel"], e.payload["account"]) for e in requested} == {
        ("x", "social"), ("mastodon", "social"), ("sms", "texts")}  # fmt: skip
    assert all(r.payload["publication"] == published.seq for r in requested)
    # all three requested in one append, before any outcome
    assert max(r.seq for r in requested) < min(s.seq for s in sent)
    assert len(sent) == 3
    texts = {t["channel"]: t["text"] for t in published.payload["texts"]}
    got = {
        d["delivery"].rsplit(".", 1)[1]: d["text"]
        for d in _received(tmp_path, "social")
        if d["delivery"].endswith(f".{published.seq}-x-social")
        or d["delivery"].endswith(f".{published.seq}-mastodon-social")
    }
    assert got == {f"{published.seq}-x-social": texts["x"],
                   f"{published.seq}-mastodon-social": texts["mastodon"]}  # fmt: skip
    listed = [d for d in _deliveries(cli, home, timeline) if d["message"] == "holding"]
    assert len(listed) == 3 and {d["state"] for d in listed} == {"sent"}
    assert {d["remote_id"] for d in listed} == {
        f"id-{events[0].incident}.{d['id']}" for d in listed}  # fmt: skip
    assert all(set(d) >= {"id", "message", "channel", "account", "state", "remote_id", "url", "at"}
               for d in listed)  # fmt: skip
    out = cli("published", "holding", "--channel", "sms", "--format", "json",
              "--timeline", str(timeline), home=home)  # fmt: skip
    [sms] = json.loads(out.stdout)
    assert sms["deliveries"] == [{"account": "texts", "state": "sent",
                                  "remote_id": f"id-{events[0].incident}.{published.seq}-sms-texts",
                                  "url": "https://example.invalid/texts"}]  # fmt: skip


def test_a_slow_account_holds_nobody_and_ends_unknown(cli: Cli, tmp_path: Path) -> None:
    accounts = [_account(tmp_path, "slow-tool", ["x"], timeout=1.0),
                _account(tmp_path, "texts", ["sms"])]  # fmt: skip
    home = _home(tmp_path, accounts)
    timeline = _activate(cli, home)
    started = time.monotonic()
    ran = cli("publish", "holding", "--yes", "--timeline", str(timeline), home=home)
    took = time.monotonic() - started
    assert ran.exit_code == 1  # one delivery did not end sent
    states = {d["account"]: d["state"] for d in _deliveries(cli, home, timeline)
              if d["message"] == "holding"}  # fmt: skip
    assert states == {"slow-tool": "unknown", "texts": "sent"}
    # waited for the slow account's timeout and the grace, not for its 6 s of sleep
    assert took < 1.0 + 2.0 + 2.5, took
    assert len(_received(tmp_path, "texts")) == 1


def test_a_drill_reaches_only_the_accounts_marked_for_drills(cli: Cli, tmp_path: Path) -> None:
    accounts = [_account(tmp_path, "public", ["x", "sms", "email", "mastodon"]),
                _account(tmp_path, "trainers", ["x"], drill=True)]  # fmt: skip
    home = _home(tmp_path, accounts)
    timeline = home / "drill.jsonl"
    ran = cli("drill", "run", "nationwide-eta-slip", "--answers",
              str(ROOT / "playbooks" / "answers" / "nationwide-eta-slip.yaml"),
              "--timeline", str(timeline), "--quiet", home=home)  # fmt: skip
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    assert _received(tmp_path, "public") == []
    events = read_events(timeline).events
    accounts_used = {e.payload["account"] for e in events if e.kind == "delivery.requested"}
    assert accounts_used == {"trainers"}
    received = _received(tmp_path, "trainers")
    assert received and all("drill" in r["delivery"] for r in received)


def test_a_failed_delivery_is_retried_once_and_an_unknown_one_only_by_name(
    cli: Cli, tmp_path: Path
) -> None:
    accounts = [_account(tmp_path, "flaky", ["x"]), _account(tmp_path, "lost-sms", ["sms"])]
    home = _home(tmp_path, accounts)
    timeline = _activate(cli, home)
    Outbox.failing = {"flaky"}
    ran = cli("publish", "holding", "--yes", "--timeline", str(timeline), home=home)
    assert ran.exit_code == 1
    assert "deliver --retry" in ran.stderr

    def holding() -> dict[str, dict[str, object]]:
        found = _deliveries(cli, home, timeline)
        return {str(d["account"]): d for d in found if d["message"] == "holding"}

    def copies(account: str) -> int:
        ending = f".{holding()[account]['id']}"
        return sum(r["delivery"].endswith(ending) for r in _received(tmp_path, account))

    assert {a: d["state"] for a, d in holding().items()} == {"flaky": "failed",
                                                            "lost-sms": "unknown"}  # fmt: skip
    Outbox.failing = set()
    ran = cli("deliver", "--retry", "--timeline", str(timeline), home=home)
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    # the failed one sent; the unknown one (no idempotency) not resent by itself
    assert {a: d["state"] for a, d in holding().items()} == {"flaky": "sent",
                                                            "lost-sms": "unknown"}  # fmt: skip
    assert copies("flaky") == 1 and copies("lost-sms") == 1
    again = cli("deliver", "--retry", "--timeline", str(timeline), home=home)
    assert again.exit_code == 0 and copies("flaky") == 1
    lost = str(holding()["lost-sms"]["id"])
    ran = cli("deliver", "--abandon", lost, "--reason", "arrived, checked by phone",
              "--timeline", str(timeline), home=home)  # fmt: skip
    assert ran.exit_code == 0, ran.stderr
    assert holding()["lost-sms"]["state"] == "abandoned"
    assert verify(timeline).ok


def test_no_credential_reaches_the_record_or_the_terminal(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEAKY_PASSWORD", SECRET)
    accounts = [_account(tmp_path, "leaky-mail", ["email"], password_env="LEAKY_PASSWORD")]
    home = _home(tmp_path, accounts)
    timeline = _activate(cli, home)
    ran = cli("publish", "holding", "--yes", "--timeline", str(timeline), home=home)
    assert ran.exit_code == 1
    listed = cli("deliveries", "--timeline", str(timeline), home=home)
    report = cli("report", "--timeline", str(timeline), "--format", "json", home=home)
    for text in (ran.stdout, ran.stderr, listed.stdout, report.stdout,
                 timeline.read_text(encoding="utf-8")):  # fmt: skip
        assert SECRET not in text
    assert "password ***" in timeline.read_text(encoding="utf-8")


def test_no_deliver_records_without_delivering(cli: Cli, tmp_path: Path) -> None:
    home = _home(tmp_path, [_account(tmp_path, "social", ["x"])])
    timeline = _activate(cli, home)
    before = len(_received(tmp_path, "social"))
    ran = cli("publish", "holding", "--yes", "--no-deliver", "--timeline", str(timeline),
              home=home)  # fmt: skip
    assert ran.exit_code == 0
    assert not [d for d in _deliveries(cli, home, timeline) if d["message"] == "holding"]
    assert len(_received(tmp_path, "social")) == before


def test_a_correction_goes_to_where_the_original_went_linked_to_its_receipt(
    cli: Cli, tmp_path: Path
) -> None:
    home = _home(tmp_path, [_account(tmp_path, "texts", ["sms"])])
    timeline = _activate(cli, home)
    assert cli("publish", "holding", "--yes", "--timeline", str(timeline), home=home).exit_code == 0
    ran = cli("publish", "holding", "--correct", "--yes", "--timeline", str(timeline), home=home)
    assert ran.exit_code == 0, ran.stdout + ran.stderr
    events = read_events(timeline).events
    first, second = [e for e in events if e.kind == "message.published"
                     and e.payload["message"] == "holding"]  # fmt: skip
    assert second.payload["corrects"] == first.seq
    holding = [d for d in _deliveries(cli, home, timeline) if d["message"] == "holding"]
    assert [d["state"] for d in holding] == ["sent", "sent"]
    [corrected] = [r for r in _received(tmp_path, "texts") if r["corrects"]]
    assert corrected["corrects"] == holding[0]["remote_id"]
    requested = [e for e in events if e.kind == "delivery.requested"
                 and e.payload["publication"] == second.seq]  # fmt: skip
    assert requested[0].payload["corrects"] == holding[0]["id"]
    # a correction answers no promise: the update promised is still owed
    assert not [e for e in events if e.kind == "promise.made" and e.seq > second.seq]
