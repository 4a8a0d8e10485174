"""The infinitives a French word may be a regular form of.

Patterns name verbs by their infinitive and rely on the lemmatiser; but simplemma reads some
forms as nouns ("sommes" -> "somme", "marche", "pose"). So a French word also stands for the
infinitives it would be a regular form of: "marchent" for ``marcher``, "rétablie" for
``rétablir``, through the endings of the present, the past participle, the imperfect, the
future and the conditional of the first group (``-er``) and of the second (``-ir``). A guess
that is no verb ("somme" -> "sommer") names nothing a pattern asks for.
"""

from __future__ import annotations

import functools

# folded, as the words they are compared with: "é" is "e"
_ER = (
    "e", "es", "ent", "ons", "ez", "ee", "ees", "ait", "aient", "ant", "era", "eront", "erait",
    "eraient", "eriez", "erez",
)  # fmt: skip
_IR = (
    "is", "it", "issons", "issez", "issent", "i", "ie", "ies", "issait", "issaient", "issant",
    "ira", "iront", "irait", "iraient", "iriez", "irez",
)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def infinitives(word: str) -> tuple[str, ...]:
    """The ``-er`` and ``-ir`` infinitives ``word`` (folded) is a regular form of."""
    if len(word) < 4 or not word.isalpha():
        return ()
    found = {word[: -len(e)] + "er" for e in _ER if word.endswith(e) and len(word) - len(e) >= 3}
    found |= {word[: -len(e)] + "ir" for e in _IR if word.endswith(e) and len(word) - len(e) >= 3}
    found.discard(word)
    return tuple(sorted(found))
