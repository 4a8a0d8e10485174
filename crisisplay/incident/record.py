"""The one check-and-append loop: every act of the cell, from the lead's board or a member's
command, is decided on the situation and recorded only if nobody recorded first.

When someone did, what they recorded is folded in and the act is decided again on the present:
a retry never turns into a second act (the update someone else just published is "already
published", not published twice). The loop also holds time to account: an act dated far ahead
of the clock everyone shares (the shared store's server, this machine's kernel) is refused,
naming both times, so one member's wrong clock never drags the record into the future.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crisisplay.clock import Clock
from crisisplay.errors import UsageError
from crisisplay.incident.ops import Decision, Request, decide
from crisisplay.incident.ops.decision import allowed
from crisisplay.incident.paging import open_page
from crisisplay.incident.rules import may_type_for
from crisisplay.incident.situation import Situation
from crisisplay.playbook.load import Playbook
from crisisplay.playbook.model import Organisation
from crisisplay.texts import t
from crisisplay.timeline.events import Event, NewEvent
from crisisplay.timeline.payloads import Payload
from crisisplay.timeline.place import Place
from crisisplay.timeline.recorder import Recorder
from crisisplay.timeline.state import IncidentState
from crisisplay.timeline.vocabulary import PageAcked, PageDeclined, new_event

#: how many times an act is decided again when others keep recording first
TRIES = 20
#: how far ahead of the shared clock an act may be dated
FAR_AHEAD = timedelta(minutes=5)


@dataclass
class Desk:
    """One writer on one incident: its recorder, the state it folded from what it read, the
    playbook and the clock. Every append folds in what the others appended since."""

    store: Recorder
    state: IncidentState
    playbook: Playbook
    clock: Clock
    #: a drill's own roster, when it has one
    organisation: Organisation | None = None
    #: where the timeline is (for what a person reads)
    place: Place | None = None
    #: the last reference time read from the store, and when (one read per act is enough)
    _trusted: tuple[datetime, datetime] | None = field(default=None, repr=False)

    def situation(self, now: datetime | None = None) -> Situation:
        return Situation(self.state, self.playbook, now or self.clock.now(), self.organisation)

    def catch_up(self) -> list[Event]:
        """Fold in what the others recorded since the last look."""
        events = self.store.read_new()
        self.state.apply_all(events)
        return events


@dataclass(frozen=True)
class Outcome:
    """What one act became: its events, or what was already done; what others recorded
    meanwhile (folded in already)."""

    decision: Decision
    events: tuple[Event, ...] = ()
    others: tuple[Event, ...] = ()

    @property
    def recorded(self) -> bool:
        return bool(self.events)

    @property
    def already(self) -> str | None:
        return self.decision.already

    @property
    def refused(self) -> str | None:
        return self.decision.refused


def record(
    desk: Desk,
    person: str,
    request: Request,
    *,
    typist: str | None = None,
    tries: int | None = TRIES,
) -> Outcome:
    """Decide ``request`` for ``person`` (typed by ``typist``, by default the same person) and
    record it; decide again on the present whenever someone recorded first (up to ``tries``
    times; None: until it is done, as the lead's board does: each retry means the others
    moved on)."""
    typist = typist or person
    _check_key(desk)
    others: list[Event] = []
    attempt = 0
    while tries is None or attempt < tries:
        attempt += 1
        situation = desk.situation()
        if typist != person:
            allowed(may_type_for(situation, typist, person))
        decision = decide(situation, person, request)
        if not decision.payloads:
            return Outcome(decision, (), tuple(others))
        check_time(desk, situation)
        payloads = [_typed(p, typist) for p in decision.payloads] if typist != person else None
        news = [
            new_event(p, person, decision.role, situation.now)
            for p in (payloads or decision.payloads)
        ]
        news += _present(situation, person, typist, decision)
        events, recorded = desk.store.commit_if(news, desk.state.last_seq)
        desk.state.apply_all(events)
        if recorded:
            count = len(news)
            return Outcome(decision, tuple(events[-count:]), (*others, *events[:-count]))
        others += events
    raise UsageError(t("member.others_first", desk.situation().lang))


def _check_key(desk: Desk) -> None:
    """A signing key signs only as the roster knows it: its person in the organisation file,
    its public half the one the file gives them (when it gives one). Otherwise every act it
    signed would fail `timeline verify`, forever: refused before anything is recorded."""
    signer = getattr(desk.store, "signer", None)
    if signer is None:
        return
    situation = desk.situation()
    lang = situation.lang
    holder = situation.org.person(signer.person)
    if holder is None:
        raise UsageError(t("key.unknown_person", lang, person=signer.person),
                         hint=t("key.unknown_person_hint", lang))  # fmt: skip
    if holder.key and holder.key.strip() != signer.public:
        raise UsageError(t("key.not_on_roster", lang, name=holder.name, public=signer.public),
                         hint=t("key.not_on_roster_hint", lang))  # fmt: skip


def _present(situation: Situation, person: str, typist: str, decision: Decision) -> list[NewEvent]:
    """A paged person's first act answers their page: recorded with it, as acknowledged."""
    if typist != person or any(isinstance(p, PageAcked | PageDeclined) for p in decision.payloads):
        return []
    page = open_page(situation, person)
    if page is None:
        return []
    return [new_event(PageAcked(page.id, person, "act"), person, page.role, situation.now)]


def _typed(payload: Payload, typist: str) -> Payload:
    """The act marked as typed by ``typist`` for its actor, where its kind says so."""
    names = {f.name for f in dataclasses.fields(payload)}  # type: ignore[arg-type]
    if "typed_by" in names:
        return dataclasses.replace(payload, typed_by=typist)  # type: ignore[type-var]
    return payload


def check_time(desk: Desk, situation: Situation) -> None:
    """Refuse an act dated far ahead of the clock the cell shares, or of the last event when
    there is no such clock, naming both times."""
    now = situation.now
    if desk.state.drill or not getattr(desk.clock, "real", False):
        return  # an exercise clock, or one a test drives: its time is chosen
    reference = trusted_now(desk, now)
    last = desk.state.last_at
    if reference is None:
        return
    ahead = max(reference, last) if last is not None else reference
    if now - ahead > FAR_AHEAD:
        lang = situation.lang
        raise UsageError(
            t(
                "record.clock_ahead",
                lang,
                now=_stamp(now, situation),
                reference=_stamp(reference, situation),
            ),
            hint=t("record.clock_ahead_hint", lang),
        )


def trusted_now(desk: Desk, now: datetime) -> datetime | None:
    """The shared clock's time now, read from the store at most once per command and carried
    forward by this process's own clock."""
    if desk._trusted is None:
        found = desk.store.trusted_now()
        if found is None:
            return None
        desk._trusted = (found, now)
    reference, seen = desk._trusted
    return reference + (now - seen)


def clock_behind(desk: Desk, now: datetime) -> datetime | None:
    """The incident's last event time when ``now`` is before it (a clock behind), else None."""
    last = desk.state.last_at
    return last if last is not None and now < last else None


def _stamp(moment: datetime, situation: Situation) -> str:
    return moment.astimezone(situation.zone).strftime("%Y-%m-%d %H:%M:%S")


def record_all(
    desk: Desk, person: str, requests: Sequence[Request], *, typist: str | None = None
) -> list[Outcome]:
    return [record(desk, person, request, typist=typist) for request in requests]


__all__ = [
    "FAR_AHEAD",
    "Desk",
    "Outcome",
    "check_time",
    "clock_behind",
    "record",
    "record_all",
]
