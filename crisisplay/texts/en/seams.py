"""What the text checks say in English: template seams and statements that differ between channels."""

TEXTS: dict[str, str] = {
    "seam.double_space": 'Two spaces in a row: "{words}"',
    "seam.double_space.hint": (
        "A piece of the template is empty here: remove the extra space or the condition."
    ),
    "seam.leading_space": 'A line starts with a space: "{words}"',
    "seam.leading_space.hint": "Remove the space at the start of the line (or before a tag).",
    "seam.lower_case": 'A sentence starts in lower case: "{words}"',
    "seam.lower_case.hint": (
        "Two pieces are badly joined: end the previous sentence differently, or start this one"
        " with a capital."
    ),
    "seam.url_stop": 'The link {url} is followed by a capitalised word with no full stop: "{words}"',
    "seam.url_stop.hint": "Put a full stop after the link, or start a new line.",
    "seam.quote": 'Quotation mark {quote} without its pair: "{words}"',
    "seam.quote.hint": "Close the quotation on the same line, or remove the stray mark.",
    "seam.line_break": 'A list item is glued to the end of the line before: "{words}"',
    "seam.line_break.hint": "A line break is missing between the two: put it back in the template.",
    "seam.repeated_label": 'The label "{label}" is repeated by its value',
    "seam.repeated_label.hint": "Keep the label and a short value, or write a sentence with no label.",
    "seam.choice": "A choice is left in parentheses: {words}",
    "seam.choice.hint": "Say which of the two is true (one more fact), or say it in a sentence.",
    "seam.gsm_spelling": '"{word}" is misspelt to fit the SMS alphabet',
    "seam.gsm_spelling.hint": (
        "Spell the word right on the other channels and word the SMS another way."
    ),
    "coherence.differs": '{fact}: this channel says "{sentence}", while {other} says "{other_sentence}"',
    "coherence.differs.hint": (
        "A fact is written once, in the scenario's shared sentence: use it."
    ),
    "coherence.fact.112": "112",
    "coherence.fact.estimate": "the estimated time of return",
    "coherence.fact.next": "the time of the next update",
    "coherence.fact.since": "the start time",
    "coherence.fact.now": "the time of the update",
    "coherence.fact.percent": "the share of customers",
    "coherence.fact.customers": "the number of customers",
    "coherence.fact.euros": "the amount",
    "coherence.fact.data": "the mobile data volume",
    "coherence.fact.date": "the date",
}
