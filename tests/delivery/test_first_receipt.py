"""The report's first public word counts from the moment customers could read it: the first
delivery receipt of a publication handed to accounts, its recording otherwise."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crisisplay.report import timing
from crisisplay.timeline.state import DeliveryState, IncidentState, Publication

START = datetime(2026, 11, 23, 7, 0, tzinfo=timezone.utc)


def _publication(seq: int, minutes: int, channels: tuple[str, ...]) -> Publication:
    at = START + timedelta(minutes=minutes)
    return Publication(seq, at, "holding", "holding", channels, True, "ines-haddad", ())


def _delivery(pub: int, channel: str, state: str, minutes: float) -> DeliveryState:
    at = START + timedelta(minutes=minutes)
    return DeliveryState(f"{pub}-{channel}-a", "holding", pub, channel, "a", "webhook", "fr",
                         START, "ines-haddad", state=state, at=at)  # fmt: skip


def test_the_first_word_is_the_first_receipt_not_the_click() -> None:
    state = IncidentState()
    first = _publication(10, 20, ("x", "sms"))
    state.publications.append(first)
    for d in (_delivery(10, "x", "failed", 21), _delivery(10, "sms", "sent", 26)):
        state.deliveries[d.id] = d
    word = timing.first_word(state.publications, START, 30, None, timing.readable(state))
    assert word.at == START + timedelta(minutes=26) and word.after_min == 26
    on_x = timing.first_word(state.publications, START, 30, "x", timing.readable(state))
    assert on_x.at is None  # never read on X: its only delivery failed


def test_a_publication_no_account_delivered_counts_from_its_recording() -> None:
    state = IncidentState()
    state.publications.append(_publication(10, 20, ("x",)))
    word = timing.first_word(state.publications, START, 30, None, timing.readable(state))
    assert word.at == START + timedelta(minutes=20)


def test_a_later_publication_read_first_is_the_first_word() -> None:
    state = IncidentState()
    state.publications += [_publication(10, 20, ("x",)), _publication(12, 22, ("sms",))]
    for d in (_delivery(10, "x", "sent", 29), _delivery(12, "sms", "sent", 23)):
        state.deliveries[d.id] = d
    word = timing.first_word(state.publications, START, 30, None, timing.readable(state))
    assert word.at == START + timedelta(minutes=23)
