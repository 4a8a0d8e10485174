"""Paging through real servers on the loopback: the SMS centre simulator (pages, and the
replies phones send back) and aiosmtpd. Activation pages every role of the quorum at once; an
SMS answering a page with its code acknowledges it, on a scripted board and beside a person's
board; and an SMS centre that is down or silent never holds the board."""

from __future__ import annotations

import email
import email.policy
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from crisisplay.clock import SystemClock
from crisisplay.home import Home
from crisisplay.incident.board import paging_ops
from crisisplay.incident.board.walkthrough import Session, Walkthrough
from crisisplay.incident.deliver import read_replies
from crisisplay.incident.paging import quorum
from crisisplay.incident.run import join, open_desk
from crisisplay.playbook.load import load_playbook
from crisisplay.prompts import ScriptedPrompter
from crisisplay.timeline.place import place_of
from crisisplay.timeline.store import read_events
from tests.conftest import Cli
from tests.delivery.servers_mail_sms import MailServers, closed_port, silent_server
from tests.delivery.smsc import Smsc
from tests.delivery.support import _activate, _home

SYSTEM_ID, SMSC_PASSWORD = "onde-astreinte", "P4g!ng7"


@pytest.fixture(scope="module")
def mail(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailServers]:
    servers = MailServers(tmp_path_factory.mktemp("mail"))
    yield servers
    servers.close()


@pytest.fixture(scope="module")
def centre() -> Iterator[Smsc]:
    with Smsc(SYSTEM_ID, SMSC_PASSWORD) as smsc:
        yield smsc


@pytest.fixture
def smsc(centre: Smsc, mail: MailServers, monkeypatch: pytest.MonkeyPatch) -> Smsc:
    centre.reset()
    centre.replies_waiting.clear()
    centre.replies_delivered.clear()
    mail.plain.received.clear()
    monkeypatch.setenv("PAGER_SMSC_PASSWORD", SMSC_PASSWORD)
    return centre


def paging_home(tmp_path: Path, smsc_url: str, mail_url: str, timeout: float = 5) -> Path:
    accounts: list[dict[str, Any]] = [
        {"id": "pager-sms", "kind": "smpp", "channels": [], "page": True, "url": smsc_url,
         "user": SYSTEM_ID, "password_env": "PAGER_SMSC_PASSWORD", "from": "OndeCrise",
         "timeout": timeout},
        {"id": "pager-mail", "kind": "smtp", "channels": [], "page": True, "url": mail_url,
         "from": "Cellule de crise <crise@onde-mobile.example>", "timeout": timeout},
    ]  # fmt: skip
    return _home(tmp_path, accounts)


def phone_of(home: Path, person: str) -> str:
    org = yaml.safe_load((home / "playbooks" / "organisation.yaml").read_text("utf-8"))
    [found] = [p for p in org["people"] if p["id"] == person]
    return re.sub(r"\D", "", str(found["phone"]))


def pages(timeline: Path) -> dict[str, dict[str, Any]]:
    """Each page sent, by person: its payload, with the time it was sent."""
    return {
        e.payload["person"]: {**e.payload, "at": e.at}
        for e in read_events(timeline).events
        if e.kind == "page.sent"
    }


def acked(timeline: Path) -> dict[str, str]:
    return {
        e.payload["person"]: e.payload["via"]
        for e in read_events(timeline).events
        if e.kind == "page.acked"
    }


def test_activation_pages_the_quorum_by_sms_and_e_mail_within_a_second(
    cli: Cli, tmp_path: Path, smsc: Smsc, mail: MailServers
) -> None:
    home = paging_home(tmp_path, smsc.url, mail.plain.url)
    timeline = _activate(cli, home)
    events = read_events(timeline).events
    sent = pages(timeline)
    playbook = load_playbook(Home(home), only="nationwide-outage")
    desk = open_desk(Home(home), timeline, SystemClock())
    holders = {p["role"] for p in sent.values()}
    lead_role = next(e.payload["role"] for e in events if e.kind == "role.assigned"
                     and e.payload["person"] == "camille-roux")  # fmt: skip
    assert set(quorum(desk.situation())) - {lead_role} <= holders
    assert playbook.organisation.accounts[0].page
    delivered = {}
    for e in events:
        if e.kind == "page.delivered" and e.payload["ok"]:
            delivered.setdefault(e.payload["page"], []).append((e.payload["account"], e.at))
    for person, page in sent.items():
        through = dict(delivered[page["page"]])
        assert set(through) == set(page["accounts"]) and "pager-sms" in through, (person, through)
        for at in through.values():
            assert (at - page["at"]).total_seconds() < 1.0
        texts = smsc.messages_to(phone_of(home, person))
        assert any(page["code"] in text for text in texts), person
    mailed = b"\n".join(
        part.get_payload(decode=True)
        for r in mail.plain.received
        for part in email.message_from_bytes(r.content, policy=email.policy.default).walk()
        if part.get_content_type() == "text/plain"
    )
    by_mail = [page for page in sent.values() if "pager-mail" in page["accounts"]]
    assert by_mail and all(page["code"].encode() in mailed for page in by_mail)


