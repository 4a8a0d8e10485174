"""Tone rules over words rather than characters: a message is cut into words, each word gets
its lemma (``garantissons`` -> ``garantir``, ``suppliers`` -> ``supplier``), and short patterns
over those words catch denial, minimising, blame, promises, guarantees, condescension, jargon
and cold stock phrases whatever the inflection.

``words`` cuts and lemmatises, ``lemmas`` looks lemmas up (simplemma, imported only when a word
is not in the cache), ``patterns`` is the small pattern language, ``when`` reads times and
delays, ``rules_fr`` and ``rules_en`` are the built-in rules, ``builtin`` applies them.
"""
