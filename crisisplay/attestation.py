"""Whether an incident's record holds up: its chain, who signed each act against the roster of
the home's organisation file, and the heads witnessed outside the file. Used by
`timeline verify` and by the report's first section."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from crisisplay.errors import CrisisplayError
from crisisplay.home import Home
from crisisplay.incident.audit import Auditor, Breach
from crisisplay.messages.check import load_organisation
from crisisplay.playbook.load import Playbook, load_playbook
from crisisplay.playbook.model import Organisation
from crisisplay.timeline.place import Place
from crisisplay.timeline.recording import current
from crisisplay.timeline.signatures import Flaw, RosterKeys
from crisisplay.timeline.verify import Reader, VerifyResult, verify
from crisisplay.timeline.witness import FileWitness, WitnessedHead, WitnessSource

_LISTED = 10  # problems printed one per line; the rest are counted
_ACT_SPAN = re.compile(r"^act #\d+-#\d+: ")


@dataclass(frozen=True)
class RecordCheck:
    result: VerifyResult
    #: why signers were not compared with a roster (None: they were)
    roster_note: str | None = None
    require_signatures: bool = False
    #: why this machine's witness could not be read (the check went on without it)
    witness_note: str | None = None


def roster_keys(org: Organisation) -> dict[str, str | None]:
    """Who may sign, and with which key: the people of the organisation file."""
    return {person.id: person.key for person in org.people}


def expected_logins(home: Home) -> dict[str, str]:
    """Each person's login on a shared store: the one the organisation file gives, else their
    id (empty when the file is unusable: an actor is then expected to log in as themselves)."""

    try:
        people = load_organisation(home).people
    except CrisisplayError:
        return {}
    return {person.id: person.login or person.id for person in people}


def home_roster(home: Home) -> tuple[RosterKeys | None, str | None]:
    """The roster of ``home``'s organisation file, or None and why it could not be read."""

    try:
        return roster_keys(load_organisation(home)), None
    except CrisisplayError as exc:
        first = str(exc).splitlines()[0]
        return (
            None,
            f"signers not checked against a roster: the organisation file is unusable ({first})",
        )


def local_witnesses() -> list[WitnessSource]:
    """The witness this process writes to (set by the command line), if any."""
    witness = current().witness
    return [witness] if isinstance(witness, FileWitness) else []


def check_record(
    home: Home,
    path: Place | Path,
    *,
    expect: Sequence[WitnessedHead] = (),
    require_signatures: bool = False,
    readers: Sequence[Reader] = (),
) -> RecordCheck:
    """The record of ``path`` checked in one walk: its chain, signatures and witnessed heads,
    and its acts against the rule book (a record recorded under it, its scenario in ``home``);
    the ``readers`` are handed each block of good events on the way."""
    roster, note = home_roster(home)
    witnesses = local_witnesses()
    auditor = Auditor(lambda scenario: _playbook(home, scenario))
    result = verify(
        path,
        roster=roster,
        witnesses=witnesses,
        expect=expect,
        require_signatures=require_signatures,
        readers=[auditor.take, *readers],
    )
    unread = next((w.unreadable for w in witnesses if isinstance(w, FileWitness)), None)
    breaches = () if result.broken is not None else auditor.breaches
    return RecordCheck(with_breaches(result, breaches), note, require_signatures, unread)


def _playbook(home: Home, scenario: str) -> Playbook | None:
    try:
        return load_playbook(home, only=scenario)
    except CrisisplayError:
        return None


def with_breaches(result: VerifyResult, breaches: Sequence[Breach]) -> VerifyResult:
    """``result`` with the acts the rule book does not allow."""
    if not breaches:
        return result
    found = (Flaw(b.seq, b.reason) for b in breaches)
    flaws = tuple(sorted((*result.flaws, *found), key=lambda f: f.seq))
    first = flaws[0]
    return dataclasses.replace(
        result, ok=False, first_bad_seq=first.seq, reason=first.reason, flaws=flaws
    )


def describe(check: RecordCheck) -> list[str]:
    """The lines `timeline verify` prints: the verdict first, then signatures and witnesses."""
    result = check.result
    if result.ok:
        lines = [f"ok: {result.events} events, head {result.head}"]
    else:
        groups = _grouped(result.flaws)
        lines = [_broken(seqs, reason) for seqs, reason in groups[:_LISTED]]
        if len(groups) > _LISTED:
            lines.append(f"... and {len(groups) - _LISTED} more problems")
    lines.append(f"head to write down: {result.short_head}")
    lines.append("signatures: " + signature_summary(check))
    if check.roster_note:
        lines.append(check.roster_note)
    lines.append("witness: " + witness_summary(result))
    if check.witness_note:
        lines.append(f"warning: {check.witness_note}")
    return lines


def _grouped(flaws: Sequence[Flaw]) -> list[tuple[list[int], str]]:
    """Flaws with one reason, one after the other (every act of a signer the roster does not
    know, say), as one line: the first seq and the others."""
    groups: list[tuple[list[int], str]] = []
    for flaw in flaws:
        reason = _ACT_SPAN.sub("", flaw.reason)
        if groups and groups[-1][1] == reason:
            groups[-1][0].append(flaw.seq)
        else:
            groups.append(([flaw.seq], flaw.reason))
    return groups


def _broken(seqs: list[int], reason: str) -> str:
    line = f"BROKEN at seq {seqs[0]}: {reason}"
    if len(seqs) > 1:
        line += f" (and the same at {len(seqs) - 1} more: {seq_ranges(seqs[1:])})"
    return line


def signature_summary(check: RecordCheck) -> str:
    signatures = check.result.signatures
    parts = []
    for state, label in (
        ("own", "signed by the person named"),
        ("on-behalf", "recorded on someone's behalf"),
        ("system", "written by crisisplay"),
        ("unsigned", "unsigned"),
        ("bad", "with a signature that does not hold"),
    ):
        ranges = signatures.ranges(state)
        if ranges:
            parts.append(f"{signatures.count(state)} {label} ({_shown(ranges)})")
    if not parts:
        return "no event"
    on_behalf = signatures.on_behalf
    if on_behalf:
        examples = ", ".join(f"#{e.seq} for {e.actor} by {e.by}" for e in on_behalf[:_LISTED])
        parts.append(f"on behalf: {examples}{', ...' if len(on_behalf) > _LISTED else ''}")
    return "; ".join(parts)


def witness_summary(result: VerifyResult) -> str:
    if not result.heads:
        return "none found for this incident (give a head written down with --expect SEQ:HASH)"
    reached = max(head.seq for head in result.heads)
    verdict = "reaches" if result.events >= reached else "does not reach"
    return f"{verdict} the furthest head witnessed, #{reached} ({len(result.heads)} witness(es))"


def seq_ranges(seqs: Sequence[int]) -> str:
    """``#1-#4, #7, #9-#12``: runs of consecutive seqs, the first five of them."""
    runs: list[tuple[int, int]] = []
    for seq in seqs:
        if runs and seq == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], seq)
        else:
            runs.append((seq, seq))
    return _shown(runs)


def _shown(runs: Sequence[tuple[int, int]]) -> str:
    shown = [f"#{a}" if a == b else f"#{a}-#{b}" for a, b in runs[:5]]
    return ", ".join(shown) + (", ..." if len(runs) > 5 else "")
