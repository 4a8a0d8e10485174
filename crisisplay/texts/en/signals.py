"""Listening in English: signals added, levels, the next step, the call centre's load."""

TEXTS: dict[str, str] = {
    "signals.added": "{added} row(s) added to {path} ({already} already there)",
    "signals.level_now": "{kind}: {level} at {at} ({count} against {baseline} usually)",
    "signals.level_now_no_base": "{kind}: {level} at {at} ({count}, no usual level)",
    "signals.crossed": "{at} {kind}: {previous} -> {level}{why}",
    "signals.propose": "next step proposed: {command}",
    "signals.recorded": "recorded on incident {incident} ({events} event(s))",
    "signals.recorded_already": "the {signal} signals are already recorded on the incident",
    "signals.fact_filled": "fact {fact} = {value} ({kind} signals)",
    "signals.nothing": "no signal: add an export with `crisisplay signals add FILE --kind mentions`",
    "signals.reason.ratio": "{detail} times the usual",
    "signals.reason.influencer": "{author} ({audience} followers) takes up the subject",
    "signals.reason.words": "watched words: {detail}",
    "signals.reason.floor": "under the floor at {count}: the ratio does not count",
    "signals.watch.started": "listening to {source}; Ctrl-C to stop",
    "signals.watch.mastodon_missing": "the Mastodon search needs Mastodon.py (pip install Mastodon.py)",
    "signals.watch.no_token": "no Mastodon access token: give --token-env VARIABLE",
    "signals.staffing.calls": "calls: {calls} an hour; handling {handling} s; patience {patience} s",
    "signals.staffing.needed": "agents needed to answer {share}% of calls within {target} s: {agents}",
    "signals.staffing.today": "with {agents} agents today: {answered}% answered within {target} s, {lost} callers lost an hour ({abandoned}%)",
    "signals.staffing.no_calls": "no calls signal: add one with `crisisplay signals add FILE --kind calls` or give --calls",
}
