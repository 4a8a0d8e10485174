"""Every French text of the interface, by key: the parts are joined here."""

from crisisplay.texts.fr import report, screens, walk

TEXTS: dict[str, str] = {**walk.TEXTS, **report.TEXTS, **screens.TEXTS}
