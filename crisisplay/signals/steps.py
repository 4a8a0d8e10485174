"""What a level proposes, and a reading's reasons in words. A proposal is a command for a person
to run: listening never activates, pages or publishes anything itself."""

from __future__ import annotations

from crisisplay.signals.levels import Reading, level_rank
from crisisplay.texts import number, t


def next_step(level: str, *, incident_open: bool, scenario: str | None) -> str | None:
    """The command a rise to ``level`` proposes: activating the plan when no incident is open;
    during one, paging the cell at alerte and re-assessing the severity on the lead's board at
    crise (the facts the signals filled suggest it)."""
    if level_rank(level) < level_rank("alerte"):
        return None
    if not incident_open:
        return f"crisisplay activate {scenario or 'SCENARIO'}"
    return "crisisplay page" if level == "alerte" else "crisisplay resume"


def reason_text(reading: Reading, lang: str) -> str:
    """Why a reading has its level, in ``lang`` ("" at veille without a trigger)."""
    parts = []
    for trigger, detail in reading.reasons:
        if trigger == "influencer":
            author, _, audience = detail.rpartition(" (")
            audience = number(int(audience.rstrip(")")), lang)
            parts.append(t("signals.reason.influencer", lang, author=author, audience=audience))
        else:
            parts.append(t(f"signals.reason.{trigger}", lang, detail=detail))
    if reading.below_floor and reading.ratio is not None and reading.ratio >= 1.5:
        parts.append(t("signals.reason.floor", lang, count=reading.count))
    return "; ".join(parts)
