"""The plain-text renderer in-process: the interlinear reading is a line format (every text a
field), and a comparison pairs each line with its language."""

from __future__ import annotations

from lastmile_cli.model import Document, Section
from lastmile_cli.output import Output
from lastmile_cli.render import render
from lastmile_cli.views import ComparedSection, Comparison, Interlinear


def test_the_interlinear_reading_escapes_breaks_in_its_title_and_headings() -> None:
    """A tab or a line break in a title or heading shows as its escape, so no line of the
    reading can pass for an answer (`en<TAB>...`) or split a record."""
    section = Section("summary", "section", "Head\nen\tforged", ("One.",), code="qaa")
    doc = Document("qaa", "Title\twith a tab", (section,))
    view = Interlinear(doc, "en", "English", ((("One.", "Uno."),),))
    assert render(view, Output()) == (
        "Title\\u0009with a tab\n\nHead\\u000aen\\u0009forged\nOne.\nen\tUno.\n"
    )


def test_the_interlinear_reading_wraps_sentence_and_answer_at_the_width() -> None:
    """With `--width N` both the sentence and what answers it are wrapped at N cells, each line
    of the answer still starting with the second language's code."""
    section = Section("summary", "section", "Head", ("One two three four.",), code="qaa")
    doc = Document("qaa", "Title", (section,))
    view = Interlinear(doc, "en", "English", ((("One two three four.", "Uno dos tres cuatro."),),))
    assert render(view, Output(width=10)) == (
        "Title\n\nHead\nOne two\nthree\nfour.\nen\tUno dos\nen\ttres\nen\tcuatro.\n"
    )


def test_the_article_keeps_its_tabs_and_line_breaks_as_they_are() -> None:
    """`explain` piped is the article's text as it is, not a line format: a tab or a line
    break inside a title, heading or paragraph is not escaped."""
    section = Section("summary", "section", "Head\tone", ("A\ttab and a\nbreak.",), code="qaa")
    doc = Document("qaa", "Title\nsplit", (section,))
    assert render(doc, Output()) == "Title\nsplit\n\nHead\tone\nA\ttab and a\nbreak.\n"


def test_a_comparison_keeps_the_direction_marks_of_right_to_left_text() -> None:
    """The marks a right-to-left translation needs (U+200F, U+200E, U+061C) are content, kept
    as they are in every line format; only what could forge a line or a column is escaped."""
    title = "\u0639\u0646\u0648\u0627\u0646\u200f!"
    paragraph = "\u0646\u0635 (1)\u200f\u200e\u061c\tend"
    view = Comparison(("ar", "en"), (ComparedSection("s", (title, "T"), ((paragraph, "P"),)),))
    assert render(view, Output()) == (
        f"ar\t{title}\nen\tT\n\nar\t\u0646\u0635 (1)\u200f\u200e\u061c\\u0009end\nen\tP\n"
    )
