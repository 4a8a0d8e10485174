"""The timeline's event format, version 1: one canonical JSON object per line, hash-chained.

An event's ``hash`` is the SHA-256 of the canonical encoding of the event without ``hash``; its
``prev`` is the ``hash`` of the event before it (64 zeros for the first). A line is the canonical
encoding of the whole event followed by ``\\n``. Nothing here touches a file.

A signed act adds two fields (``crisisplay.timeline.signing``): ``by``, the person whose key
recorded it, on each of its events, and ``sig`` on its last event, the signature of that event's
canonical encoding without ``hash`` and ``sig`` (its ``prev`` covers the act's earlier events and
the whole chain before them). An unsigned event has neither, byte for byte as in crisisplay 0.1.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from json.encoder import encode_basestring as _string  # the C encoder of a JSON string
from typing import Any, Protocol

from crisisplay.errors import Location, TimelineError

VERSION = 1
GENESIS = "0" * 64
MAX_LINE_BYTES = 1024 * 1024

FIELDS = frozenset(
    ("v", "seq", "time", "incident", "kind", "actor", "role", "payload", "prev", "hash")
)
#: the fields of a signed act's events: ``by`` on each, ``sig`` on its last
SIGNED_FIELDS = FIELDS | {"by", "sig"}
ACT_FIELDS = FIELDS | {"by"}
JSONObject = dict[str, Any]

# Years 1970 to 2999 only: any arithmetic on a date at either end of datetime's range overflows.
_TIME = re.compile(r"(?:19[7-9]\d|2\d{3})-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\Z", re.ASCII)
_KIND = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\Z")
#: the forms of an event's time and kind (the shared store's append function checks them too)
TIME_PATTERN = _TIME.pattern
KIND_PATTERN = _KIND.pattern
# In a canonical line the keys are sorted, so "hash" always comes right after "actor" (and "by"
# when signed): strings both. A JSON string cannot contain `,"` unescaped, so the first match of
# this marker is the top-level key.
HASH_MARK = b',"hash":"'
HASH_SEGMENT = len(HASH_MARK) + 64 + 1


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


# Built once: json.loads/dumps with keyword arguments build a new coder on every call.
_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)
_RAW = _DECODER.raw_decode
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


@dataclass(frozen=True, slots=True)
class NewEvent:
    """What a caller asks the store to record; the store adds seq, incident, prev and hash.

    ``time`` comes from a clock the caller owns (system clock, drill clock): the store never
    reads the wall clock.
    """

    kind: str
    actor: str
    role: str | None
    payload: Mapping[str, Any]
    time: datetime


class Signer(Protocol):
    """Who signs the acts a store records: the person holding the key, and the signing."""

    @property
    def person(self) -> str: ...

    @property
    def public(self) -> str:
        """The public half of the key, as a roster entry gives it (``ed25519:...``)."""
        ...

    def sign(self, body: bytes) -> str:
        """The ``sig`` field for ``body``, an event's canonical encoding without hash and sig."""
        ...

    def unlock(self) -> None:
        """Be ready to sign without asking anyone (a passphrase is asked here, if at all):
        called before a store takes its lock, so that nobody waits on a prompt."""
        ...


@dataclass(frozen=True, slots=True)
class Event:
    """One recorded event, exactly as it stands on disk."""

    v: int
    seq: int
    time: str
    incident: str
    kind: str
    actor: str
    role: str | None
    payload: JSONObject
    prev: str
    hash: str
    #: the person whose key recorded it (None: unsigned), and on an act's last event its signature
    by: str | None = None
    sig: str | None = None

    @property
    def at(self) -> datetime:
        return parse_time(self.time)

    def as_json(self) -> JSONObject:
        signed = {} if self.by is None else {"by": self.by}
        if self.sig is not None:
            signed["sig"] = self.sig
        return {
            **signed,
            "v": self.v,
            "seq": self.seq,
            "time": self.time,
            "incident": self.incident,
            "kind": self.kind,
            "actor": self.actor,
            "role": self.role,
            "payload": self.payload,
            "prev": self.prev,
            "hash": self.hash,
        }


