"""When the first alert came and from whom: recorded at activation, else from the facts.

The lead often gives the start of the outage and who raised the alert as facts
(``started_at: "07:40"``, ``detected_by: noc``) rather than as the activation's alert time. A
clock time is read in the organisation's zone, as the latest such moment at or before the
activation (an outage that began at 23:50 and was raised after midnight stays the day before).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from crisisplay.report.plan import Plan
from crisisplay.timeline.state import IncidentState

#: the facts that say when the trouble started, first found wins
ALERT_TIME_FACTS = ("alert_at", "started_at", "detected_at")
#: the facts that say who raised the alert
ALERT_SOURCE_FACTS = ("detected_by", "alert_source", "raised_by")
_CLOCK = re.compile(r"(\d{1,2})[:h](\d{2})?\Z")


def first_alert(state: IncidentState, plan: Plan | None) -> tuple[datetime | None, str | None]:
    """The first alert's time (UTC) and its source's label, as far as the timeline says."""
    at = state.alert_at
    zone = ZoneInfo(plan.zone if plan else "UTC")
    if at is None and state.activated_at is not None:
        values = state.fact_values()
        for fact in ALERT_TIME_FACTS:
            at = _moment(values.get(fact), state.activated_at, zone)
            if at is not None:
                break
    return at, _source(state, plan)


def _moment(value: object, activated_at: datetime, zone: ZoneInfo) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    clock = _CLOCK.match(text)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
        if hour > 23 or minute > 59:
            return None
        local = activated_at.astimezone(zone)
        moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if moment > local:
            moment = (moment - timedelta(days=1)).replace(tzinfo=zone)
        return moment.astimezone(activated_at.tzinfo)
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _source(state: IncidentState, plan: Plan | None) -> str | None:
    values = state.fact_values()
    for fact in ALERT_SOURCE_FACTS:
        value = values.get(fact)
        if isinstance(value, str) and value:
            return plan.choices.get((fact, value), value) if plan else value
    return None
