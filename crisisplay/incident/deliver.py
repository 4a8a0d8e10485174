"""Running what a publication requested: every delivery in its own thread, bounded by its
account's timeout, each outcome recorded as soon as it is known.

The requests are on the record before any network call (``Deliver``); this module only hands
each one to its connector and records the answer (``RecordOutcome``). A slow service holds
nobody: the command waits at most for the slowest account's timeout, and a delivery still
running then is recorded as unknown (it may have gone out). Nothing here retries by itself.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from crisisplay.delivery.base import Connector, DeliveryFailed, DeliveryUnknown, Parcel, Receipt
from crisisplay.delivery.kinds import CONNECTORS, connector_for
from crisisplay.delivery.secrets import Scrubbed
from crisisplay.incident.ops.deliveries import RecordOutcome, RecordReports, find_publication
from crisisplay.incident.ops.paging import Acknowledge, RecordPageDelivery
from crisisplay.incident.paging import ADDRESS
from crisisplay.incident.record import Desk, record
from crisisplay.incident.situation import Situation
from crisisplay.playbook.model import Account
from crisisplay.texts import t
from crisisplay.textsafe import sanitize_line
from crisisplay.timeline.state import DeliveryState

#: how long past its account's timeout a delivery is waited for before it is called unknown
GRACE_SECONDS = 2.0
#: how long, within its account's timeout, a sent delivery waits for the service's delivery
#: reports (an SMS centre's receipts from the handsets) before its thread ends
REPORT_SECONDS = 3.0
#: how much of a service's error message is kept on the record
REASON_CHARS = 300


@dataclass(frozen=True)
class Job:
    """One requested delivery, ready for its connector."""

    delivery: DeliveryState
    account: Account
    parcel: Parcel
    #: for a correction: the receipt of what it corrects
    original: Receipt | None = None


def jobs_for(situation: Situation, deliveries: Iterable[DeliveryState]) -> list[Job]:
    """The requested deliveries among ``deliveries``, with their parcels."""
    accounts = {a.id: a for a in situation.playbook.organisation.accounts}
    jobs = []
    for delivery in deliveries:
        account = accounts.get(delivery.account)
        if delivery.state != "requested" or account is None:
            continue
        parcel = parcel_of(situation, delivery)
        original = situation.state.deliveries.get(delivery.corrects or "")
        receipt = _receipt(original) if original is not None else None
        jobs.append(Job(delivery, account, parcel, receipt))
    return jobs


def parcel_of(situation: Situation, delivery: DeliveryState) -> Parcel:
    state = situation.state
    publication = find_publication(situation, delivery.publication)
    text = next(t for t in publication.texts if t.channel == delivery.channel)
    history = tuple(
        parcel_of(situation, earlier)
        for earlier in state.deliveries.values()
        if earlier.channel == delivery.channel
        and earlier.account == delivery.account
        and earlier.publication < delivery.publication
        and earlier.state == "sent"
    )
    return Parcel(
        delivery=f"{state.incident}.{delivery.id}",
        incident=state.incident or "",
        message=publication.message,
        kind=publication.kind,
        channel=delivery.channel,
        lang=text.lang,
        text=text.text,
        published_at=publication.at,
        next_update=publication.next_update,
        subject=text.title if delivery.channel == "email" else None,
        title=text.title,
        drill=state.drill,
        correcting=None,
        history=history,
    )


def _receipt(delivery: DeliveryState) -> Receipt:
    details = delivery.details if isinstance(delivery.details, Mapping) else {}
    return Receipt(delivery.remote_id, delivery.url, {str(k): str(v) for k, v in details.items()})


Seen = Callable[[DeliveryState], None]


def dispatch(
    desk: Desk,
    person: str,
    jobs: list[Job],
    *,
    environ: Mapping[str, str],
    folder: Path,
    seen: Seen | None = None,
) -> list[DeliveryState]:
    """Run ``jobs`` in parallel; record each outcome; the deliveries as they ended."""
    if not jobs:
        return []
    secrets = Scrubbed(environ, folder)
    lock = threading.Lock()
    #: set once the caller stopped waiting: a delivery that answers later records its outcome
    #: (or finds it recorded as unknown) and says nothing to a caller that moved on
    over = threading.Event()

    def settle(job: Job, request: RecordOutcome) -> None:
        with lock:
            record(desk, person, request, tries=None)
            found = desk.state.deliveries[job.delivery.id]
        if seen is not None and not over.is_set():
            seen(found)

    def run(job: Job) -> None:
        try:
            connector = connector_for(job.account, secrets, folder)
        except (KeyError, DeliveryFailed) as exc:
            settle(job, _outcome(job, "failed", secrets.scrub(_said(exc))))
            return
        try:
            outcome = _attempt(job, connector, secrets)
            settle(job, outcome)
            if outcome.state == "sent":
                wait = min(REPORT_SECONDS, started + job.account.timeout - time.monotonic())
                _record_reports(job, connector.reports(max(0.0, wait)))
        finally:
            connector.close()

    def _record_reports(job: Job, reports: list[tuple[str, str]]) -> None:
        if reports:
            found = tuple((secrets.scrub(str(r)), secrets.scrub(str(s))) for r, s in reports)
            with lock:
                record(desk, person, RecordReports(job.delivery.id, found), tries=None)

    threads = []
    started = time.monotonic()
    for job in jobs:
        thread = threading.Thread(target=run, args=(job,), daemon=True)
        thread.start()
        threads.append((job, thread))
    for job, thread in threads:
        thread.join(max(0.0, started + job.account.timeout + GRACE_SECONDS - time.monotonic()))
        if thread.is_alive():
            reason = f"no answer within {job.account.timeout:g} s"
            settle(job, _outcome(job, "unknown", reason))
    with lock:
        over.set()
        desk.catch_up()
        return [desk.state.deliveries[job.delivery.id] for job in jobs]


def _attempt(job: Job, connector: Connector, secrets: Scrubbed) -> RecordOutcome:
    """One try through the connector: what to record of it."""
    try:
        if job.original is not None:
            parcel = _correcting(job)
            receipt = connector.correct(parcel, job.original, job.account.timeout)
        else:
            receipt = connector.deliver(job.parcel, job.account.timeout)
    except DeliveryFailed as exc:
        return _outcome(job, "failed", secrets.scrub(_said(exc)))
    except DeliveryUnknown as exc:
        return _outcome(job, "unknown", secrets.scrub(_said(exc)))
    except Exception as exc:  # a connector's own bug: it may have gone out
        return _outcome(job, "unknown", secrets.scrub(f"{type(exc).__name__}: {_said(exc)}"))
    details = {str(k): secrets.scrub(str(v)) for k, v in receipt.details.items()}
    return RecordOutcome(
        job.delivery.id,
        job.delivery.attempt,
        "sent",
        remote_id=receipt.remote_id,
        url=receipt.url,
        details=details or None,
    )


def _correcting(job: Job) -> Parcel:
    return replace(job.parcel, correcting=job.original)


def _outcome(job: Job, state: str, reason: str) -> RecordOutcome:
    return RecordOutcome(job.delivery.id, job.delivery.attempt, state, reason=reason)


def _said(exc: BaseException) -> str:
    text = sanitize_line(str(exc) or type(exc).__name__)
    return text[:REASON_CHARS]


# ---------------------------------------------------------------- pages


def page_parcels(
    situation: Situation, page_ids: Iterable[str]
) -> list[tuple[str, Account, Parcel]]:
    """Each page to send, through each of its accounts, addressed to its person."""
    accounts = {a.id: a for a in situation.playbook.organisation.accounts}
    state = situation.state
    lang = situation.incident_lang
    found = []
    for page_id in page_ids:
        page = state.pages[page_id]
        person = situation.org.person(page.person)
        if person is None:
            continue
        text = t(
            "page.text",
            lang,
            brand=situation.org.brand.name,
            title=situation.scenario.title.get_text(lang),
            severity=state.severity or "-",
            role=situation.role_title(page.role),
            incident=state.incident or "",
            code=page.code,
        )
        done = {a for a, _ in page.delivered}  # an account already answered: not sent again
        for account in (accounts[a] for a in page.accounts if a in accounts and a not in done):
            address = ADDRESS.get(account.kind)
            to = (getattr(person, address),) if address else ()
            parcel = Parcel(
                delivery=f"{state.incident}.page-{page.id}-{account.id}",
                incident=state.incident or "",
                message=f"page-{page.id}",
                kind="page",
                channel="page",
                lang=lang,
                text=text,
                published_at=page.sent_at,
                subject=text.split(".", 1)[0],
                drill=state.drill,
                to=tuple(a for a in to if a),
            )
            found.append((page_id, account, parcel))
    return found


def send_pages(
    desk: Desk,
    person: str,
    page_ids: Iterable[str],
    *,
    environ: Mapping[str, str],
    folder: Path,
) -> None:
    """Send pages through their accounts in parallel, each within its timeout; record what
    each account answered."""
    secrets = Scrubbed(environ, folder)
    lock = threading.Lock()
    parcels = page_parcels(desk.situation(), page_ids)

    def run(page_id: str, account: Account, parcel: Parcel) -> None:
        try:
            connector = connector_for(account, secrets, folder)
            try:
                receipt = connector.deliver(parcel, account.timeout)
            finally:
                connector.close()
            request = RecordPageDelivery(page_id, account.id, True, receipt.remote_id)
        except Exception as exc:  # failed, unknown, or a connector's own bug: not taken
            reason = secrets.scrub(_said(exc))
            request = RecordPageDelivery(page_id, account.id, False, reason=reason)
        with lock:
            record(desk, person, request, tries=None)

    threads = [threading.Thread(target=run, args=item, daemon=True) for item in parcels]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for (_, account, _), thread in zip(parcels, threads, strict=True):
        thread.join(max(0.0, started + account.timeout + GRACE_SECONDS - time.monotonic()))


# ---------------------------------------------------------------- replies to pages

#: how long one look for replies waits on each account that takes them
LISTEN_SECONDS = 1.0
_SPACED_DIGITS = re.compile(r"(?<=\d)[ .\-](?=\d)")
_CODE = re.compile(r"(?<!\d)\d{6}(?!\d)")


def listening_accounts(situation: Situation) -> list[Account]:
    """The accounts an open page went through that people can answer on (an SMS centre)."""
    accounts = {a.id: a for a in situation.playbook.organisation.accounts}
    used = {
        account
        for page in situation.state.pages.values()
        if page.state in ("paged", "escalated")
        for account in page.accounts
    }
    return [
        accounts[a]
        for a in sorted(used)
        if a in accounts and getattr(CONNECTORS.get(accounts[a].kind), "listens", False)
    ]


def read_replies(
    desk: Desk,
    environ: Mapping[str, str],
    folder: Path,
    connectors: dict[str, Connector],
    wait: float = LISTEN_SECONDS,
) -> int:
    """One look for replies on the accounts open pages went through: a reply that carries the
    code of an open page, from that page's person, acknowledges it in their name (``via`` the
    account's kind). The number of pages so acknowledged."""
    situation = desk.situation()
    accounts = listening_accounts(situation)
    if not accounts:
        return 0
    secrets = Scrubbed(environ, folder)
    acked = 0
    for account in accounts:
        try:
            connector = connectors.get(account.id) or connector_for(account, secrets, folder)
            connectors[account.id] = connector
            replies = connector.replies(min(wait, account.timeout))
        except (KeyError, DeliveryFailed, DeliveryUnknown):
            continue  # unreachable now: the next look tries again
        for sender, text in replies:
            found = _replying(desk.situation(), account, sender, text)
            if found is not None:
                person, code = found
                outcome = record(desk, person, Acknowledge(code, via=account.kind), tries=None)
                acked += bool(outcome.recorded)
    return acked


