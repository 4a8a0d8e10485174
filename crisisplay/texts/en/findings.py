"""What the channel rules and the tone linter say in English (rule ids stay as they are), and
which language `crisisplay check` read a text in."""

TEXTS: dict[str, str] = {
    "finding.unit.character.one": "character",
    "finding.unit.character.many": "characters",
    "finding.unit.weighted.one": "weighted character",
    "finding.unit.weighted.many": "weighted characters",
    "finding.unit.word.one": "word",
    "finding.unit.word.many": "words",
    "finding.unit.more_character.one": "more character",
    "finding.unit.more_character.many": "more characters",
    "finding.unit.septets": "septets",
    "finding.unit.utf16": "UTF-16 code units",
    "finding.over_limit": "{length}/{limit} {unit} ({note})",
    "finding.cut": "Cut {count}.",
    "finding.cut_about": "Cut about {count}.",
    "finding.note.x": "X counts URLs as {url_length}, emoji as 2",
    "finding.note.bluesky": "Bluesky counts graphemes: an emoji or an accented letter is 1",
    "finding.note.mastodon": "Mastodon counts URLs as {url_length}, @user@server as @user",
    "finding.note.other": "the {label} limit",
    "finding.fold": "{label} shows about {warn} characters before {fold}; this text has {length}",
    "finding.fold_hint": "Put the key facts in the first {warn} characters.",
    "finding.fold.facebook": '"See more"',
    "finding.fold.instagram": '"more"',
    "finding.fold.linkedin": '"see more"',
    "finding.push_long": "{length} characters: lock screens show about {warn} of a push body",
    "finding.push_long_hint": "Say what the customer must know first.",
    "finding.long": "{length} characters: longer than the {warn} suggested for the {label}",
    "finding.subject_over": "Subject of {length}/{limit} characters",
    "finding.title_over": "Title of {length}/{limit} characters",
    "finding.subject_long": "Subject of {length} characters: inboxes show about {warn}",
    "finding.title_long": "Title of {length} characters: lock screens show about {warn}",
    "finding.rfc5322": "RFC 5322 section 2.1.1 caps a header line at 998 characters.",
    "finding.ivr": (
        "About {seconds} s when read at {wpm} words per minute ({words}); the limit is {max} s"
    ),
    "finding.x_invalid": "X refuses posts containing {char}",
    "finding.remove_invisible": "Remove it (it is invisible).",
    "finding.hidden": "{char} is invisible or changes how the text around it reads",
    "finding.hidden_hint": "Remove it: retype the text around it if it was pasted.",
    "finding.bluesky_bytes": (
        "{size}/{limit} bytes of UTF-8 (Bluesky also caps a post's size in bytes)"
    ),
    "finding.bluesky_bytes_hint": (
        "Long emoji sequences and non-Latin letters take several bytes each."
    ),
    "finding.push_payload": (
        "Title and body take {size} bytes; push services refuse more than {limit}"
    ),
    "finding.sms_parts": (
        "{parts} SMS parts, over the maximum of {max}: {units} {unit} in {encoding},"
        " {per_part} per part"
    ),
    "finding.shorten": "Shorten the message.",
    "finding.shorten_or_replace": (
        "Replace the characters flagged by sms.ucs2 to send GSM-7, or shorten the message."
    ),
    "finding.ucs2": (
        "{char} is not in the GSM-7 alphabet: the SMS goes out as UCS-2,"
        " {ucs2} characters per SMS instead of {gsm}"
    ),
    "finding.ucs2_rest.one": "{count} is not in the GSM-7 alphabet: {listed}",
    "finding.ucs2_rest.many": "{count} are not in the GSM-7 alphabet: {listed}",
    "finding.no_lookalike": "It has no GSM-7 look-alike: rephrase without it, or accept UCS-2.",
    "finding.plain_space": "Write a plain space instead.",
    "finding.write_instead": "Write {replacement} instead.",
    "finding.tone.found": '"{quoted}": {rule}',
    "finding.tone.found_in": '"{quoted}" in {where}: {rule}',
    "finding.tone.title": "the title",
    "finding.tone.html": "the HTML part",
    "finding.tone.missing": "missing: {rule}",
    "finding.tone.broken": "rule {rule}: {reason}; fix it in organisation.yaml",
    "finding.tone.no_compile": "pattern {pattern} does not compile",
    "finding.tone.timeout": "pattern {pattern} took over {seconds} s (catastrophic backtracking?)",
    # The tone rules by id: what a finding calls them, and the built-in rules' hints (an
    # organisation rule of the same id brings its own hint).
    "finding.rule.denial": "denial",
    "finding.rule.minimising": "minimising",
    "finding.rule.blame": "blame",
    "finding.rule.unverifiable-promise": "unverifiable promise",
    "finding.rule.guarantee": "guarantee",
    "finding.rule.condescension": "condescension",
    "finding.rule.jargon": "jargon",
    "finding.rule.cold-formula": "cold formula",
    "finding.rule.link-in-breach-notice": "link in breach notice",
    "finding.rule.next-update-time": "next update time",
    "finding.rule.where-to-follow": "where to follow",
    "finding.rule.apology": "apology",
    "finding.hint.denial": "Acknowledge the disruption as customers experience it.",
    "finding.hint.minimising": "Give the scope the NOC validated, without playing it down.",
    "finding.hint.blame": "Blame neither customers nor third parties: take ownership.",
    "finding.hint.unverifiable-promise": (
        "Announce only what the NOC confirmed; give the time of the next update instead."
    ),
    "finding.hint.guarantee": (
        "Guarantee nothing: say what you are doing and when you will update."
    ),
    "finding.hint.condescension": "Speak as an equal, with empathy.",
    "finding.hint.jargon": 'Say it in plain words: "part of our equipment", "the network".',
    "finding.hint.cold-formula": "A stock phrase: say what you are actually doing instead.",
    "finding.hint.link-in-breach-notice": (
        "No link in a text message about a data breach: it would look like phishing."
        " Tell people to open the app or the website themselves."
    ),
    # `crisisplay check` without --lang: which language the text is read in, on stderr
    "check.language.fr": "French",
    "check.language.en": "English",
    "check.lang.recognised": "Text read as {name} (language recognised; --lang to choose another)",
    "check.lang.assumed": (
        "Text read as {name}, the organisation's first language (language not recognised;"
        " --lang to set it)"
    ),
}
