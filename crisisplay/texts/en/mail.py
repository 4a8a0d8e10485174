"""The English words of the e-mails crisisplay sends (in the parcel's language)."""

TEXTS: dict[str, str] = {
    "mail.correction_subject": "Correction: {subject}",
}