# Events are read by the hundred thousand: filling the slots directly costs half of what the
# frozen dataclass's __init__ does (which goes through object.__setattr__ for each field).
_NEW = object.__new__
_SET = {name: Event.__dict__[name].__set__ for name in SIGNED_FIELDS}
_SET_V, _SET_SEQ, _SET_TIME, _SET_INCIDENT, _SET_KIND = (
    _SET[n] for n in ("v", "seq", "time", "incident", "kind")
)
_SET_ACTOR, _SET_ROLE, _SET_PAYLOAD, _SET_PREV, _SET_HASH = (
    _SET[n] for n in ("actor", "role", "payload", "prev", "hash")
)
_SET_BY, _SET_SIG = _SET["by"], _SET["sig"]
_intern = sys.intern


def _event_of(obj: JSONObject) -> Event:
    """``Event(**obj)`` for an ``obj`` whose fields and types are already checked."""
    event: Event = _NEW(Event)
    _SET_V(event, obj["v"])
    _SET_SEQ(event, obj["seq"])
    _SET_TIME(event, obj["time"])
    # the names every event repeats are kept once each (a long incident's state holds them)
    _SET_INCIDENT(event, _intern(obj["incident"]))
    _SET_KIND(event, _intern(obj["kind"]))
    _SET_ACTOR(event, _intern(obj["actor"]))
    role, by = obj["role"], obj.get("by")
    _SET_ROLE(event, role if role is None else _intern(role))
    _SET_PAYLOAD(event, obj["payload"])
    _SET_PREV(event, obj["prev"])
    _SET_HASH(event, obj["hash"])
    _SET_BY(event, by if by is None else _intern(by))
    _SET_SIG(event, obj.get("sig"))
    return event


