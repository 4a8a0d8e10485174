"""One publication of the bundled nationwide outage, out to the world through the real connectors
and real servers on the loopback: e-mail (aiosmtpd, with a login and its password), SMS (the SMS
centre simulator), Mastodon (mastodon-mock), Matrix (Synapse: the cell's and customer care's
rooms get what went out on X), a signed webhook and the status page. Each server holds, octet
for octet, the text on the record; an answer lost after the server took the message posts nothing
twice; a server that is down holds nobody and its delivery is retried exactly once after it comes
back; and no credential reaches any output, error, log or event."""

from __future__ import annotations

import base64
import email
import email.policy
import json
import logging
import os
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from crisisplay.clock import SystemClock
from crisisplay.console.live_board import TerminalBoard
from crisisplay.home import Home
from crisisplay.incident.board.waiting import waiting_on
from crisisplay.incident.board.walkthrough import Session, Walkthrough
from crisisplay.incident.run import join
from crisisplay.playbook.load import load_playbook
from crisisplay.prompts import ScriptedPrompter
from crisisplay.timeline.store import read_events
from tests.conftest import Cli
from tests.delivery.proxy import DropProxy
from tests.delivery.servers_mail_sms import LOGIN, PASSWORD, MailServers, closed_port
from tests.delivery.servers_social import Homeserver, MastodonServer
from tests.delivery.smsc import Smsc
from tests.delivery.support import _activate, _home
from tests.delivery.webhook_receiver import WebhookReceiver

SYSTEM_ID, SMSC_PASSWORD = "onde-crise", "Q7!smpp9"
HOOK_SECRET = "whsec_" + base64.b64encode(b"crisisplay-integration-hook-key!").decode()
NUMBERS = ["+33612345678", "+33698765432"]
#: the numbers as the SMS centre sees them (international, without the plus)
WIRE = [number.lstrip("+") for number in NUMBERS]
PRESS = ["presse@example.org", "redaction@example.net"]
#: every credential of the run (the servers' tokens are added as they start)
secrets = [PASSWORD, SMSC_PASSWORD, HOOK_SECRET]


@pytest.fixture(scope="module")
def mail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailServers]:
    servers = MailServers(tmp_path_factory.mktemp("mail"))
    yield servers
    servers.close()


@pytest.fixture(scope="module")
def centre() -> Iterator[Smsc]:
    with Smsc(SYSTEM_ID, SMSC_PASSWORD) as smsc:
        yield smsc


@pytest.fixture(scope="module")
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(HOOK_SECRET) as running:
        yield running


@dataclass
class World:
    """The servers of one test, emptied, and the credentials in the environment."""

    mail: MailServers
    smsc: Smsc
    hooks: WebhookReceiver
    status: Path
    mastodon: MastodonServer
    matrix: Homeserver

    def toots(self, text: str) -> int:
        """How many statuses of the account say ``text``."""
        return sum(1 for s in self.mastodon.statuses() if self.mastodon.source(s["id"]) == text)

    def said_in(self, room: str, text: str) -> int:
        """How many messages of ``room`` say ``text`` (an edit's replacement not counted)."""
        events = self.matrix.server.messages(self.matrix.cell, room)
        return sum(1 for e in events if e["content"].get("body") == text
                   and "m.new_content" not in e["content"])  # fmt: skip

    def press(self) -> list[bytes]:
        return [r.content for r in self.mail.starttls.received]


