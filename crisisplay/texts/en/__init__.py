"""Every English text of the interface, by key: the parts are joined here."""

from crisisplay.texts.en import (
    deliveries,
    drills,
    findings,
    journal,
    mail,
    members,
    record,
    report,
    screens,
    seams,
    signals,
    statuspage,
    walk,
)

TEXTS: dict[str, str] = {
    **walk.TEXTS,
    **report.TEXTS,
    **screens.TEXTS,
    **findings.TEXTS,
    **members.TEXTS,
    **record.TEXTS,
    **drills.TEXTS,
    **seams.TEXTS,
    **deliveries.TEXTS,
    **mail.TEXTS,
    **statuspage.TEXTS,
    **signals.TEXTS,
    **journal.TEXTS,
}