def listen_for_replies(
    desk: Desk,
    person: str,
    *,
    environ: Mapping[str, str],
    folder: Path,
    stop: threading.Event,
) -> None:
    """Look for replies until ``stop`` is set (beside a person's board)."""
    del person  # each reply is recorded in the name of the person who sent it
    connectors: dict[str, Connector] = {}
    try:
        while not stop.is_set():
            desk.catch_up()
            if not listening_accounts(desk.situation()):
                stop.wait(LISTEN_SECONDS)
                continue
            read_replies(desk, environ, folder, connectors)
            stop.wait(0.05)
    finally:
        for connector in connectors.values():
            connector.close()


def _replying(
    situation: Situation, account: Account, sender: str, text: str
) -> tuple[str, str] | None:
    """(the person, the code) a reply acknowledges: an open page of the person whose address
    sent it, its code in the text; None for anything else."""
    codes = set(_CODE.findall(_SPACED_DIGITS.sub("", text)))
    address = ADDRESS.get(account.kind)
    for page in situation.state.pages.values():
        if page.state not in ("paged", "escalated") or page.code not in codes:
            continue
        holder = situation.org.person(page.person)
        if holder is not None and address and _same(account.kind, getattr(holder, address), sender):
            return page.person, page.code
    return None


def _same(kind: str, known: str | None, sender: str) -> bool:
    if not known:
        return False
    if kind == "smpp":  # national or international, spaced or not: the last nine digits
        ours, theirs = re.sub(r"\D", "", known), re.sub(r"\D", "", sender)
        return len(ours) >= 9 and ours[-9:] == theirs[-9:]
    return known.strip().lower() == sender.strip().lower()
