"""What the members' commands say in French: a gate before its decision, their errors."""

TEXTS: dict[str, str] = {
    "member.gate": "validation {gate}",
    "member.gate_status.pending": "en attente",
    "member.gate_status.passed": "validée",
    "member.gate_status.refused": "refusée",
    "member.gate_status.overridden": "passée outre",
    "member.gate_status.reopened": "rouverte",
    "member.confirms": "confirme : {text}",
    "member.decided_by": "décidée par : {role} - {people}",
    "member.nobody": "personne (rôle non tenu)",
    "member.fact": "fait {fact} = {value}",
    "member.fact_unknown": "pas encore connu",
    "member.others_first": "d'autres ont consigné avant vous : réessayez",
    "member.not_in_roster": "{actor} n'est pas une personne de l'annuaire{suggestion}",
    "member.did_you_mean": " (vouliez-vous dire {word} ?)",
    "member.say_who": "dites qui vous êtes avec --actor PERSONNE ou $CRISISPLAY_ACTOR",
}
