"""Deliveries: what went where, retries, receipts."""

TEXTS: dict[str, str] = {
    "delivery.state.requested": "en cours",
    "delivery.state.sent": "envoyé",
    "delivery.state.failed": "échec",
    "delivery.state.unknown": "incertain",
    "delivery.state.abandoned": "abandonné",
    "delivery.no_publication": "aucune publication n° {seq} dans cet incident",
    "delivery.already": "déjà remis aux comptes (publication n° {seq})",
    "delivery.no_account": "aucun compte ne sert {channels} : rien à remettre (publication par copier-coller)",
    "delivery.no_account_drill": "exercice : aucun compte marqué « drill: true » ne sert {channels}, rien n'est remis",
    "delivery.unknown_id": "aucune remise « {delivery} » dans cet incident{hint}",
    "delivery.outcome_already": "la remise {delivery} est déjà « {state} »",
    "delivery.not_retryable": "la remise {delivery} est « {state} » : seule une remise en échec se relance",
    "delivery.unknown_unsafe": "la remise {delivery} est incertaine et {kind} n'a pas de clé d'idempotence : vérifiez chez le destinataire, puis relancez-la en la nommant, ou abandonnez-la",
    "delivery.not_abandonable": "la remise {delivery} est déjà « {state} »",
    "delivery.line": "{mark} {channel} via {account} : {state}{detail}",
    "delivery.board_failed": "remise {state} : {channel} via {account}{reason}",
    "delivery.none_failed": "aucune remise en échec à relancer",
    "delivery.waiting": "remise en cours sur {count} canal(aux)…",
    "delivery.retry_hint": "relancer : crisisplay deliver --retry {delivery}",
}
