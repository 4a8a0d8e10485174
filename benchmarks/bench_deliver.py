"""How long one publication takes to reach every account, against the slowest account alone.

    .venv/bin/python benchmarks/bench_deliver.py [--passes 5] [--quick]

A nationwide outage is activated with six accounts on servers on the loopback: e-mail (aiosmtpd,
the address of an e-mail-to-SMS gateway), SMS (the SMS centre simulator of the tests, delivery
receipts included), a signed webhook serving two social channels, the status page, and, when
their servers are installed (the test extra), Mastodon (mastodon-mock) and Matrix (Synapse);
without them, a second e-mail and a second webhook account take their places. An update goes
out on x, facebook, bluesky, mastodon, SMS and the status page, no e-mail: the accounts serve
those. Each pass publishes an update once per account, delivered to that account alone, then
once delivered to all of them, through the same ``Deliver`` request and dispatcher as
``crisisplay publish``.

The floor, measured in the same run: the slowest account's delivery alone (median over the
passes). Target: every account together within 1.5x that floor (deliveries run side by side;
none waits for another).
"""

from __future__ import annotations

import argparse
import base64
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = 1.5
HOOK_SECRET = "whsec_" + base64.b64encode(b"crisisplay-benchmark-hook-secret").decode()


@contextmanager
def servers(folder: Path) -> Iterator[list[dict[str, Any]]]:
    """The accounts of the run, their servers started (and stopped at the end)."""
    from tests.delivery.servers_mail_sms import MailServers
    from tests.delivery.smsc import Smsc
    from tests.delivery.webhook_receiver import WebhookReceiver

    with ExitStack() as stack:
        (folder / "mail").mkdir()
        mail = MailServers(folder / "mail")
        stack.callback(mail.close)
        smsc = stack.enter_context(Smsc("onde-crise", "Q7!smpp9"))
        hooks = stack.enter_context(WebhookReceiver(HOOK_SECRET))
        os.environ.update({"SMSC_PASSWORD": "Q7!smpp9", "HOOK_SECRET": HOOK_SECRET})
        accounts: list[dict[str, Any]] = [
            {"id": "sms-gateway", "kind": "smtp", "channels": ["sms"], "url": mail.plain.url,
             "from": "Onde Mobile <crise@onde-mobile.example>",
             "to": ["33612345678@sms-gateway.example"]},
            {"id": "customers-sms", "kind": "smpp", "channels": ["sms"], "url": smsc.url,
             "user": "onde-crise", "password_env": "SMSC_PASSWORD", "from": "OndeMobile",
             "to": ["+33612345678", "+33698765432"]},
            {"id": "social-tool", "kind": "webhook", "channels": ["x", "facebook"],
             "url": hooks.url + "/crisis", "secret_env": "HOOK_SECRET"},
            {"id": "status", "kind": "statuspage", "channels": ["status-page"],
             "dir": str(folder / "status")},
        ]  # fmt: skip
        accounts += stack.enter_context(_social(folder, mail, hooks))
        yield accounts


@contextmanager
def _social(folder: Path, mail: Any, hooks: Any) -> Iterator[list[dict[str, Any]]]:
    """Mastodon and Matrix accounts on their servers when installed; else stand-ins."""
    try:
        import mastodon_mock  # noqa: F401
        import synapse  # noqa: F401

        from tests.delivery.servers_social import mastodon_server, synapse_server
    except ImportError:
        print("mastodon-mock or Synapse not installed: a second e-mail and webhook account")
        yield [
            {"id": "care-mail", "kind": "smtp", "channels": ["mastodon"], "url": mail.plain.url,
             "from": "Onde Mobile <crise@onde-mobile.example>", "to": ["care@example.org"]},
            {"id": "site-hook", "kind": "webhook", "channels": ["bluesky"],
             "url": hooks.url + "/site", "secret_env": "HOOK_SECRET"},
        ]  # fmt: skip
        return
    (folder / "synapse").mkdir()
    with mastodon_server() as instance, synapse_server(folder / "synapse") as homeserver:
        cell = homeserver.register("cellule")
        room = homeserver.create_room(cell, "Cellule de crise")
        os.environ.update({"MASTODON_TOKEN": instance.token, "MATRIX_TOKEN": cell.token})
        yield [
            {"id": "mastodon-main", "kind": "mastodon", "channels": ["mastodon"],
             "url": instance.url, "token_env": "MASTODON_TOKEN"},
            {"id": "cell-room", "kind": "matrix", "channels": ["bluesky"],
             "url": homeserver.url, "user": cell.user_id, "rooms": [room],
             "token_env": "MATRIX_TOKEN"},
        ]  # fmt: skip


