"""What the members' commands say in English: a gate before its decision, their errors."""

TEXTS: dict[str, str] = {
    "member.gate": "gate {gate}",
    "member.gate_status.pending": "pending",
    "member.gate_status.passed": "passed",
    "member.gate_status.refused": "refused",
    "member.gate_status.overridden": "overridden",
    "member.gate_status.reopened": "reopened",
    "member.confirms": "confirms: {text}",
    "member.decided_by": "decided by: {role} - {people}",
    "member.nobody": "nobody (a gap)",
    "member.fact": "fact {fact} = {value}",
    "member.fact_unknown": "not known yet",
    "member.others_first": "others kept recording first: try again",
    "member.not_in_roster": "{actor} is not a person of the roster{suggestion}",
    "member.did_you_mean": " (did you mean {word}?)",
    "member.say_who": "say who you are with --actor PERSON or $CRISISPLAY_ACTOR",
}