@pytest.fixture
def world(
    mail: MailServers,
    centre: Smsc,
    receiver: WebhookReceiver,
    mastodon: MastodonServer,
    synapse: Homeserver,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> World:
    for server in mail.all():
        server.received.clear()
        server.logins.clear()
    centre.reset()
    receiver.forget()
    monkeypatch.setenv("SSL_CERT_FILE", str(mail.ca_file))
    monkeypatch.setenv("PRESS_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("SMSC_PASSWORD", SMSC_PASSWORD)
    monkeypatch.setenv("SOCIAL_HOOK_SECRET", HOOK_SECRET)
    monkeypatch.setenv("MASTODON_TOKEN", mastodon.token)
    monkeypatch.setenv("MATRIX_TOKEN", synapse.cell.token)
    secrets.extend([mastodon.token, synapse.cell.token])
    return World(mail, centre, receiver, tmp_path / "status", mastodon, synapse)


def accounts(world: World, **changes: dict[str, Any]) -> list[dict[str, Any]]:
    """The organisation's accounts; ``changes`` alter an account's settings (another address:
    a proxy, a closed port)."""
    found = [
        {"id": "press-mail", "kind": "smtp", "channels": ["email"],
         "url": world.mail.starttls.url, "user": LOGIN,
         "password_env": "PRESS_SMTP_PASSWORD", "from": "Onde Mobile <crise@onde-mobile.example>",
         "to": PRESS, "timeout": 5},
        {"id": "customers-sms", "kind": "smpp", "channels": ["sms"],
         "url": world.smsc.url, "user": SYSTEM_ID,
         "password_env": "SMSC_PASSWORD", "from": "OndeMobile", "to": NUMBERS, "timeout": 5},
        {"id": "social-tool", "kind": "webhook", "channels": ["x", "facebook", "linkedin"],
         "url": world.hooks.url + "/crisis",
         "secret_env": "SOCIAL_HOOK_SECRET", "timeout": 5},
        {"id": "status", "kind": "statuspage", "channels": ["status-page"],
         "dir": str(world.status)},
        {"id": "mastodon-main", "kind": "mastodon", "channels": ["mastodon"],
         "url": world.mastodon.url, "token_env": "MASTODON_TOKEN", "timeout": 10},
        {"id": "care-rooms", "kind": "matrix", "channels": ["x"], "url": world.matrix.server.url,
         "user": world.matrix.cell.user_id, "rooms": list(world.matrix.rooms),
         "token_env": "MATRIX_TOKEN", "timeout": 10},
    ]  # fmt: skip
    for account in found:
        account.update(changes.get(account["id"].replace("-", "_"), {}))
    return found


def run(cli: Cli, home: Path, timeline: Path, *argv: str) -> Any:
    ran = cli(*argv, "--timeline", str(timeline), home=home)
    assert ran.exit_code in (0, 1), ran.stdout + ran.stderr
    outputs.append(ran.stdout + ran.stderr)
    return ran


#: every output of this module's commands, read for credentials at the end of each test
outputs: list[str] = []


@pytest.fixture(autouse=True)
def no_credential_anywhere(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    outputs.clear()
    caplog.set_level(logging.DEBUG)
    yield
    written = "\n".join(outputs) + caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix in {".jsonl", ".json", ".html", ".atom", ".md"}:
            written += path.read_text(encoding="utf-8", errors="replace")
    for secret in secrets:
        assert secret not in written
        assert base64.b64encode(secret.encode()).decode() not in written


def deliveries(cli: Cli, home: Path, timeline: Path) -> dict[str, dict[str, Any]]:
    ran = run(cli, home, timeline, "deliveries", "holding", "--format", "json")
    return {d["account"] + "/" + d["channel"]: d for d in json.loads(ran.stdout)}


def recorded(timeline: Path, message: str = "holding") -> dict[str, str]:
    """The texts of the publication of ``message`` as the record holds them, by channel."""
    [published] = [
        e
        for e in read_events(timeline).events
        if e.kind == "message.published" and e.payload["message"] == message
    ]
    return {text["channel"]: text["text"] for text in published.payload["texts"]}


def message_id(content: bytes) -> str:
    return str(email.message_from_bytes(content, policy=email.policy.default)["Message-ID"])


def mail_body(content: bytes) -> bytes:
    message = email.message_from_bytes(content, policy=email.policy.default)
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/plain"]
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload


def test_one_publish_delivers_to_every_service_with_a_receipt_each(
    cli: Cli, tmp_path: Path, world: World
) -> None:
    home = _home(tmp_path, accounts(world))
    timeline = _activate(cli, home)
    ran = run(cli, home, timeline, "publish", "holding", "--next-update", "T+1h", "--yes")
    assert ran.exit_code == 0, ran.stdout
    texts = recorded(timeline)
    found = deliveries(cli, home, timeline)
    served = {"press-mail/email", "customers-sms/sms", "social-tool/x", "social-tool/facebook",
              "social-tool/linkedin", "status/status-page", "mastodon-main/mastodon",
              "care-rooms/x"}  # fmt: skip
    assert served <= set(found)
    for key in served:
        assert found[key]["state"] == "sent", found[key]
        assert found[key]["remote_id"], key
    # e-mail: each address of the list, the body octet for octet
    [press] = [r for r in world.mail.starttls.received
               if message_id(r.content) == found["press-mail/email"]["remote_id"]]  # fmt: skip
    assert mail_body(press.content) == texts["email"].encode("utf-8")
    assert sorted(press.rcpt_tos) == sorted(PRESS)
    assert set(world.mail.starttls.logins) == {(LOGIN, True)}
    # SMS: what each phone shows, parts joined, is the text
    for number in WIRE:
        assert world.smsc.messages_to(number) == [texts["sms"]]
    # the webhook: one signed request per channel, its text the record's
    bodies = {json.loads(r.body)["channel"]: json.loads(r.body) for r in world.hooks.taken.values()}
    assert set(bodies) == {"x", "facebook", "linkedin"}
    for channel, body in bodies.items():
        assert body["text"] == texts[channel]
        assert body["message"] == "holding" and body["lang"] == "fr"
    # the status page, from the record
    summary = json.loads((world.status / "summary.json").read_text(encoding="utf-8"))
    assert [e["texts"]["fr"] for e in summary["entries"]] == [texts["status-page"]]
    assert (world.status / "index.html").is_file() and (world.status / "feed.atom").is_file()
    # Mastodon: the status as the instance keeps it; Matrix: each room, once
    toot = world.mastodon.source(found["mastodon-main/mastodon"]["remote_id"])
    assert toot == texts["mastodon"]
    for room in world.matrix.rooms:
        assert world.said_in(room, texts["x"]) == 1
    # SMS delivery reports, read on the same bind, are on the record
    sms = found["customers-sms/sms"]
    assert {r["state"] for r in sms["reports"]} == {"DELIVRD"}
    assert len(sms["reports"]) == len(world.smsc.parts)


def end_of_data(sent: bytes) -> bool:
    return sent.endswith(b"\r\n.\r\n")


def has_submit_sm(sent: bytes) -> bool:
    """Whether the client has sent a submit_sm on this connection (PDU by PDU)."""
    offset = 0
    while offset + 8 <= len(sent):
        length, command = struct.unpack(">II", sent[offset : offset + 8])
        if command == 0x00000004:
            return True
        offset += length
    return False


def request_sent(sent: bytes) -> bool:
    head, _, body = sent.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), None)  # fmt: skip
    return length is not None and len(body) >= length


def address(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").split(":")
    return host, int(port)


def posting_status(sent: bytes) -> bool:
    return b"POST /api/v1/statuses " in sent


def sending_event(sent: bytes) -> bool:
    return b"PUT /_matrix/client/v3/rooms/" in sent


def test_a_lost_answer_posts_nothing_twice(cli: Cli, tmp_path: Path, world: World) -> None:
    loopback = "127.0.0.1"
    with (
        DropProxy((loopback, world.mail.plain.port), drops=end_of_data) as mail_proxy,
        DropProxy((loopback, world.smsc.port), drops=has_submit_sm) as sms_proxy,
        DropProxy((loopback, world.hooks.port), drops=request_sent) as hook_proxy,
        DropProxy(address(world.mastodon.url), drops=posting_status) as toot_proxy,
        DropProxy(address(world.matrix.server.url), drops=sending_event) as room_proxy,
    ):
        proxies = (mail_proxy, sms_proxy, hook_proxy, toot_proxy, room_proxy)
        changes = {
            "press_mail": {"url": f"smtp://{loopback}:{mail_proxy.port}", "user": None,
                           "password_env": None},
            "customers_sms": {"url": f"smpp://{loopback}:{sms_proxy.port}"},
            "social_tool": {"url": f"http://{loopback}:{hook_proxy.port}/crisis"},
            "mastodon_main": {"url": f"http://{loopback}:{toot_proxy.port}"},
            "care_rooms": {"url": f"http://{loopback}:{room_proxy.port}"},
        }  # fmt: skip
        home = _home(tmp_path, accounts(world, **changes))
        for proxy in proxies:
            proxy.armed = False
        timeline = _activate(cli, home)
        for proxy in proxies:
            proxy.armed = True
        run(cli, home, timeline, "publish", "holding", "--yes")
        found = deliveries(cli, home, timeline)
        assert all(proxy.dropped for proxy in proxies)
        assert found["press-mail/email"]["state"] == "unknown"
        assert found["customers-sms/sms"]["state"] == "unknown"
        social = [f"social-tool/{c}" for c in ("x", "facebook", "linkedin")]
        social += ["mastodon-main/mastodon", "care-rooms/x"]
        assert {found[key]["state"] for key in social} == {"unknown"}
        for proxy in proxies:
            proxy.armed = False
        # a retry of everything: the idempotent webhook ends sent; e-mail and SMS, without an
        # idempotency key, are not sent again by themselves
        run(cli, home, timeline, "deliver", "--retry")
        after = deliveries(cli, home, timeline)
    assert {after[key]["state"] for key in social} == {"sent"}
    assert after["press-mail/email"]["state"] == "unknown"
    assert after["customers-sms/sms"]["state"] == "unknown"
    texts = recorded(timeline)
    holding = texts["email"].encode("utf-8")
    assert [mail_body(r.content) for r in world.mail.plain.received].count(holding) == 1
    # the centre took the first part (its answer lost); nothing was offered again
    taken = [(p.destination, p.reference, p.number) for p in world.smsc.parts]
    assert len(taken) == len(set(taken)) >= 1
    holding_hooks = [json.loads(r.body) for r in world.hooks.requests]
    holding_hooks = [b for b in holding_hooks if b["message"] == "holding"]
    assert len(holding_hooks) == 6  # each channel sent twice, its answer lost once
    taken = [json.loads(r.body) for r in world.hooks.taken.values()]
    assert sorted(b["channel"] for b in taken if b["message"] == "holding") == [
        "facebook", "linkedin", "x"]  # fmt: skip
    # the idempotency key and the transaction id: one status, one message a room
    assert world.toots(texts["mastodon"]) == 1
    for room in world.matrix.rooms:
        assert world.said_in(room, texts["x"]) == 1


def test_a_server_down_holds_nobody_and_is_delivered_once_when_back(
    cli: Cli, tmp_path: Path, world: World
) -> None:
    port = closed_port()
    home = _home(tmp_path, accounts(world, press_mail={"url": f"smtp://127.0.0.1:{port}"}))
    timeline = _activate(cli, home)
    run(cli, home, timeline, "publish", "holding", "--yes")
    found = deliveries(cli, home, timeline)
    assert found["press-mail/email"]["state"] == "failed"
    assert found["customers-sms/sms"]["state"] == "sent"
    assert found["status/status-page"]["state"] == "sent"
    assert world.press() == []
    # the server comes back at the account's address
    org = home / "playbooks" / "organisation.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(text.replace(f"127.0.0.1:{port}", f"127.0.0.1:{world.mail.starttls.port}"))
    run(cli, home, timeline, "deliver", "--retry")
    run(cli, home, timeline, "deliver", "--retry")  # nothing left to retry: nothing sent again
    after = deliveries(cli, home, timeline)
    assert after["press-mail/email"]["state"] == "sent"
    holding = recorded(timeline)["email"].encode("utf-8")
    assert [mail_body(content) for content in world.press()].count(holding) == 1
    taken = [json.loads(r.body) for r in world.hooks.taken.values()]
    assert len([b for b in taken if b["message"] == "holding"]) == 3  # once each, at first


def test_credentials_stay_in_the_environment(cli: Cli, tmp_path: Path, world: World) -> None:
    home = _home(tmp_path, accounts(world))
    timeline = _activate(cli, home)
    run(cli, home, timeline, "publish", "holding", "--yes")
    run(cli, home, timeline, "deliveries")
    run(cli, home, timeline, "published", "holding", "--format", "json")
    run(cli, home, timeline, "timeline", "show")
    assert os.environ["PRESS_SMTP_PASSWORD"] == PASSWORD  # it was there to be leaked
    assert set(world.mail.starttls.logins) == {(LOGIN, True)}
    assert all(r.verified for r in world.hooks.requests)


def test_the_lead_board_shows_a_failed_delivery_within_a_second(
    cli: Cli, tmp_path: Path, world: World
) -> None:
    """A CM publishes from their terminal while the press server is down: the other channels
    go out, and the lead's waiting board shows the failed one within a second of its record."""
    port = closed_port()
    home = _home(tmp_path, accounts(world, press_mail={"url": f"smtp://127.0.0.1:{port}"}))
    timeline = _activate(cli, home)
    store, state = join(timeline)
    playbook = load_playbook(Home(home), only="nationwide-outage")
    session = Session(playbook, playbook.scenario("nationwide-outage"), "fr", "camille-roux",
                      SystemClock(), ScriptedPrompter.empty(), store)  # fmt: skip
    walk = Walkthrough(session, state)
    environ = {**os.environ, "CRISISPLAY_ACTOR": "camille-roux", "NO_COLOR": "1"}
    publish = [sys.executable, "-m", "crisisplay", "--home", str(home), "publish", "holding",
               "--yes", "--timeline", str(timeline)]  # fmt: skip
    cm = subprocess.Popen(publish, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    before = set(waiting_on(walk))  # the activation's own e-mails failed already
    shown_at, shown = None, []
    read_fd, write_fd = os.pipe()  # keys nobody presses
    with os.fdopen(read_fd) as keys:
        deadline = time.monotonic() + 60
        while shown_at is None and time.monotonic() < deadline:
            TerminalBoard(keys=keys).wait(walk)
            shown = [line for line in waiting_on(walk) if line not in before]
            if any("-email-press-mail" in line for line in shown):
                shown_at = datetime.now(timezone.utc)
    os.close(write_fd)
    out, err = cm.communicate(timeout=60)
    outputs.append(out.decode() + err.decode())
    assert cm.returncode in (0, 1), err.decode()
    assert shown_at is not None, waiting_on(walk)
    events = read_events(timeline).events
    [holding] = [
        e.seq for e in events if e.kind == "message.published" and e.payload["message"] == "holding"
    ]
    [failed] = [e for e in events if e.kind == "delivery.failed"
                and e.payload["delivery"] == f"{holding}-email-press-mail"]  # fmt: skip
    assert any(failed.payload["delivery"] in line for line in shown)
    assert (shown_at - failed.at).total_seconds() < 1.0
    sent = {e.payload["delivery"] for e in events if e.kind == "delivery.sent"}
    assert any(d.endswith("-sms-customers-sms") for d in sent)
