"""A message as rendered for one channel: its texts, measurement and findings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crisisplay.findings import Finding

if TYPE_CHECKING:
    from crisisplay.channels.measurement import Measurement

# The DESIGN.md name of the title of each channel that has one.
TITLE_KEYS = {"email": "subject", "push": "title"}


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RenderedChannel:
    """One channel of a message (or a hand-written text under ``check``: no message, no kind).

    ``skipped`` holds the reason when the channel's condition is false (no text then).
    ``findings`` are the channel's (limits, encoding) then the tone linter's.
    """

    channel: str
    lang: str
    message: str | None = None
    kind: str | None = None
    text: str = ""
    title: str | None = None
    html: str | None = None
    measurement: Measurement | None = None
    findings: tuple[Finding, ...] = ()
    skipped: str | None = None
    templates: tuple[str, ...] = ()
    #: rendered from invented sample facts (its first line says so)
    sample: bool = False

    @property
    def ok(self) -> bool:
        """No error finding (warnings allowed); a skipped channel is not a problem."""
        return not any(finding.is_error for finding in self.findings)

    @property
    def sha256(self) -> str:
        return sha256_of(self.text)

    @property
    def title_sha256(self) -> str | None:
        return sha256_of(self.title) if self.title is not None else None

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.is_error)

    def as_json(self) -> dict[str, object]:
        """The stable machine-readable form (DESIGN.md, "Machine-readable outputs")."""
        out: dict[str, object] = {
            "channel": self.channel,
            "lang": self.lang,
            "message": self.message,
            "kind": self.kind,
            "skipped": self.skipped is not None,
            "sample": self.sample,
        }
        if self.skipped is not None:
            out["reason"] = self.skipped
            return out
        out["text"] = self.text
        if self.title is not None:
            out[TITLE_KEYS.get(self.channel, "title")] = self.title
        if self.html is not None:
            out["html"] = self.html
        out.update(self._measured())
        out["ok"] = self.ok
        out["findings"] = [f.as_json() for f in self.findings]
        out["sha256"] = self.sha256
        return out

    def _measured(self) -> dict[str, object]:
        m = self.measurement
        if m is None:
            return {"length": len(self.text), "limit": None}
        out: dict[str, object] = {"length": m.length, "limit": m.limit, "unit": m.unit}
        if m.title_length is not None:
            out["title_length"] = m.title_length
        if m.sms is not None:
            out["encoding"] = m.sms.encoding
            out["parts"] = m.sms.part_count
            out["non_gsm_chars"] = [c.char for c in m.sms.non_gsm_chars]
            out["replacements"] = {
                c.char: c.replacement for c in m.sms.non_gsm_chars if c.replacement is not None
            }
        return out
