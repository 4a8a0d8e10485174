"""Is a match in the scope of a negation? "Nous ne pouvons pas garantir", "sans pouvoir promettre",
"we cannot guarantee" and "not yet able to promise" are no guarantee; "le retour à 14h n'est
pas confirmé" is no promise of 14h; "ce n'est pas de votre faute" blames nobody.

A negation a pattern reads itself decides the match's polarity: "il n'y a aucune panne" is a
denial whose "ne" pairs with the "aucune" of the match, "plus jamais" is a promise. So only a
negation outside the match counts:

- before it, in its clause (a comma, the end of a sentence or "mais", "et", "but"... close a
  clause): right before it (at most two words between: "ne pouvons pas encore vous garantir",
  "aucune garantie"), or further when a word between says what can be known, said or promised
  ("nous ne savons pas si le réseau reviendra dans l'heure", "we do not know when...");
- right after it (three words at most, before any "si", "que", "if"...), negating the verb the
  match is the subject of, when that verb says what the match is or can be ("le retour à 14h
  n'est pas confirmé", "a fix by 2pm is not certain", "vos réglages ne sont pas en cause"):
  "votre vieux mobile ne supporte pas la 4G" still blames the phone.

A French "ne" is a negation with "pas", "plus", "jamais", "rien"... (or alone, as in "nous ne
pouvons garantir"), not when "que" follows it alone: "nous ne pouvons garantir que le retour
des appels" guarantees something. "Sans doute", "no later than", "not only" negate nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from crisisplay.tone.words import Token

# Words that negate what follows them, in either language.
NEGATORS = frozenset(
    {"ne", "pas", "jamais", "rien", "sans", "aucun", "aucune", "nul", "nulle", "guere",
     "impossible", "not", "never", "no", "cannot", "without", "unable", "nor", "neither",
     "nothing", "nobody", "none"}
)  # fmt: skip
# What pairs with "ne" to negate; "que" alone makes "ne ... que" mean "only".
_PARTICLES = frozenset(
    {"pas", "plus", "jamais", "rien", "guere", "point", "nullement", "aucunement", "aucun",
     "aucune", "personne", "nul", "nulle"}
)  # fmt: skip
# A negator followed by one of these negates nothing: "sans doute", "no later than".
_NOT_NEGATING = {
    "sans": frozenset({"doute", "faute", "cesse", "delai", "tarder", "attendre", "exception"}),
    "no": frozenset({"later", "sooner", "earlier", "more", "less", "longer", "doubt"}),
    "not": frozenset({"only", "later", "just"}),
    "pas": frozenset({"seulement", "que", "plus", "a"}),
    "ne": frozenset({"importe"}),
    "without": frozenset({"delay", "fail", "doubt"}),
    "nothing": frozenset({"but"}),
}
# Where a clause ends, looking back from a match.
_CLAUSE_ENDS = frozenset(
    {"mais", "et", "ou", "car", "puis", "donc", "alors", "cependant", "pourtant", "sinon",
     "but", "and", "or", "because", "then", "so", "however", "otherwise"}
)  # fmt: skip
# ... and looking ahead: a subordinate clause starts, with its own verb.
_CLAUSE_STARTS = _CLAUSE_ENDS | frozenset(
    {"si", "que", "qui", "quand", "lorsque", "parce", "puisque", "if", "that", "which", "who",
     "when", "unless", "since", "until", "while"}
)  # fmt: skip
# What can be known, said, foreseen or promised: a negation of these reaches the whole clause
# they govern ("nous ne savons pas si...", "we are not yet able to say when...").
_SAYING = frozenset(
    {"savoir", "dire", "annoncer", "confirmer", "promettre", "garantir", "assurer", "engager",
     "affirmer", "certifier", "connaitre", "mesure", "certain", "prevoir", "predire", "avancer",
     "estimer", "know", "say", "tell", "confirm", "promise", "guarantee", "assure", "commit",
     "able", "sure", "predict", "expect", "estimate"}
)  # fmt: skip
_SURE = frozenset({"sûr", "sûre", "sûrs", "sûres"})  # "sur" folded is also "on"
# Words that may stand between a negator and what it negates: pronouns, modals, "encore"...
_LIGHT = frozenset(
    {"encore", "vous", "nous", "te", "me", "lui", "leur", "y", "en", "le", "la", "les", "de",
     "un", "une", "des", "du", "toujours", "deja", "forcement", "vraiment", "absolument",
     "malheureusement", "etre", "pouvoir", "vouloir", "devoir", "aller", "pour", "a", "ce",
     "moment", "instant", "stade", "heure", "actuel", "actuelle", "yet", "still", "be",
     "been", "to", "an", "the", "any", "you", "us", "always", "really", "actually",
     "necessarily", "unfortunately", "can", "could", "will", "would", "should", "may", "might",
     "must", "for", "now", "at", "this", "stage", "point", "time"}
)  # fmt: skip
# Verbs whose negation after a match says the match is not so: "n'est pas", "is not".
_BEING = frozenset(
    {"etre", "pouvoir", "sembler", "paraitre", "poser", "causer", "venir", "devoir", "be",
     "can", "could", "will", "would", "may", "might", "seem", "appear", "cause"}
)  # fmt: skip
_CLITICS = frozenset(
    {"se", "y", "en", "le", "la", "les", "me", "te", "vous", "nous", "lui", "leur"}
)
_NEAR = 4  # light words between a negator and the match, at most
_AHEAD = 3  # words after the match where the negation of its verb may be
_BACK = 15  # words before the match a negation may be, at most (a long clause is not read)


def negated(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether the match ``tokens[first:last]`` is under a negation it does not contain."""
    return _before(tokens, first, last) or _after(tokens, first, last)


