"""The organisation file's types: brand, channels, roles, people and roster, relays, tone rules.

Part of the playbook format with ``crisisplay.playbook.model`` (which re-exports them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from crisisplay.playbook.fields import (
    ClockTime,
    FindingLevel,
    Ident,
    Lang,
    MessageKind,
    SigningKey,
    Weekday,
    doc,
)
from crisisplay.playbook.types import Duration, LocalText

# ---------------------------------------------------------------- organisation


@dataclass(frozen=True, eq=False, repr=False)
class Spokesperson:
    """Who speaks for the brand, as a press text names them."""

    name: str = doc("Full name, as quoted.")
    title: LocalText = doc("Their position, per language (e.g. directrice de la communication).")


@dataclass(frozen=True, eq=False, repr=False)
class Brand:
    name: str = doc("The brand as customers know it.")
    signature: LocalText = doc("How public messages are signed, per language.")
    website: str | None = doc("The brand's website.", default=None)
    city: str | None = doc("Where press statements are dated from (Paris).", default=None)
    spokesperson: Spokesperson | None = doc(
        "Who the press statements quote (the communications director, usually).", default=None
    )
    executive: Spokesperson | None = doc(
        "Who signs the executive statement: the head of the company.", default=None
    )
    elided: bool | None = doc(
        "French elides before the name (d'Onde Mobile); unset, guessed from its first letter.",
        default=None,
    )


@dataclass(frozen=True, eq=False, repr=False)
class CareContact:
    """The customer-care line a text gives to whoever must call: it works from a landline."""

    phone: str = doc("The number as dialled in the country, from a landline or any mobile.")
    abroad: str | None = doc("The same line dialled from abroad (+33...).", default=None)
    hours: LocalText | None = doc("When it answers, per language.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class PressContact:
    """The press office, as a press statement and a reply to a journalist give it."""

    phone: str = doc("The press office's phone, answered during a crisis.")
    email: str = doc("The press office's e-mail address.")


@dataclass(frozen=True, eq=False, repr=False)
class DpoContact:
    """The data protection officer: the contact point a breach notice must give (GDPR art. 34)."""

    email: str = doc("The officer's e-mail address.")
    address: LocalText | None = doc("Postal address, per language.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class DutyOfficer:
    """Who the authorities (ARCEP, the ministry, the prefecture, the CNIL, ANSSI) reach during a
    crisis: a named person on a line that always answers; they sign the authority notices."""

    name: str = doc("Full name, as the notices are signed.")
    title: LocalText = doc("Their position, per language.")
    phone: str = doc("The duty line, answered day and night.")
    email: str | None = doc("E-mail address.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class AccessibilityContact:
    """For deaf and hard-of-hearing people: the emergency number and the accessible line."""

    emergency: str = doc("The emergency number for deaf and hard-of-hearing people (114).")
    relay: str = doc("Where the accessible customer care answers (sign language, text).")
    modes: LocalText | None = doc(
        "How it answers, per language (sign language, real-time text, cued speech).",
        default=None,
    )


@dataclass(frozen=True, eq=False, repr=False)
class Contacts:
    """The contacts every text a reader must act on gives: templates read them as
    ``contacts.care.phone``, ``contacts.press.email``..."""

    care: CareContact | None = doc("The customer-care line.", default=None)
    press: PressContact | None = doc("The press office.", default=None)
    dpo: DpoContact | None = doc("The data protection officer.", default=None)
    authorities: DutyOfficer | None = doc(
        "The named duty officer the authorities reach.", default=None
    )
    accessibility: AccessibilityContact | None = doc(
        "The emergency number and the accessible line for deaf and hard-of-hearing people.",
        default=None,
    )


@dataclass(frozen=True, eq=False, repr=False)
class ChannelSettings:
    """A channel in use, with limits that override the built-in catalogue."""

    limit: int | None = doc("Hard limit of the body, in the channel's unit.", default=None)
    warn_after: int | None = doc("Soft limit: a warning past it.", default=None)
    url_length: int | None = doc("Length a URL counts for.", default=None)
    max_parts: int | None = doc("SMS: most parts one message may take.", default=None)
    title_limit: int | None = doc("Push title / email subject hard limit.", default=None)
    title_warn_after: int | None = doc("Push title / email subject soft limit.", default=None)
    words_per_minute: int | None = doc("IVR: speaking rate used to time a message.", default=None)
    max_seconds: int | None = doc("IVR: longest message callers should hear.", default=None)
    handle: str | None = doc("The account or address used on this channel.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class Role:
    id: Ident = doc("Role id used by scenarios (e.g. cell-lead).")
    title: LocalText = doc("Role name per language.")
    duties: LocalText | None = doc("What the role does in a crisis.", default=None)


@dataclass(frozen=True, eq=False, repr=False)
class Window:
    """When a person can be reached: days of the week and a time range (local time)."""

    days: tuple[Weekday, ...] = doc("Days of the week (mon..sun).")
    start: ClockTime = doc("Start time HH:MM.", default="00:00")
    end: ClockTime = doc("End time HH:MM (before start: runs past midnight).", default="24:00")


@dataclass(frozen=True, eq=False, repr=False)
class Person:
    id: Ident = doc("Person id used by the roster.")
    name: str = doc("Full name.")
    phone: str | None = doc("Phone number for call-out.", default=None)
    email: str | None = doc("Email address.", default=None)
    matrix: str | None = doc("Matrix user id (@name:server), for pages in a room.", default=None)
    availability: tuple[Window, ...] = doc(
        "When the person is on duty or on call; empty means never.", default=()
    )
    key: SigningKey | None = doc("Public key of their signed acts (key show).", default=None)
    login: str | None = doc(
        "Their login on the shared store, when it is not their person id.", default=None
    )


RelayKind = Literal["journalist", "relay", "partner", "authority"]


@dataclass(frozen=True, eq=False, repr=False)
class Relay:
    """Someone the cell briefs with a public statement: a journalist, a relay, a partner."""

    name: str = doc("Name of the person or the organisation.")
    kind: RelayKind = doc("journalist, relay (association, local elected), partner or authority.")
    contact: str = doc("How to reach them (phone or email).")
    outlet: str | None = doc("Their newsroom or organisation.", default=None)
    scenarios: tuple[Ident, ...] = doc("Scenarios they are briefed in (all if empty).", default=())
    note: LocalText | None = doc("What they need from us.", default=None)


AccountKind = Literal["smtp", "smpp", "mastodon", "bluesky", "matrix", "webhook", "statuspage"]


@dataclass(frozen=True, eq=False, repr=False)
class Account:
    """A service a publication goes out through, for the channels it serves. Credentials never
    sit here: ``*_env`` names an environment variable, ``*_file`` a file only its owner reads."""

    id: Ident = doc("The account's id, as deliveries name it.")
    kind: AccountKind = doc(
        "smtp, smpp (an SMS centre), mastodon, bluesky, matrix, webhook or statuspage."
    )
    channels: tuple[Ident, ...] = doc("The channels it delivers (ids of the catalogue).")
    url: str | None = doc(
        "Where the service is: smtp://, smtps:// (STARTTLS when the server offers it on "
        "smtp://), smpp://host:port, the https:// base of a Mastodon, Matrix or Bluesky "
        "server, the webhook's address; statuspage: the public address the site is served "
        "at (receipts link to their entry there).",
        default=None,
    )
    from_: str | None = doc(
        "The sender: an e-mail address (with its name), or an SMS sender id.", default=None
    )
    to: tuple[str, ...] = doc("Recipients: e-mail addresses or phone numbers.", default=())
    to_file: str | None = doc(
        "A file of recipients, one a line (blank lines and # comments skipped).", default=None
    )
    rooms: tuple[str, ...] = doc("Matrix: the rooms posted to (!id:server).", default=())
    user: str | None = doc(
        "The login: SMTP user, SMPP system id, Bluesky handle, Matrix user id.", default=None
    )
    password_env: str | None = doc("Environment variable holding the password.", default=None)
    password_file: str | None = doc("Owner-only file holding the password.", default=None)
    token_env: str | None = doc("Environment variable holding the access token.", default=None)
    token_file: str | None = doc("Owner-only file holding the access token.", default=None)
    secret_env: str | None = doc("Environment variable holding the signing secret.", default=None)
    secret_file: str | None = doc("Owner-only file holding the signing secret.", default=None)
    dir: str | None = doc("statuspage: the folder the static site is written to.", default=None)
    drill: bool = doc(
        "A drill may deliver here (a test room, a trainers' list); no other account ever "
        "receives a drill's texts.",
        default=False,
    )
    timeout: float = doc("Seconds one delivery may take before it is given up.", default=10.0)
    page: bool = doc(
        "Pages go out through it (to each person's phone, e-mail or Matrix id).", default=False
    )
    fallback: bool = doc(
        "A second route for the same channels (an SMS centre of another operator, used when "
        "ours is the incident): delivered only when asked for.",
        default=False,
    )


@dataclass(frozen=True, eq=False, repr=False)
class Duty:
    """Who holds a role: the primary, then the backups in order."""

    primary: Ident = doc("Person id of the primary holder.")
    backups: tuple[Ident, ...] = doc("Person ids of the backups, in call order.", default=())
    ack_within: Duration = doc(
        "How long a paged holder has to acknowledge before the next one is paged.",
        default=Duration(minutes=10),
    )


@dataclass(frozen=True, eq=False, repr=False)
class ForbiddenRule:
    """A pattern a message must not contain (denial, minimising, blame, promises, jargon...)."""

    id: Ident = doc("Rule id, shown in findings.")
    patterns: Mapping[Lang, tuple[str, ...]] = doc(
        "Regular expressions per language (case-insensitive)."
    )
    hint: LocalText = doc("How to fix the text.")
    level: FindingLevel = doc("error blocks, warning informs.", default="error")
    kinds: tuple[MessageKind, ...] = doc("Message kinds it applies to (all if empty).", default=())


@dataclass(frozen=True, eq=False, repr=False)
class RequiredRule:
    """An element a message of some kinds must contain (next update time, apology...)."""

    id: Ident = doc("Rule id, shown in findings.")
    kinds: tuple[MessageKind, ...] = doc("Message kinds that must contain it.")
    patterns: Mapping[Lang, tuple[str, ...]] = doc(
        "Regular expressions per language; one match is enough."
    )
    hint: LocalText = doc("What to add.")
    level: FindingLevel = doc("error blocks, warning informs.", default="error")
    channels: tuple[Ident, ...] = doc("Channels it applies to (all if empty).", default=())


@dataclass(frozen=True, eq=False, repr=False)
class ToneRules:
    forbidden: tuple[ForbiddenRule, ...] = doc("What a message must never say.", default=())
    required: tuple[RequiredRule, ...] = doc("What some kinds of message must say.", default=())


# ---------------------------------------------------------------- listening

SignalKind = Literal["mentions", "calls", "cancellations"]
SignalLevel = Literal["veille", "vigilance", "alerte", "crise"]


@dataclass(frozen=True, eq=False, repr=False)
class SignalColumns:
    """The column names of another listening tool's export (CSV header or JSON keys)."""

    time: str = doc(
        "When: ISO 8601, with its offset or in the organisation's zone.", default="time"
    )
    count: str = doc("How many in the interval (an export of counts).", default="count")
    author: str = doc("Who posted (an export of mentions, one a row).", default="author")
    audience: str = doc("Their followers or audience.", default="audience")
    text: str = doc("What they wrote.", default="text")
    sentiment: str = doc("The tool's sentiment, when it gives one.", default="sentiment")


