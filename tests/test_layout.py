"""The one layout every renderer shares (render/layout.py): the walk over a document and over a
reading sentence by sentence, with a look that records what it is asked for."""

from __future__ import annotations

import pytest

from lastmile_cli.model import Document, Section
from lastmile_cli.render import layout
from lastmile_cli.views import Interlinear


class Recording:
    """A look whose units are what it was asked to show, so the walk itself shows."""

    def title(self, doc: Document) -> list[str]:
        return [f"title {doc.title}"]

    def heading(self, doc: Document, section: Section) -> list[str]:
        return [f"heading {section.id}"]

    def paragraph(self, text: str, section: Section) -> list[str]:
        return [f"paragraph {text}"]

    def pair(self, text: str, answer: str | None, section: Section) -> list[str]:
        return [f"pair {text} / {answer}"]

    def section(self, doc: Document, section: Section, parts: list[list[str]]) -> list[str]:
        return [f"<{section.id}>", *layout.between(parts, ["|"]), f"</{section.id}>"]

    def page(self, doc: Document, title: list[str], sections: list[list[str]]) -> str:
        return "\n".join([*title, *layout.flat(sections)])


def section(sid: str, *paragraphs: str) -> Section:
    return Section(sid, "section", sid.title(), paragraphs, (), "seed", "en")


DOC = Document("en", "The title", (section("one", "A.", "B."), section("two", "C.")), "x")


def test_a_document_is_its_title_then_each_section_heading_first() -> None:
    assert layout.document(DOC, Recording()).split("\n") == [
        "title The title",
        "<one>",
        "heading one",
        "|",
        "paragraph A.",
        "|",
        "paragraph B.",
        "</one>",
        "<two>",
        "heading two",
        "|",
        "paragraph C.",
        "</two>",
    ]


def test_a_reading_is_each_sentence_with_its_answer() -> None:
    reading = Interlinear(DOC, "de", "Deutsch", ((("A.", "Ä."), ("B.", None)), (("C.", "Ç."),)))
    assert layout.interlinear(reading, Recording()).split("\n") == [
        "title The title",
        "<one>",
        "heading one",
        "|",
        "pair A. / Ä.",
        "|",
        "pair B. / None",
        "</one>",
        "<two>",
        "heading two",
        "|",
        "pair C. / Ç.",
        "</two>",
    ]


def test_a_reading_must_have_sentences_for_every_section() -> None:
    short = Interlinear(DOC, "de", "Deutsch", ((("A.", "Ä."),),))
    with pytest.raises(ValueError):
        layout.interlinear(short, Recording())


def test_between_puts_the_gap_between_blocks_only() -> None:
    assert layout.between([["a"], ["b", "c"], ["d"]], ["-"]) == ["a", "-", "b", "c", "-", "d"]
    assert layout.between([], ["-"]) == []
    assert layout.flat([["a"], [], ["b"]]) == ["a", "b"]