def prepare(folder: Path, accounts: list[dict[str, Any]]) -> tuple[Path, Path]:
    home = folder / "home"
    for name in ("playbooks", "templates"):
        shutil.copytree(ROOT / name, home / name)
    org = home / "playbooks" / "organisation.yaml"
    org.write_text(org.read_text("utf-8") + "\n" + yaml.safe_dump({"accounts": accounts}), "utf-8")
    script = yaml.safe_load((ROOT / "playbooks/answers/nationwide-outage.yaml").read_text("utf-8"))
    script["messages"].pop("holding")  # the board waits for it: the incident stays open
    answers = folder / "lead.yaml"
    answers.write_text(yaml.safe_dump(script, allow_unicode=True), "utf-8")
    timeline = folder / "incident.jsonl"
    from typer.testing import CliRunner

    from crisisplay.cli.main import app

    ran = CliRunner().invoke(app, ["--home", str(home), "activate", "nationwide-outage",
                                   "--answers", str(answers), "--timeline", str(timeline),
                                   "--actor", "camille-roux", "--quiet"])  # fmt: skip
    if ran.exit_code != 0:
        raise SystemExit(f"activation failed: {ran.stdout}")
    return home, timeline


def publish_to(home: Path, timeline: Path, only: set[str] | None, message: str = "update") -> float:
    """Publish ``message`` and deliver it to ``only`` (None: every account); the seconds the
    deliveries took."""
    from crisisplay.clock import SystemClock
    from crisisplay.home import Home
    from crisisplay.incident.deliver import dispatch, jobs_for
    from crisisplay.incident.ops import Deliver, Publish
    from crisisplay.incident.ops.messages import answering_of, find
    from crisisplay.incident.record import record
    from crisisplay.incident.run import open_desk

    desk = open_desk(Home(home), timeline, SystemClock())
    situation = desk.situation()
    chosen, _ = find(situation, message)
    outcome = record(desk, "camille-roux", Publish(chosen.id, answering_of(situation, chosen)))
    [seq] = [e.seq for e in outcome.events if e.kind == "message.published"]
    requested = record(desk, "camille-roux", Deliver(seq)).events
    deliveries = [desk.state.deliveries[e.payload["delivery"]] for e in requested]
    jobs = [j for j in jobs_for(desk.situation(), deliveries)
            if only is None or j.account.id in only]  # fmt: skip
    started = time.perf_counter()
    ended = dispatch(desk, "camille-roux", jobs, environ=os.environ, folder=home / "playbooks")
    took = time.perf_counter() - started
    bad = [f"{d.id}: {d.state} {d.reason or ''}" for d in ended if d.state != "sent"]
    if bad:
        raise SystemExit("a delivery did not go out: " + "; ".join(bad))
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one pass: a smoke run")
    args = parser.parse_args()
    passes = 1 if args.quick else args.passes
    with tempfile.TemporaryDirectory() as tmp, servers(Path(tmp)) as accounts:
        home, timeline = prepare(Path(tmp), accounts)
        publish_to(home, timeline, None, "holding")  # warm: the connectors' libraries loaded
        alone: dict[str, list[float]] = {a["id"]: [] for a in accounts}
        together: list[float] = []
        for _ in range(passes):
            for account, times in alone.items():
                times.append(publish_to(home, timeline, {account}))
            together.append(publish_to(home, timeline, None))
    medians = {account: statistics.median(times) for account, times in alone.items()}
    slowest = max(medians, key=lambda a: medians[a])
    floor, all_six = medians[slowest], statistics.median(together)
    for account, seconds in sorted(medians.items(), key=lambda item: item[1]):
        print(f"  {account:<16} alone  {seconds * 1000:8.1f} ms")
    print(f"  {len(accounts)} accounts together {all_six * 1000:8.1f} ms")
    ratio = all_six / floor
    verdict = "ok" if ratio <= TARGET else "over target"
    print(f"ratio {ratio:.2f}x the slowest account alone ({slowest}); target {TARGET}x: {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
