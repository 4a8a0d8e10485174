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

A negation in a relative clause stays in it: in "les clients qui n'ont pas encore été remboursés
le seront d'ici vendredi", the "pas" belongs to "qui n'ont pas ... remboursés", and the main
clause that a finite verb ("seront") opens after it promises Friday.

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
# ("de" opens an infinitive: in "vous êtes sûr de ne pas être en mode avion", the negation is
# the infinitive's)
_CLAUSE_STARTS = _CLAUSE_ENDS | frozenset(
    {"si", "que", "qui", "quand", "lorsque", "parce", "puisque", "de", "if", "that", "which",
     "who", "when", "unless", "since", "until", "while"}
)  # fmt: skip
# What can be known, said, foreseen or promised: a negation of these reaches the whole clause
# they govern ("nous ne savons pas si...", "we are not yet able to say when...").
_SAYING = frozenset(
    {"savoir", "dire", "annoncer", "confirmer", "promettre", "garantir", "assurer", "engager",
     "affirmer", "certifier", "connaitre", "mesure", "certain", "prevoir", "predire", "avancer",
     "estimer", "know", "say", "tell", "confirm", "promise", "guarantee", "assure", "commit",
     "able", "sure", "predict", "expect", "estimate"}
)  # fmt: skip
# Words with which a match opens a clause of its own: "vérifiez que...", "check whether..."
_OPENERS = frozenset({"que", "si", "whether"})
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
# Relative pronouns: a negation right after one is the relative clause's.
_RELATIVES = frozenset({"qui", "dont", "ou", "lequel", "laquelle", "lesquels", "lesquelles", "who"})
# Finite verbs that open a main clause after a relative one ("le seront", "will be").
_AUXILIARIES = frozenset(
    {"etre", "avoir", "aller", "pouvoir", "devoir", "be", "have", "will", "would", "shall", "can",
     "could", "should", "must", "may", "might"}
)  # fmt: skip
_NOT_FINITE = frozenset(
    {"etre", "ete", "etant", "avoir", "eu", "ayant", "aller", "alle", "pouvoir", "pu", "devoir",
     "du", "be", "been", "being", "have", "having", "had"}
)  # fmt: skip
_NEAR = 4  # light words between a negator and the match, at most
_AHEAD = 3  # words after the match where the negation of its verb may be
_BACK = 15  # words before the match a negation may be, at most (a long clause is not read)


def negated(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether the match ``tokens[first:last]`` is under a negation it does not contain. A
    match that opens a clause of its own ("vérifiez que votre téléphone...") is not negated by
    that clause's verb ("... n'est pas en mode avion")."""
    opens = any(t.fold in _OPENERS for t in tokens[first:last])
    return _before(tokens, first, last) or (not opens and _after(tokens, first, last))


def _before(tokens: Sequence[Token], first: int, last: int) -> bool:
    saying = heavy = False
    i = first - 1
    while i >= max(0, first - _BACK) and not _ends_clause(tokens[i]):
        if _negates(tokens, i, own=(first, last)):
            near = not heavy and first - i - 1 <= _NEAR
            if (near or saying) and not _relative_closed(tokens, i, last):
                return True
        words = {tokens[i].fold, tokens[i].lemma}
        saying = saying or not words.isdisjoint(_SAYING) or tokens[i].text.lower() in _SURE
        heavy = heavy or (words.isdisjoint(_LIGHT) and tokens[i].fold not in NEGATORS)
        i -= 1
    return False


def _relative_closed(tokens: Sequence[Token], i: int, last: int) -> bool:
    """Whether the negation at ``i`` is in a relative clause ("qui ne ...", "dont le mobile ne
    ...", "who have not ...") that a finite verb closes before ``last``."""
    j = i - 1
    while j >= max(0, i - 4) and not _ends_clause(tokens[j]):
        if tokens[j].fold in _RELATIVES:
            break
        j -= 1
    else:
        return False
    if j < 0 or tokens[j].fold not in _RELATIVES:
        return False
    at = _particle_at(tokens, i) if tokens[i].fold == "ne" else None
    return any(_finite(tokens[k]) for k in range((at or i) + 1, last))


def _finite(token: Token) -> bool:
    return token.fold not in _NOT_FINITE and (
        token.lemma in _AUXILIARIES or token.fold in _AUXILIARIES
    )


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
    if following in _NOT_NEGATING.get(word, ()) and not _paired_pas_a(tokens, i, following):
        return False
    if word == "pas" and _no_need(tokens, i):
        return False
    if word != "ne":
        return True
    at = _particle_at(tokens, i)
    if at is None:
        return True  # "nous ne pouvons garantir": a literary negation
    if tokens[at].fold == "que":
        return False
    return own is None or not own[0] <= at < own[1]


def _no_need(tokens: Sequence[Token], i: int) -> bool:
    """ "pas la peine de", "pas besoin de": what follows is said to be needless, not denied
    ("pas la peine de le répéter 20 fois" repeats it)."""
    after = tuple(t.fold for t in tokens[i + 1 : i + 3])
    return after == ("la", "peine") or after[:1] == ("besoin",)


def _paired_pas_a(tokens: Sequence[Token], i: int, following: str) -> bool:
    """ "ne revient pas à 18h" negates; a "pas à" without its "ne" contrasts ("lié à votre box,
    pas à notre réseau")."""
    if tokens[i].fold != "pas" or following != "a":
        return False
    return any(t.fold == "ne" for t in tokens[max(0, i - 4) : i])


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
    return token.kind == "end" or token.text in {",", ":"} or token.fold in _CLAUSE_ENDS