@dataclass(frozen=True, eq=False, repr=False)
class LevelRatios:
    """The ratio to the usual volume at which each level starts."""

    vigilance: float = doc("Vigilance from this ratio.", default=1.5)
    alerte: float = doc("Alerte from this ratio.", default=2.5)
    crise: float = doc("Crise from this ratio (a nationwide outage: 4x the usual).", default=4.0)


def _floors() -> Mapping[str, int]:
    return {"mentions": 200, "calls": 100, "cancellations": 10}


def _usual() -> Mapping[str, float]:
    # About 500 posts an hour on a normal day; 4,000 calls a day, some 300 an hour in the day.
    return {"mentions": 500.0, "calls": 300.0}


def _signal_facts() -> Mapping[str, str]:
    return {
        "mentions": "mentions_per_hour",
        "calls": "calls_per_hour",
        "cancellations": "cancellations_per_hour",
    }


@dataclass(frozen=True, eq=False, repr=False)
class Listening:
    """Listening: mentions, calls and cancellations against their usual level, the levels that
    call the cell, and the call centre's staffing."""

    names: tuple[str, ...] = doc(
        "The names `signals watch` searches for (default: the brand's name).", default=()
    )
    levels: LevelRatios = doc(
        "Ratios to the usual at which each level starts.", default=LevelRatios()
    )
    floors: Mapping[SignalKind, int] = doc(
        "Fewest per hour for a ratio to count (3 mentions at night are not a crisis).",
        default_factory=_floors,
    )
    usual: Mapping[SignalKind, float] = doc(
        "The usual volume per hour in the day, used until the signal has past weeks of its own "
        "(at night the floors keep a small count from counting).",
        default_factory=_usual,
    )
    weeks: int = doc("Past weeks the baseline reads (same hour, same weekday).", default=4)
    influencer_audience: int = doc(
        "An author with at least this audience taking up the subject raises the level.",
        default=100_000,
    )
    influencer_level: SignalLevel = doc("The level an influencer brings.", default="alerte")
    words: tuple[str, ...] = doc(
        "Words that raise the level when mentions use them (whole words, any case).",
        default=("boycott", "scandale", "112"),
    )
    words_level: SignalLevel = doc("The level those words bring.", default="vigilance")
    columns: Mapping[SignalKind, SignalColumns] = doc(
        "Other tools' column names, per kind of signal.", default_factory=dict
    )
    facts: Mapping[SignalKind, str] = doc(
        "The fact each kind fills during an incident (when the scenario has it).",
        default_factory=_signal_facts,
    )
    scenario: Ident | None = doc(
        "The scenario a crossing into alerte proposes to activate.", default=None
    )
    handling_seconds: float = doc("The usual handling time of a call, in seconds.", default=360.0)
    patience_seconds: float = doc(
        "How long callers wait on average before hanging up, in seconds.", default=180.0
    )
    answer_seconds: float = doc("The target: answered within this many seconds.", default=20.0)
    answer_share: float = doc("The share of calls answered within the target.", default=0.8)
    agents: int | None = doc(
        "Today's agents on the phones (the care liaison updates it).", default=None
    )