def test_an_sms_reply_with_the_code_acknowledges_the_page(
    cli: Cli, tmp_path: Path, smsc: Smsc, mail: MailServers
) -> None:
    home = paging_home(tmp_path, smsc.url, mail.plain.url)
    timeline = _activate(cli, home)
    sent = pages(timeline)
    julie, anne = sent["julie-fabre"], sent["anne-lefevre"]
    smsc.reply(phone_of(home, "julie-fabre"), f"Ok je suis là, code {julie['code'][:3]} "
               f"{julie['code'][3:]}")  # fmt: skip
    smsc.reply(phone_of(home, "karim-mansouri"), f"{anne['code']}")  # not Karim's page
    smsc.reply("33699999999", f"{anne['code']}")  # a stranger with Anne's code
    desk = open_desk(Home(home), timeline, SystemClock())
    connectors: dict[str, Any] = {}
    try:
        deadline = time.monotonic() + 10
        while "julie-fabre" not in acked(timeline) and time.monotonic() < deadline:
            read_replies(desk, {"PAGER_SMSC_PASSWORD": SMSC_PASSWORD}, home / "playbooks",
                         connectors, wait=0.5)  # fmt: skip
    finally:
        for connector in connectors.values():
            connector.close()
    assert acked(timeline) == {"julie-fabre": "smpp"}
    assert len(smsc.replies_delivered) == 3  # every reply was taken from the centre


def test_the_persons_board_reads_replies_beside_it(
    cli: Cli, tmp_path: Path, smsc: Smsc, mail: MailServers
) -> None:
    home = paging_home(tmp_path, smsc.url, mail.plain.url)
    timeline = _activate(cli, home)
    code = pages(timeline)["anne-lefevre"]["code"]
    store, state = join(timeline)
    playbook = load_playbook(Home(home), only="nationwide-outage")
    session = Session(playbook, playbook.scenario("nationwide-outage"), "fr", "camille-roux",
                      SystemClock(), ScriptedPrompter.empty(), store, live=object(),  # type: ignore[arg-type]
                      place=place_of(timeline),
                      environ={"PAGER_SMSC_PASSWORD": SMSC_PASSWORD})  # fmt: skip
    walk = Walkthrough(session, state)
    started = time.monotonic()
    paging_ops.mobilise(walk)
    assert time.monotonic() - started < 0.5  # the listener runs beside, never here
    assert walk.listening
    smsc.reply(phone_of(home, "anne-lefevre"), code)
    deadline = time.monotonic() + 10
    while "anne-lefevre" not in acked(timeline) and time.monotonic() < deadline:
        time.sleep(0.05)
    walk.stopping.set()
    for courier in walk.couriers:
        courier.join(10)
    assert not any(courier.is_alive() for courier in walk.couriers)
    assert acked(timeline) == {"anne-lefevre": "smpp"}


@pytest.mark.parametrize("fault", ["down", "silent"])
def test_an_unreachable_sms_centre_never_holds_the_board(
    cli: Cli, tmp_path: Path, smsc: Smsc, mail: MailServers, fault: str
) -> None:
    with silent_server() as silent_port:
        port = closed_port() if fault == "down" else silent_port
        home = paging_home(tmp_path, f"smpp://127.0.0.1:{port}", mail.plain.url, timeout=3)
        # the scripted activation pages without paging accounts first: the board then waits
        timeline = activate_without_pages(cli, home)
        store, state = join(timeline)
        playbook = load_playbook(Home(home), only="nationwide-outage")
        session = Session(playbook, playbook.scenario("nationwide-outage"), "fr",
                          "camille-roux", SystemClock(), ScriptedPrompter.empty(), store,
                          live=object(), place=place_of(timeline),  # type: ignore[arg-type]
                          environ={"PAGER_SMSC_PASSWORD": SMSC_PASSWORD})  # fmt: skip
        walk = Walkthrough(session, state)
        started = time.monotonic()
        paging_ops.mobilise(walk)
        held = time.monotonic() - started
        threading.Event().wait(0)  # the pages go out beside the board
        deadline = time.monotonic() + 15
        failed: list[Any] = []
        while not failed and time.monotonic() < deadline:
            time.sleep(0.05)
            failed = [e for e in read_events(timeline).events if e.kind == "page.delivered"
                      and e.payload["account"] == "pager-sms" and not e.payload["ok"]]  # fmt: skip
        walk.stopping.set()
        for courier in walk.couriers:
            courier.join(15)
    assert held < 1.5  # a silent centre holds a page 3 s: the board waited for none
    assert failed, "the failed page is on the record"
    walk.desk.catch_up()
    from crisisplay.incident.board.waiting import cell_lines

    lines = [text for _, text in cell_lines(walk.situation())]
    assert any("pager-sms" in line for line in lines), lines


def activate_without_pages(cli: Cli, home: Path) -> Path:
    """Activate with the paging accounts switched off, then switch them on: the roles are held
    and nobody is paged yet, as when a board comes up on an incident."""
    org = home / "playbooks" / "organisation.yaml"
    text = org.read_text("utf-8")
    org.write_text(text.replace("page: true", "page: false"), "utf-8")
    timeline = _activate(cli, home)
    org.write_text(text, "utf-8")
    assert not pages(timeline)
    return timeline
