"""The incident timeline: hash-chained events, the one source of truth.

``events`` defines the format, ``vocabulary`` and ``payloads`` the kinds of event, ``fold`` and
``state`` what they mean together; ``store`` and ``pgstore`` record them (one ``recorder``
interface), ``place`` says where an incident's timeline is, ``verify`` checks the chain. Each is
imported where it is used: setting a command's key and witness (``recording``) must not cost the
loading of the rest.
"""