@dataclass(frozen=True, eq=False, repr=False)
class Organisation:
    """Organisation-wide settings: one edit changes every scenario."""

    brand: Brand = doc("The brand.")
    languages: tuple[Lang, ...] = doc("Languages of every text; the first is the default.")
    roles: tuple[Role, ...] = doc("The crisis cell's role catalogue.")
    people: tuple[Person, ...] = doc("The people of the cell and their availability.")
    roster: Mapping[Ident, Duty] = doc("For each role, who holds it and who backs them up.")
    channels: Mapping[Ident, ChannelSettings] = doc(
        "The channels in use (ids of the catalogue) and their limit overrides."
    )
    exercise_marker: LocalText = doc("First line of every message rendered during a drill.")
    timezone: str = doc("IANA time zone of the roster windows.", default="Europe/Paris")
    lead_role: Ident = doc("Role that activates, arbitrates and overrides.", default="cell-lead")
    links: Mapping[Ident, str] = doc(
        "Named links usable in templates (status-page, help, app...).", default_factory=dict
    )
    first_message_target: Duration = doc(
        "Target delay from activation to the first public message.",
        default=Duration(minutes=30),
    )
    update_interval: Duration = doc(
        "Default delay to the next promised update.", default=Duration(minutes=60)
    )
    tone: ToneRules = doc("Tone rules checked on every message.", default=ToneRules())
    relays: tuple[Relay, ...] = doc(
        "Journalists, relays and partners the cell briefs (the relay-brief message lists them).",
        default=(),
    )
    contacts: Contacts = doc(
        "The numbers and addresses texts give: customer care, press office, data protection "
        "officer, the duty officer for the authorities, the accessible line.",
        default=Contacts(),
    )
    accounts: tuple[Account, ...] = doc(
        "The services publications are delivered through (none: publishing records, and the "
        "texts are posted by hand).",
        default=(),
    )
    store: str | None = doc(
        "The cell's shared store, a postgresql:// URL without a password (libpq's ~/.pgpass "
        "holds it); unset, each laptop keeps its incidents in files.",
        default=None,
    )
    listening: Listening = doc(
        "Listening: usual volumes, levels, words and the call centre's staffing.",
        default_factory=Listening,
    )

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)