class BadLine(Exception):
    """A line that is not a valid event on its own. ``unparsable``: not even JSON, which is
    what a write cut short by a crash leaves behind."""

    def __init__(self, reason: str, *, unparsable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unparsable = unparsable


def format_time(moment: datetime) -> str:
    """`2026-11-23T15:13:04.120Z`: UTC, milliseconds (truncated, never rounded up)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("event times must be timezone-aware (got a naive datetime)")
    if moment.tzinfo is not timezone.utc:
        moment = moment.astimezone(timezone.utc)
    if not 1970 <= moment.year <= 2999:
        raise ValueError(f"event times are from 1970 to 2999 (got {moment.year})")
    # isoformat zero-pads years before 1000, which strftime's %Y does not do on glibc.
    return moment.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def parse_time(text: str) -> datetime:
    """The inverse of :func:`format_time`; anything else is refused."""
    if not _TIME.match(text):
        raise ValueError(f"not an event time (YYYY-MM-DDTHH:MM:SS.mmmZ): {text!r}")
    # fromisoformat is the C parser (strptime costs ten times as much); the pattern above has
    # already pinned the exact shape it is given.
    return datetime.fromisoformat(text[:-1] + "+00:00")


def canonical(obj: Mapping[str, Any]) -> bytes:
    """The one encoding that is hashed and written. NaN/Infinity are not JSON: refused."""
    return _ENCODER.encode(obj).encode("utf-8")


def canonical_line(event: Event) -> bytes:
    return canonical(event.as_json()) + b"\n"


def seal(
    new: NewEvent,
    *,
    seq: int,
    prev: str,
    incident: str,
    signer: Signer | None = None,
    closes_act: bool = True,
) -> tuple[Event, bytes]:
    """The event that ``new`` becomes at position ``seq``, and its line (with ``\\n``).

    With a ``signer`` the event names it (``by``), and the act's last event (``closes_act``)
    carries its signature; the writer of an act of several events seals them in order.

    The canonical encoding is assembled from its parts, keys in sorted order, instead of
    encoding a dict twice (with and without the hash): appends are on the path of every act of
    the crisis cell. The tests hold the result byte-equal to :func:`canonical`.
    """
    _check_new(new, incident)
    payload = _encode(new.payload)
    role = "null" if new.role is None else _string(new.role)
    time = format_time(new.time)
    by = None if signer is None else signer.person
    signed_by = "" if by is None else ',"by":' + _string(by)
    head = _utf8('{"actor":' + _string(new.actor) + signed_by)
    middle = _utf8(
        f',"incident":{_string(incident)},"kind":{_string(new.kind)},"payload":{payload},'
        f'"prev":"{prev}","role":{role},"seq":{seq}'
    )
    end = f',"time":"{time}","v":{VERSION}}}'.encode("ascii")
    sig = None
    if signer is not None and closes_act:
        sig = signer.sign(head + middle + end)
        middle += b',"sig":' + _utf8(_string(sig))
    digest = hashlib.sha256(head + middle + end).hexdigest()
    line = b"".join((head, HASH_MARK, digest.encode("ascii"), b'"', middle, end, b"\n"))
    # The payload is copied through JSON: the event holds exactly what a reader will get back
    # (tuples become lists) and no reference to the caller's mutable dict.
    copy = json.loads(payload)
    event = Event(
        VERSION, seq, time, incident, new.kind, new.actor, new.role, copy, prev, digest, by, sig
    )
    return event, line


def _encode(value: object) -> str:
    try:
        return _ENCODER.encode(value)
    except (TypeError, ValueError) as exc:
        raise TimelineError(f"cannot record event: not plain JSON data ({exc})") from exc


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: not Unicode text
        raise TimelineError(f"cannot record event: not plain JSON data ({exc})") from exc


def _check_new(new: NewEvent, incident: str) -> None:
    if not isinstance(new.kind, str) or not _KIND.match(new.kind):
        raise TimelineError(f"cannot record event: kind {new.kind!r} is not dotted (note.added)")
    if not isinstance(new.actor, str) or not new.actor.strip():
        raise TimelineError("cannot record event: the actor is empty")
    if new.role is not None and not isinstance(new.role, str):
        raise TimelineError(f"cannot record event: role {new.role!r} is not text")
    if not isinstance(new.payload, dict):  # what JSON encodes as an object
        raise TimelineError("cannot record event: the payload is not a JSON object")
    if not isinstance(new.time, datetime) or new.time.utcoffset() is None:
        raise TimelineError("cannot record event: its time is not a timezone-aware datetime")
    if not isinstance(incident, str) or not incident:
        raise TimelineError(f"cannot record event: incident {incident!r} is not a non-empty text")


def event_from_line(line: bytes, *, lineno: int, source: str = "<timeline>") -> Event:
    """The event on one line (without its ``\\n``), its own hash checked; errors name the line."""
    try:
        return parse_line(line)
    except BadLine as exc:
        raise TimelineError(exc.reason, location=Location(source, lineno)) from None


def parse_line(line: bytes, *, hashed: bool = True) -> Event:
    """The event on one line, checked on its own (shape, types, version, hash); or BadLine.

    ``hashed=False`` leaves the hash to whoever already checked it (the shared store's append
    function hashes every line it takes)."""
    if len(line) > MAX_LINE_BYTES:
        raise BadLine(f"line longer than {MAX_LINE_BYTES} bytes", unparsable=True)
    try:
        text = line.decode("utf-8")
        obj = _canonical_json(text)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise BadLine(f"not a JSON line ({exc})", unparsable=True) from None
    except RecursionError:  # lists in lists, past what Python's reader follows
        raise BadLine("not a JSON line (nested too deeply)", unparsable=True) from None
    event = _event_from_obj(obj)
    if hashed:
        _check_hash(line, event.hash)
    return event


def _canonical_json(text: str) -> object:
    """The JSON value of ``text``. A canonical line has no surrounding whitespace, so the C
    scanner is called directly; anything else goes through the full decoder, which raises the
    same errors as ever."""
    try:
        obj, end = _RAW(text)
    except ValueError:
        end = -1
    return obj if end == len(text) else _DECODER.decode(text)


def _event_from_obj(obj: object) -> Event:
    if not isinstance(obj, dict):
        raise BadLine("not a JSON object")
    keys = obj.keys()
    if keys not in (FIELDS, SIGNED_FIELDS, ACT_FIELDS):
        missing = sorted(FIELDS - keys)
        extra = sorted(keys - SIGNED_FIELDS) or sorted(keys & {"sig"})
        raise BadLine(f"wrong fields (missing: {missing or 'none'}, unknown: {extra or 'none'})")
    if "by" in obj:
        _check_signed(obj)
    if type(obj["v"]) is not int or obj["v"] != VERSION:
        raise BadLine(f"unknown event format version {obj['v']!r} (this crisisplay knows 1)")
    _check_types(obj)
    return _event_of(obj)


def _check_types(obj: JSONObject) -> None:
    # One flat test for the usual, valid line (this runs for every event of every read); the
    # slow path below only runs to say what is wrong.
    seq, time, prev, stored = obj["seq"], obj["time"], obj["prev"], obj["hash"]
    incident, kind, actor, role = obj["incident"], obj["kind"], obj["actor"], obj["role"]
    if (
        type(seq) is int
        and seq >= 1
        and type(incident) is str
        and incident
        and type(kind) is str
        and kind
        and type(actor) is str
        and actor
        and (role is None or type(role) is str)
        and type(obj["payload"]) is dict
        and type(time) is str
        and _TIME.match(time)
        and type(prev) is str
        and len(prev) == 64
        and prev.isascii()
        and type(stored) is str
        and len(stored) == 64
        and stored.isascii()
    ):
        return
    _explain_types(obj)


def _check_signed(obj: JSONObject) -> None:
    by, sig = obj["by"], obj.get("sig", "")
    if type(by) is not str or not by or type(sig) is not str or ("sig" in obj and not sig):
        raise BadLine("by or sig is not a non-empty string")


def _explain_types(obj: JSONObject) -> None:
    seq = obj["seq"]
    if type(seq) is not int or seq < 1:
        raise BadLine(f"seq {seq!r} is not a positive integer")
    for name in ("incident", "kind", "actor"):
        if not isinstance(obj[name], str) or not obj[name]:
            raise BadLine(f"{name} is not a non-empty string")
    if obj["role"] is not None and not isinstance(obj["role"], str):
        raise BadLine("role is neither a string nor null")
    if not isinstance(obj["payload"], dict):
        raise BadLine("payload is not a JSON object")
    if not isinstance(obj["time"], str) or not _TIME.match(obj["time"]):
        raise BadLine(f"time {obj['time']!r} is not YYYY-MM-DDTHH:MM:SS.mmmZ from 1970 to 2999")
    # Only the shape of the two hashes is checked here: ``hash`` is compared with a SHA-256 hex
    # digest right after (_check_hash), and ``prev`` with the previous event's ``hash`` (or the
    # 64 zeros before the first) by every reader of the chain.
    prev = obj["prev"]
    shaped = isinstance(prev, str) and len(prev) == 64 and prev.isascii()
    raise BadLine(f"{'hash' if shaped else 'prev'} is not 64 lowercase hex digits")


def _check_hash(line: bytes, stored: str) -> None:
    """Hash the stored bytes minus the hash field, without re-encoding.

    Sound because the writer only ever writes canonical lines: bytes that hash to the stored
    value are (short of a SHA-256 collision) exactly the canonical bytes that were hashed, and
    any change to them, or to the stored hash, breaks the equality.
    """
    cut = line.find(HASH_MARK)
    end = cut + HASH_SEGMENT
    if cut < 0 or line[cut + len(HASH_MARK) : end - 1] != stored.encode("ascii"):
        raise BadLine("the hash field is not where a canonical line has it")
    digest = hashlib.sha256(line[:cut])
    digest.update(line[end:])
    if digest.hexdigest() != stored:
        raise BadLine("hash does not match the event's content (edited or corrupted)")
