"""Nothing from a timeline can become markup: facts, notes, actors, reasons stay text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from crisisplay.report.document import build_report
from crisisplay.report.html import to_html
from crisisplay.report.markdown import to_markdown
from crisisplay.timeline.events import Event
from tests.report.conftest import CRAFTED, FINAL_REGION, HOSTILE, IMG, SCRIPT, Row, sealed


class Page(HTMLParser):
    """Every element and attribute of a page, and its text, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def hostile_everywhere() -> list[Event]:
    """The crafted timeline, plus hostile text in a gate comment, a step reason, an inject,
    an actor and a phase (all of which the chart puts in SVG titles and labels)."""
    rows: list[Row] = [*CRAFTED[:-1]]
    rows += [
        ("12:06", "gate.refused", IMG, "legal", {"gate": "legal-review", "comment": HOSTILE}),
        ("12:07", "step.skipped", IMG, None, {"step": SCRIPT, "phase": IMG, "reason": HOSTILE}),
        ("12:08", "phase.entered", IMG, None, {"phase": SCRIPT}),
        (
            "12:09",
            "drill.inject",
            "trainer",
            None,
            {"inject": IMG, "kind": IMG, "text": {"en": HOSTILE}, "offset_min": 9},
        ),
        ("12:09", "decision.logged", SCRIPT, IMG, {"text": HOSTILE}),
        CRAFTED[-1],
    ]
    return sealed(rows)


def test_a_hostile_fact_and_note_appear_as_text_in_the_html() -> None:
    page = to_html(build_report(sealed(CRAFTED)))
    parsed = parse(page)
    text = "".join(parsed.text)
    assert FINAL_REGION in text  # the fact
    assert f"Call centre says {SCRIPT}" in text  # the note
    assert IMG in text  # the note's author
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_element_or_attribute_comes_from_the_timeline_anywhere() -> None:
    page = to_html(build_report(hostile_everywhere()))
    parsed = parse(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [name for name, _ in parsed.attributes if name.startswith("on")]
    # every element is one the template writes
    assert set(parsed.tags) <= ALLOWED_TAGS, set(parsed.tags) - ALLOWED_TAGS
    # as text, "onerror=" may appear; as markup, no tag opens inside timeline text
    assert "<script" not in page.lower() and "<img" not in page.lower()
    text = "".join(parsed.text)
    assert text.count(HOSTILE) >= 3  # comment, reason, inject, decision: as text


def test_markdown_escapes_hostile_text() -> None:
    page = to_markdown(build_report(hostile_everywhere()))
    assert not re.search(r"(?<!\\)<(?!br>)", page)  # every < is escaped, but our own <br>
    assert r"\<script\>alert(1)\</script\>" in page
    assert r'"\>\<img src=x onerror=alert(1)\>' in page


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "p",
    "h1",
    "h2",
    "dl",
    "dt",
    "dd",
    "main",
    "section",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "footer",
    "code",
    "svg",
    "desc",
    "defs",
    "pattern",
    "rect",
    "line",
    "g",
    "circle",
    "polygon",
    "path",
    "text",
}


def test_markdown_cells_escape_emphasis_controls_and_columns() -> None:
    from crisisplay.report.markdown import md

    assert md("14:26 (T+24 min)") == "14:26 (T+24 min)"
    assert md("cell_lead *now*") == r"cell\_lead \*now\*"
    assert md("a | b") == r"a \| b"
    assert md("[link](http://x)") == r"\[link\](http://x)"
    assert (
        md("red\x1b[31m bidi\u202e") == "red\N{REPLACEMENT CHARACTER} bidi\N{REPLACEMENT CHARACTER}"
    )
    assert md("two\nlines") == "two<br>lines"