def _before(tokens: Sequence[Token], first: int, last: int) -> bool:
    saying = heavy = False
    i = first - 1
    while i >= max(0, first - _BACK) and not _ends_clause(tokens[i]):
        if _negates(tokens, i, own=(first, last)):
            near = not heavy and first - i - 1 <= _NEAR
            if near or saying:
                return True
        words = {tokens[i].fold, tokens[i].lemma}
        saying = saying or not words.isdisjoint(_SAYING) or tokens[i].text.lower() in _SURE
        heavy = heavy or (words.isdisjoint(_LIGHT) and tokens[i].fold not in NEGATORS)
        i -= 1
    return False


def _after(tokens: Sequence[Token], first: int, last: int) -> bool:
    for i in range(last, min(last + _AHEAD, len(tokens))):
        token = tokens[i]
        if _ends_clause(token) or token.fold in _CLAUSE_STARTS:
            return False
        if token.fold in {"not", "never"} and i > 0 and _is_being(tokens[i - 1]):
            return _negates(tokens, i)
        if token.fold == "ne" and _particle(tokens, i) not in {None, "que"}:
            verb = i + 1
            while verb < len(tokens) and tokens[verb].fold in _CLITICS:
                verb += 1
            return verb < len(tokens) and _is_being(tokens[verb])
        if token.fold == "pas" and i == last:
            # "nous garantissons pas"; not the "pas" of a "ne" the match holds
            return not any(t.fold == "ne" for t in tokens[max(0, first - 1) : last])
    return False


def _is_being(token: Token) -> bool:
    return token.fold in _BEING or token.lemma in _BEING


def _negates(tokens: Sequence[Token], i: int, own: tuple[int, int] | None = None) -> bool:
    """Whether ``tokens[i]`` negates; with ``own``, a "ne" whose particle is inside that match
    is the match's own negation, not one over it."""
    word = tokens[i].fold
    if word not in NEGATORS:
        return False
    following = tokens[i + 1].fold if i + 1 < len(tokens) else ""
    if following in _NOT_NEGATING.get(word, ()):
        return False
    if word != "ne":
        return True
    at = _particle_at(tokens, i)
    if at is None:
        return True  # "nous ne pouvons garantir": a literary negation
    if tokens[at].fold == "que":
        return False
    return own is None or not own[0] <= at < own[1]


def _particle(tokens: Sequence[Token], i: int) -> str | None:
    at = _particle_at(tokens, i)
    return tokens[at].fold if at is not None else None


def _particle_at(tokens: Sequence[Token], i: int) -> int | None:
    """Where the "pas", "jamais", "que"... of the "ne" at ``i`` is, in its clause."""
    for j in range(i + 1, min(i + 6, len(tokens))):
        token = tokens[j]
        if _ends_clause(token):
            return None
        if token.fold in _PARTICLES or token.fold == "que":
            return j
    return None


def negates_at(tokens: Sequence[Token], i: int) -> bool:
    """Whether ``tokens[i]`` is a negation (a pattern's gap does not skip one)."""
    return _negates(tokens, i)


def _ends_clause(token: Token) -> bool:
    return token.kind == "end" or token.text == "," or token.fold in _CLAUSE_ENDS
