"""Deliveries: what went where, retries, receipts."""

TEXTS: dict[str, str] = {
    "delivery.state.requested": "in progress",
    "delivery.state.sent": "sent",
    "delivery.state.failed": "failed",
    "delivery.state.unknown": "unknown",
    "delivery.state.abandoned": "abandoned",
    "delivery.no_publication": "no publication #{seq} in this incident",
    "delivery.already": "already handed to the accounts (publication #{seq})",
    "delivery.no_account": "no account serves {channels}: nothing to deliver (post by hand)",
    "delivery.no_account_drill": "drill: no account marked 'drill: true' serves {channels}, nothing is delivered",
    "delivery.unknown_id": "no delivery '{delivery}' in this incident{hint}",
    "delivery.outcome_already": "delivery {delivery} is already '{state}'",
    "delivery.not_retryable": "delivery {delivery} is '{state}': only a failed delivery is retried",
    "delivery.unknown_unsafe": "delivery {delivery} has an unknown outcome and {kind} has no idempotency key: check with the recipient, then retry it by name, or abandon it",
    "delivery.not_abandonable": "delivery {delivery} is already '{state}'",
    "delivery.line": "{mark} {channel} via {account}: {state}{detail}",
    "delivery.board_failed": "delivery {state}: {channel} via {account}{reason}",
    "delivery.none_failed": "no failed delivery to retry",
    "delivery.waiting": "delivering on {count} channel(s)…",
    "delivery.retry_hint": "retry: crisisplay deliver --retry {delivery}",
}
