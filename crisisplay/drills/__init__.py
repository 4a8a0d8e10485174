"""Scripted drills: a scenario played on an exercise clock, with injects and scored expectations.

A drill is an activation like any other (principle 4: one engine): the walkthrough runs with a
drill clock, an inject ticker and, when the drill says so, a changed roster. Everything scoring
needs is recorded in the timeline's activation event, so ``drill score`` and ``resume`` work from
the timeline alone.

- ``model``: the drill file format (frozen types; the JSON Schema is derived from them)
- ``load`` / ``checks``: reading drill files, and their cross-references against the scenario
- ``plan``: the self-contained plan recorded at activation, and the roster it changes
- ``ticker``: fires injects as exercise time passes (and on the trainer's word with ``--step``)
- ``run``: starting a drill; ``resume``: continuing a drill timeline
- ``trace`` / ``scoring``: expectations met or missed, from the timeline alone
- ``texts``: the drills' own words in French and English
- ``replay``: a drill built from a real incident's timeline

This package is imported lazily by the CLI: nothing here is needed to start up.
"""
