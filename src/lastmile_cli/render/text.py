"""Plain text for pipes and files: no escape codes, no decoration, one paragraph per line.

With `--width N` paragraphs are wrapped at N columns instead. Listings are tab-separated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lastmile_cli.model import Document
from lastmile_cli.output import Output

if TYPE_CHECKING:
    from lastmile_cli.views import Comparison, Listing, Report, SearchResult


def wrap(text: str, width: int | None) -> list[str]:
    if width is None:
        return [text]
    import textwrap

    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def document(doc: Document, width: int | None) -> str:
    lines = [*wrap(doc.title, width)]
    for section in doc.sections:
        lines.append("")
        lines.extend(wrap(section.title, width))
        for index, paragraph in enumerate(section.paragraphs):
            if index:
                lines.append("")
            lines.extend(wrap(paragraph, width))
    return "\n".join(lines) + "\n"


def listing(table: Listing) -> str:
    return "".join("\t".join(row) + "\n" for row in table.rows)


def search(result: SearchResult) -> str:
    return "".join(f"{h.language}\t{h.section}\t{h.snippet}\n" for h in result.hits)


def comparison(view: Comparison, width: int | None) -> str:
    """Per section its two titles, then the paragraph pairs; every line starts with its language."""
    blocks = []
    for section in view.sections:
        for pair in (section.titles, *section.pairs):
            lines = []
            for code, text in zip(view.languages, pair, strict=True):
                lines += [f"{code}\t{line}" for line in wrap(text or "", width)]
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def report(view: Report) -> str:
    return "".join(f"{problem}\n" for problem in view.problems)


def render(view: object, output: Output) -> str:
    if isinstance(view, Document):
        return document(view, output.width)
    from lastmile_cli.views import (
        Comparison,
        Listing,
        Report,
        SearchResult,
    )  # not on the article path

    if isinstance(view, Listing):
        return listing(view)
    if isinstance(view, SearchResult):
        return search(view)
    if isinstance(view, Comparison):
        return comparison(view, output.width)
    if isinstance(view, Report):
        return report(view)
    raise TypeError(f"no text rendering for {type(view).__name__}")
