"""L'écoute en français : signaux ajoutés, niveaux, prochaine étape, charge du centre d'appels."""

TEXTS: dict[str, str] = {
    "signals.added": "{added} ligne(s) ajoutée(s) à {path} ({already} déjà présente(s))",
    "signals.level_now": "{kind} : {level} à {at} ({count} pour {baseline} d'habitude)",
    "signals.level_now_no_base": "{kind} : {level} à {at} ({count}, pas de niveau habituel)",
    "signals.crossed": "{at} {kind} : {previous} -> {level}{why}",
    "signals.propose": "prochaine étape proposée : {command}",
    "signals.recorded": "consigné sur l'incident {incident} ({events} événement(s))",
    "signals.recorded_already": "les signaux {signal} sont déjà consignés sur l'incident",
    "signals.fact_filled": "fait {fact} = {value} (signaux {kind})",
    "signals.nothing": "aucun signal : ajoutez un export avec `crisisplay signals add FICHIER --kind mentions`",
    "signals.reason.ratio": "{detail} fois l'habitude",
    "signals.reason.influencer": "{author} ({audience} abonnés) s'empare du sujet",
    "signals.reason.words": "mots surveillés : {detail}",
    "signals.reason.floor": "sous le seuil de {count} : le ratio ne compte pas",
    "signals.watch.started": "écoute de {source} ; Ctrl-C pour arrêter",
    "signals.watch.mastodon_missing": "la recherche Mastodon demande Mastodon.py (pip install Mastodon.py)",
    "signals.watch.no_token": "pas de jeton d'accès Mastodon : donnez --token-env VARIABLE",
    "signals.staffing.calls": "appels : {calls} par heure ; traitement {handling} s ; patience {patience} s",
    "signals.staffing.needed": "conseillers nécessaires pour répondre à {share} % des appels en {target} s : {agents}",
    "signals.staffing.today": "avec {agents} conseillers aujourd'hui : {answered} % répondus en {target} s, {lost} appelants perdus par heure ({abandoned} %)",
    "signals.staffing.no_calls": "pas de signal d'appels : ajoutez-en un avec `crisisplay signals add FICHIER --kind calls` ou donnez --calls",
}
