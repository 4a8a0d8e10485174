"""What a validator is shown before deciding a gate, as lines of text: the lead's board and
`crisisplay gate show` print the same ones (the exact texts follow, from the situation)."""

from __future__ import annotations

from crisisplay.incident.paging import unreached
from crisisplay.incident.situation import Situation
from crisisplay.texts import t


def gate_lines(situation: Situation, gate_id: str) -> list[str]:
    """The lines of a gate before its texts, in the reader's language."""
    lang = situation.lang
    view = situation.gate(gate_id)
    lines = [t("member.confirms", lang, text=view.gate.confirms.get_text(lang))]
    people = ", ".join(f"{situation.name_of(p)} ({p})" for p in view.deciders)
    role = situation.role_title(view.gate.validator)
    decided = t("member.decided_by", lang, role=role, people=people or t("member.nobody", lang))
    if unreached(situation, view.gate.validator):
        decided += f" ({t('cell.unreached', lang)})"
    lines.append(decided)
    for fact in view.facts:
        shown = (
            t("member.fact_unknown", lang)
            if fact.unknown or not fact.known
            else fact_value(situation, fact.fact, fact.value)
        )
        lines.append(t("member.fact", lang, fact=fact.fact, value=shown))
    return lines


def fact_value(situation: Situation, fact_id: str, value: object) -> str:
    """A fact's value as a person reads it: choices by their label, yes or no, lists joined."""
    lang = situation.lang
    fact = situation.scenario.fact(fact_id)
    labels = {c.id: c.label.get_text(lang) for c in fact.choices} if fact else {}
    if isinstance(value, bool):
        return t("value.yes" if value else "value.no", lang)
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, lang)
    return labels.get(str(value), str(value))


def format_number(value: float, lang: str) -> str:
    """``63 206`` and ``2,5`` in French, ``63,206`` and ``2.5`` in English."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text
