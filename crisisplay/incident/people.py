"""Who acts: always a person of the roster, never a login nor crisisplay itself."""

from __future__ import annotations

from crisisplay.errors import UsageError
from crisisplay.incident.rules import EXERCISE_CONTROL, SYSTEM_ACTOR
from crisisplay.playbook.model import Organisation
from crisisplay.suggest import closest
from crisisplay.texts import t


def person_of(
    org: Organisation,
    lang: str,
    *,
    named: str | None = None,
    key: str | None = None,
    login: str | None = None,
) -> str:
    """The person acting: ``named`` (``--actor``, ``$CRISISPLAY_ACTOR``), else the holder of
    the signing key, else the person whose roster entry maps ``login`` (their ``login:``, or
    their id). Anything else is refused, saying how to name oneself."""
    for given, how in ((named, "named"), (key, "key")):
        if given is None:
            continue
        if given in (SYSTEM_ACTOR, EXERCISE_CONTROL):
            raise UsageError(t("people.reserved", lang, actor=SYSTEM_ACTOR))
        if org.person(given) is None:
            raise UsageError(
                t(
                    "member.not_in_roster",
                    lang,
                    actor=repr(given),
                    suggestion=_close(org, given, lang),
                ),
                hint=t("people.key_hint" if how == "key" else "member.say_who", lang),
            )
        return given
    if login:
        found = next((p for p in org.people if (p.login or p.id) == login), None)
        if found is not None:
            return found.id
    raise UsageError(
        t("people.unknown_login", lang, login=login or "?"), hint=t("member.say_who", lang)
    )


def _close(org: Organisation, given: str, lang: str) -> str:
    close = closest(given, [p.id for p in org.people])
    return t("member.did_you_mean", lang, word=repr(close)) if close else ""
