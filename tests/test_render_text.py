"""The plain-text renderer in-process: the interlinear reading is a line format (every text a
field), and a comparison pairs each line with its language."""

from __future__ import annotations

from lastmile_cli.model import Document, Section
from lastmile_cli.output import Output
from lastmile_cli.render import render
from lastmile_cli.views import Interlinear


def test_the_interlinear_reading_escapes_breaks_in_its_title_and_headings() -> None:
    """A tab or a line break in a title or heading shows as its escape, so no line of the
    reading can pass for an answer (`en<TAB>...`) or split a record."""
    section = Section("summary", "section", "Head\nen\tforged", ("One.",), code="qaa")
    doc = Document("qaa", "Title\twith a tab", (section,))
    view = Interlinear(doc, "en", "English", ((("One.", "Uno."),),))
    assert render(view, Output()) == (
        "Title\\u0009with a tab\n\nHead\\u000aen\\u0009forged\nOne.\nen\tUno.\n"
    )
