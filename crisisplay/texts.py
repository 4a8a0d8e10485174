"""The walkthrough's own words, in French and English (the playbook brings the crisis's words)."""

from __future__ import annotations

from typing import Any

_TEXTS: dict[str, dict[str, str]] = {
    "fact.required": {"fr": "une réponse est nécessaire", "en": "an answer is required"},
    "fact.unknown_refused": {
        "fr": "ce fait doit être connu pour continuer : donnez sa valeur",
        "en": "this fact must be known to go on: give its value",
    },
    "superseded": {
        "fr": "Déjà enregistré par un autre membre de la cellule : la suite en tient compte",
        "en": "Already recorded by another member of the cell: what follows takes it in",
    },
    "clock.behind": {
        "fr": "L'horloge de ce poste retarde sur la chronologie : les événements sont datés de "
        "la dernière heure enregistrée",
        "en": "This machine's clock is behind the timeline: events are dated at the last time "
        "recorded",
    },
    "render.sample_marker": {
        "fr": "EXEMPLE (faits fictifs, ne pas publier)",
        "en": "SAMPLE (invented facts, do not publish)",
    },
    "fact.unknown_hint": {
        "fr": "Pas encore connu ? Répondez « inconnu ».",
        "en": "Not known yet? Answer “unknown”.",
    },
    "severity.title": {"fr": "Gravité proposée : {level}", "en": "Suggested severity: {level}"},
    "severity.changed": {
        "fr": "Les faits ont changé : gravité proposée {level}",
        "en": "The facts have changed: suggested severity {level}",
    },
    "severity.because": {"fr": "Parce que : {because}", "en": "Because: {because}"},
    "severity.no_rule": {
        "fr": "Aucune règle ne s'applique : niveau par défaut.",
        "en": "No rule applies: default level.",
    },
    "severity.ask": {"fr": "Confirmer la gravité ?", "en": "Confirm the severity?"},
    "severity.confirm": {"fr": "Confirmer", "en": "Confirm"},
    "severity.override": {"fr": "Choisir un autre niveau", "en": "Choose another level"},
    "severity.level": {"fr": "Quel niveau ?", "en": "Which level?"},
    "severity.reason": {
        "fr": "Pourquoi ce niveau (consigné dans la timeline) ?",
        "en": "Why this level (recorded in the timeline)?",
    },
    "roster.title": {"fr": "Rôle : {role}", "en": "Role: {role}"},
    "roster.on_duty": {"fr": "{name} est de permanence ({via})", "en": "{name} is on duty ({via})"},
    "roster.gap": {
        "fr": "PERSONNE DE PERMANENCE pour le rôle {role}",
        "en": "NOBODY ON DUTY for the role {role}",
    },
    "roster.ask": {"fr": "Qui tient le rôle {role} ?", "en": "Who holds the role {role}?"},
    "roster.leave_gap": {
        "fr": "Personne pour l'instant (consigner pourquoi)",
        "en": "Nobody for now (record why)",
    },
    "roster.gap_reason": {
        "fr": "Pourquoi la cellule avance-t-elle sans ce rôle ?",
        "en": "Why does the cell go on without this role?",
    },
    "roster.on": {"fr": "de permanence", "en": "on duty"},
    "roster.off": {"fr": "hors permanence", "en": "off duty"},
    "primary": {"fr": "titulaire", "en": "primary"},
    "backup": {"fr": "suppléant", "en": "backup"},
    "step.title": {"fr": "Étape : {title}", "en": "Step: {title}"},
    "step.owner": {"fr": "Responsable : {owner}", "en": "Owner: {owner}"},
    "step.due_in": {
        "fr": "Échéance T+{deadline} (dans {left})",
        "en": "Due T+{deadline} (in {left})",
    },
    "step.overdue": {
        "fr": "EN RETARD : échéance T+{deadline} dépassée de {late}",
        "en": "OVERDUE: due T+{deadline}, {late} late",
    },
    "step.ask": {"fr": "On lance cette étape ?", "en": "Take this step on?"},
    "step.do": {"fr": "Oui, on y va", "en": "Yes, go"},
    "step.skip": {"fr": "Sauter l'étape (motif obligatoire)", "en": "Skip it (reason required)"},
    "step.skip_reason": {"fr": "Motif du saut de l'étape ?", "en": "Why skip this step?"},
    "step.checklist": {"fr": "Points vérifiés :", "en": "Items checked:"},
    "step.auto_skip": {
        "fr": "Étape sans objet : sa condition n'est pas remplie ({when})",
        "en": "Step does not apply: its condition is false ({when})",
    },
    "phase.title": {"fr": "Phase : {title}", "en": "Phase: {title}"},
    "gate.title": {"fr": "Validation : {title}", "en": "Validation: {title}"},
    "gate.validator": {"fr": "Valideur : {who} ({role})", "en": "Validator: {who} ({role})"},
    "gate.confirms": {"fr": "Confirme : {text}", "en": "Confirms: {text}"},
    "gate.ask": {"fr": "Décision du valideur ?", "en": "The validator's decision?"},
    "gate.pass": {"fr": "Validé", "en": "Passed"},
    "gate.refuse": {"fr": "Refusé", "en": "Refused"},
    "gate.override": {
        "fr": "Passer outre (responsable de cellule, motif obligatoire)",
        "en": "Override (cell lead, reason required)",
    },
    "gate.skip_step": {"fr": "Sauter toute l'étape", "en": "Skip the whole step"},
    "gate.comment": {"fr": "Commentaire du valideur", "en": "Validator's comment"},
    "gate.reason": {"fr": "Motif du passage outre ?", "en": "Why override?"},
    "gate.by": {"fr": "Qui valide ?", "en": "Who validates?"},
    "gate.not_lead": {
        "fr": "seul le responsable de cellule ({role}) peut passer outre",
        "en": "only the cell lead ({role}) may override",
    },
    "message.title": {"fr": "Message : {title}", "en": "Message: {title}"},
    "message.next_update": {
        "fr": "Heure du prochain point promis (HH:MM) ?",
        "en": "Time of the next promised update (HH:MM)?",
    },
    "message.ask": {"fr": "Publier ce message ?", "en": "Publish this message?"},
    "message.publish": {"fr": "Publier", "en": "Publish"},
    "message.skip": {
        "fr": "Ne pas publier (motif obligatoire)",
        "en": "Do not publish (reason required)",
    },
    "message.correct": {
        "fr": "Corriger un fait puis régénérer",
        "en": "Correct a fact and render again",
    },
    "message.skip_reason": {"fr": "Pourquoi ne pas publier ?", "en": "Why not publish?"},
    "message.blocked": {
        "fr": "le message a des erreurs bloquantes ({count}) : corrigez un fait ou ne publiez pas",
        "en": "the message has blocking errors ({count}): correct a fact or do not publish",
    },
    "message.fact": {"fr": "Quel fait corriger ?", "en": "Which fact to correct?"},
    "message.published": {"fr": "Publié sur : {channels}", "en": "Published on: {channels}"},
    "escalation.title": {
        "fr": "Escalade : faire venir {role}",
        "en": "Escalation: bring in {role}",
    },
    "escalation.ask": {
        "fr": "Qui faire venir pour le rôle {role} ?",
        "en": "Whom to bring in as {role}?",
    },
    "escalation.decline": {
        "fr": "Ne pas escalader (motif obligatoire)",
        "en": "Do not escalate (reason required)",
    },
    "escalation.reason": {"fr": "Pourquoi ne pas escalader ?", "en": "Why not escalate?"},
    "post.title": {"fr": "Après la crise : {title}", "en": "After the crisis: {title}"},
    "post.ask": {"fr": "Cette action est-elle faite ?", "en": "Is this action done?"},
    "post.done": {"fr": "Faite", "en": "Done"},
    "post.skip": {"fr": "Sans objet (motif obligatoire)", "en": "Not needed (reason required)"},
    "post.reason": {"fr": "Motif ?", "en": "Reason?"},
    "resolved": {"fr": "Incident déclaré résolu.", "en": "Incident declared resolved."},
    "completed": {"fr": "Déroulé terminé.", "en": "Walkthrough complete."},
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "reason.required": {"fr": "un motif est obligatoire", "en": "a reason is required"},
    # the cell's work in parallel: dates, waiting work, the board
    "fact.datetime_hint": {
        "fr": "Jour et heure, heure locale : 2026-12-01 03:17, 01/12 03:17, hier 03:17 ou 03:17.",
        "en": "Day and time, local time: 2026-12-01 03:17, 01/12 03:17, yesterday 03:17 or 03:17.",
    },
    "board.waiting": {
        "fr": "Rien à faire sur ce poste pour l'instant : la cellule attend",
        "en": "Nothing for this terminal to do for now: the cell is waiting on",
    },
    "board.waits_on": {"fr": "{task} attend {what}", "en": "{task} waits on {what}"},
    "board.owed_by": {"fr": "{task} : à faire par {who}", "en": "{task}: to be done by {who}"},
    "board.resume": {
        "fr": "Reprenez quand ils ont agi : {hint}",
        "en": "Carry on when they have acted: {hint}",
    },
    "board.idle": {
        "fr": "Tableau de la cellule : mis à jour dès qu'un membre agit (Entrée : reprendre une "
        "tâche à votre compte, Ctrl-C : pause)",
        "en": "The cell's board: refreshed as soon as a member acts (Enter: take a task over, "
        "Ctrl-C: pause)",
    },
    "board.take_over": {
        "fr": "Quelle tâche reprenez-vous à votre compte ?",
        "en": "Which task do you take over?",
    },
    "board.none": {"fr": "(aucune, continuer d'attendre)", "en": "(none, keep waiting)"},
    "task.not_published": {
        "fr": "non publié : {reason}",
        "en": "not published: {reason}",
    },
    "gate.correct_ask": {
        "fr": "Corriger un fait maintenant ?",
        "en": "Correct a fact now?",
    },
    "gate.correct_none": {"fr": "Non, pas maintenant", "en": "No, not now"},
    "fact.not_known": {"fr": "pas encore connu", "en": "not known yet"},
    "step.done_ask": {"fr": "Est-ce fait ?", "en": "Is it done?"},
    "step.done": {"fr": "Fait", "en": "Done"},
    "step.not_yet": {"fr": "Pas encore (y revenir plus tard)", "en": "Not yet (come back later)"},
    "update.title": {
        "fr": "Point d'étape promis pour {due}",
        "en": "Update promised for {due}",
    },
}


Texts = dict[str, dict[str, str]]


def lookup(table: Texts, key: str, lang: str, **values: Any) -> str:
    """The text ``key`` of ``table`` in ``lang`` (English when the language has none)."""
    entry = table[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template


def t(key: str, lang: str, **values: Any) -> str:
    """The walkthrough's text ``key`` in ``lang``."""
    return lookup(_TEXTS, key, lang, **values)


def minutes_label(minutes: float) -> str:
    """``1 h 05`` / ``12 min``: a countdown a person reads at a glance."""
    total = round(abs(minutes))
    hours, rest = divmod(total, 60)
    return f"{hours} h {rest:02d}" if hours else f"{rest} min"
