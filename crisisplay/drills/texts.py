"""The drills' own words, in French and English (the drill files bring the exercise's words)."""

from __future__ import annotations

from typing import Any

from crisisplay.texts import lookup

_TEXTS: dict[str, dict[str, str]] = {
    "kind.situation": {"fr": "Situation de départ", "en": "Starting situation"},
    "kind.noc-alert": {"fr": "Alerte de la supervision (NOC)", "en": "Network operations alert"},
    "kind.social-spike": {"fr": "Emballement sur les réseaux", "en": "Social media spike"},
    "kind.journalist-call": {"fr": "Appel d'un journaliste", "en": "A journalist calls"},
    "kind.eta-slip": {"fr": "Le rétablissement recule", "en": "The restoration time slips"},
    "kind.rumour": {"fr": "Rumeur", "en": "Rumour"},
    "kind.executive-request": {"fr": "Demande de la direction", "en": "Executive request"},
    "kind.staff-absent": {"fr": "Absence dans l'équipe", "en": "Staff absent"},
    "kind.customer-complaint": {"fr": "Plainte de client", "en": "Customer complaint"},
    "kind.authority-request": {"fr": "Demande d'une autorité", "en": "Authority request"},
    "kind.fact-change": {"fr": "Information nouvelle", "en": "New information"},
    "inject.title": {"fr": "T+{offset} · {kind}", "en": "T+{offset} · {kind}"},
    "inject.fact": {
        "fr": "Fait mis à jour : {fact} = {value}",
        "en": "Fact updated: {fact} = {value}",
    },
    "inject.known": {"fr": "Fait connu : {fact} = {value}", "en": "Known: {fact} = {value}"},
    "inject.target": {"fr": "Destinataire : {role}", "en": "For: {role}"},
    "step.ask": {
        "fr": "Formateur : déclencher maintenant l'inject suivant ({title}) ?",
        "en": "Trainer: fire the next inject now ({title})?",
    },
    "note.no_publication": {"fr": "jamais publié", "en": "never published"},
    "note.not_fired": {
        "fr": "l'inject {inject} n'a pas eu lieu",
        "en": "inject {inject} never fired",
    },
    "note.late": {"fr": "en retard de {late}", "en": "{late} late"},
    "note.on_time": {"fr": "dans les temps", "en": "on time"},
    "note.no_gap": {"fr": "rôle tenu dès le départ", "en": "role held from the start"},
    "note.gap_open": {"fr": "rôle jamais couvert", "en": "role never covered"},
    "note.not_fired_rule": {"fr": "règle jamais déclenchée", "en": "rule never fired"},
    "note.not_done": {"fr": "escalade jamais traitée", "en": "escalation never handled"},
    "note.declined": {"fr": "escalade refusée : {reason}", "en": "escalation declined: {reason}"},
    "note.no_promise": {"fr": "aucune promesse faite", "en": "no promise made"},
    "note.promises": {
        "fr": "{kept}/{total} promesses tenues",
        "en": "{kept}/{total} promises kept",
    },
    "note.gate_state": {
        "fr": "{gate} était « {status} » à la publication",
        "en": "{gate} was '{status}' at publication",
    },
    "note.failing": {
        "fr": "{message} publié malgré {gates}",
        "en": "{message} published past {gates}",
    },
    "note.all_gates_held": {"fr": "toutes les validations tenues", "en": "every gate held"},
    "replay.title": {"fr": "Rejeu : {title}", "en": "Replay: {title}"},
    "replay.summary": {
        "fr": "L'incident réel {incident} rejoué en exercice : les faits connus au départ sont "
        "donnés, chaque fait qui a changé arrive comme un inject à la minute où il a changé.",
        "en": "The real incident {incident} played again as an exercise: the facts known at the "
        "start are given, and every fact that changed arrives as an inject at the minute it did.",
    },
    "replay.inject": {
        "fr": "Information nouvelle (comme lors de l'incident réel) :",
        "en": "New information (as in the real incident):",
    },
    "replay.first_word": {
        "fr": "Premier message public en moins de {minutes} minutes",
        "en": "First public message within {minutes} minutes",
    },
    "replay.promises": {
        "fr": "Chaque point promis est publié à l'heure",
        "en": "Every promised update published on time",
    },
    "replay.gates": {
        "fr": "Aucun message publié sans ses validations",
        "en": "No message published past a failing gate",
    },
    "replay.escalation": {
        "fr": "Escalade « {rule} » traitée en moins de {within}",
        "en": "Escalation '{rule}' handled within {within}",
    },
}


def dt(key: str, lang: str, **values: Any) -> str:
    """The drill text ``key`` in ``lang``."""
    return lookup(_TEXTS, key, lang, **values)
