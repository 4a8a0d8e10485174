"""Channel messages: sandboxed rendering of the home's templates, and the tone linter.

Template layout
===============
Every message of a scenario has a folder under the home's ``templates/``: ``SCENARIO/MESSAGE``
(or the message's own ``template:`` folder). Inside it, one file per channel, part and language::

    templates/
      _shared/                          macros shared by every scenario (import them)
        common.fr.j2  common.en.j2      next-update sentence, status link, apology, signature
        network.fr.j2 network.en.j2     the services that are down, in words (outage scenarios)
        layout.html.j2                  the HTML email frame (page() with caller, link())
      nationwide-outage/
        _facts.fr.j2  _facts.en.j2      the scenario's facts as phrases (scope, since, who...)
        holding/
          x.fr.j2                       body of the X post, in French
          push.fr.j2  push.title.fr.j2  a push notification: body and title
          email.fr.j2                   email: plain-text body,
          email.title.fr.j2             subject,
          email.html.fr.j2              and HTML body (the only autoescaped part)
          ...

Parts: ``<channel>.<lang>.j2`` is the body of every channel; channels with a title (push
notification title, email subject) add ``<channel>.title.<lang>.j2``; email adds
``email.html.<lang>.j2``. Autoescaping is on for ``*.html.*`` names only. Shared pieces are
macros, imported with the render context so they see the same variables::

    {% import "_shared/common.fr.j2" as common with context %}
    {{ common.next_point() }} {{ common.follow() }}

Files and folders starting with ``_`` hold macros only; ``crisisplay validate`` compiles them
all. Blocks are trimmed (``trim_blocks``): end a line with ``{% endif +%}`` to keep its line
break after an inline condition. Texts are tidied after rendering (trailing spaces and runs of
blank lines removed); during a drill the exercise marker is added as the first line (and before
titles and subjects).

What a template sees
====================
Every fact of the scenario by id, in the canonical form of ``crisisplay.playbook.facts`` (text,
number, choice id, list of choice ids, ``"HH:MM"``, minutes, boolean; a fact that is not required
and not given is its default, else ``none``). Built-ins (a fact may not use these names):

==================  ==========================================================================
``brand``           ``brand.name``, ``brand.signature`` (in the language), ``brand.website``,
                    ``brand.city`` (where press texts are dated from), ``brand.de``
                    (French "de" before the name: ``d'Onde Mobile``),
                    ``brand.spokesperson`` and ``brand.executive`` (``.name``, ``.title`` in
                    the language; ``none`` when the organisation file names nobody)
``relays``          the journalists, relays and partners briefed in this scenario: ``name``,
                    ``kind``, ``contact``, ``outlet``, ``note`` (in the language)
``links``           the organisation's named links: ``links['status-page']`` or
                    ``links.status_page`` (hyphens also reachable as underscores)
``contacts``        the organisation's contacts: ``contacts.care.phone`` (from a landline),
                    ``.abroad``, ``.hours``; ``contacts.press.phone``, ``.email``;
                    ``contacts.dpo.email``, ``.address``; ``contacts.authorities.name``,
                    ``.title``, ``.phone``, ``.email``; ``contacts.accessibility.emergency``
                    (114), ``.relay``, ``.modes``
``lang``            language of the template (``fr``)
``channel``         channel id (``sms``); ``handle``: the organisation's account on it, or ``""``
``severity``        level id (``critical``); ``severity_title``: its name in the language
``drill``           true during an exercise (the marker line is added automatically)
``incident_id``     the incident's id, or ``""`` outside an incident
``now``             render time, ``HH:MM`` in the organisation's time zone; ``today``: its
                    day, ``YYYY-MM-DD`` (``today|long_date`` for a press date line)
``next_update``     time of the next promised update, ``HH:MM`` (same zone)
``scenario_title``  the scenario's name in the language
``choices``         for each choice fact, ``{choice id: label in the language}``
==================  ==========================================================================

Filters besides a safe subset of Jinja2's (no ``attr``, ``format``, ``center``, ``batch``...):
``duration`` (minutes -> ``2 h 30`` / ``2 h 30 min``; ``duration('short')`` -> ``2h30``),
``clock`` (``"14:30"`` -> ``14h30`` in French, ``14:30`` in English), ``number`` (``2300`` ->
``2 300`` / ``2,300``), ``and_list`` (``["a", "b", "c"]`` -> ``a, b et c``) and
``choice_labels(fact, lower=false)`` (choice ids -> their labels, joined as ``and_list``),
``upper_first`` (``capitalize`` that leaves the rest alone: "appels et SMS" -> "Appels et SMS"),
``euros`` (``34.99`` -> ``34,99 €`` / ``€34.99``), ``day_time`` (a date-time fact with its
day: ``1er décembre 2026 à 3h17``), ``long_date`` (``2025-04-08`` ->
``8 avril 2025``; ``2025-03`` -> ``mars 2025``),
``gsm`` (a fact made SMS-safe: "Côtes-d’Armor" -> "Cotes-d'Armor"; use it on free-text facts
in SMS templates).
No globals (no ``range``, ``lipsum``, ``cycler``, ``joiner``, ``namespace``, ``dict``).

Templates are written with plain spaces and straight apostrophes. After rendering, one pass
(``crisisplay.messages.typography``) gives every text the typography its channel allows, as the
channel catalogue says: in French on the rich channels (email, press, FAQ, status page, push,
social posts...) no-break spaces before ``: ; ! ?``, inside ``« »`` and after a number before
its unit, ``’`` and ``œ``; on X the same with U+00A0 only; on SMS the GSM-7 forms of all of
those. Clock times keep the form the template gives them (``14h30``).

Limits: a render stops with a clear error past 2 seconds, 10,000 loop iterations, or 100,000
characters of output or of any value it builds; recursive loops are refused, and attributes of
plain values are limited to a few harmless methods (``lower``, ``split``, ``items``...).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crisisplay.messages.render import MissingFacts, render_message
    from crisisplay.messages.rendered import RenderedChannel
    from crisisplay.messages.variables import RenderContext

# Imported on first use: `crisisplay check` needs the linter, not Jinja2.
_EXPORTS = {
    "MissingFacts": "crisisplay.messages.render",
    "render_message": "crisisplay.messages.render",
    "RenderedChannel": "crisisplay.messages.rendered",
    "RenderContext": "crisisplay.messages.variables",
}
__all__ = ["MissingFacts", "RenderContext", "RenderedChannel", "render_message"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'crisisplay.messages' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
