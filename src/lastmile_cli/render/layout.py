"""One layout of a document and of an interlinear reading, for every renderer: the title, then
each section in order, its heading followed by its paragraphs (a document) or by its sentences,
each with what answers it in the second language (an interlinear reading).

A renderer supplies a look: how a title, a heading (with the mark of a borrowed section), a
paragraph and a sentence pair look, as a list of its own units (lines, styled lines, elements),
and how a section's parts and the page's sections join. The order and the walk are here, once.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Protocol, TypeVar

    from lastmile_cli.model import Document, Section
    from lastmile_cli.views import Interlinear

    T = TypeVar("T")

    class Look(Protocol[T]):
        def title(self, doc: Document) -> list[T]: ...

        def heading(self, doc: Document, section: Section) -> list[T]: ...

        def paragraph(self, text: str, section: Section) -> list[T]: ...

        def pair(self, text: str, answer: str | None, section: Section) -> list[T]: ...

        def section(self, doc: Document, section: Section, parts: list[list[T]]) -> list[T]:
            """The section from its heading (parts[0]) and its paragraphs or pairs."""

        def page(self, doc: Document, title: list[T], sections: list[list[T]]) -> str: ...


def document(doc: Document, look: Look[T]) -> str:
    """The article: each section's heading, then its paragraphs."""
    sections = [
        look.section(
            doc,
            section,
            [look.heading(doc, section), *(look.paragraph(p, section) for p in section.paragraphs)],
        )
        for section in doc.sections
    ]
    return look.page(doc, look.title(doc), sections)


def interlinear(view: Interlinear, look: Look[T]) -> str:
    """The article read sentence by sentence: each section's heading, then each sentence with
    what answers it (None where nothing does)."""
    doc = view.document
    sections = [
        look.section(
            doc,
            section,
            [look.heading(doc, section), *(look.pair(t, a, section) for t, a in sentences)],
        )
        for section, sentences in zip(doc.sections, view.sentences, strict=True)
    ]
    return look.page(doc, look.title(doc), sections)


def between(blocks: Sequence[list[T]], gap: list[T]) -> list[T]:
    """The blocks in order, with `gap` between each two (a blank line, most often)."""
    joined: list[T] = []
    for index, block in enumerate(blocks):
        if index:
            joined += gap
        joined += block
    return joined


def flat(blocks: Sequence[list[T]]) -> list[T]:
    return [unit for block in blocks for unit in block]
