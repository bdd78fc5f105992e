"""Markdown for documents and wikis: `# Title`, `## Section`, paragraphs, tables for listings."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lastmile_cli.model import Document
from lastmile_cli.output import Output

if TYPE_CHECKING:
    from lastmile_cli.views import Comparison

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: str) -> str:
    """Content is data: characters Markdown would interpret are escaped, so they print as written."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return "\\" + escaped if escaped[:1] in ("#", "+", "-", "=") else escaped


def document(doc: Document) -> str:
    parts = [f"# {escape(doc.title)}"]
    for section in doc.sections:
        parts.append(f"## {escape(section.title)}")
        parts.extend(escape(p) for p in section.paragraphs)
    return "\n\n".join(parts) + "\n"


def table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def comparison(view: Comparison) -> str:
    """A two-column table per section, headed by each language's title."""
    a, b = view.languages
    parts = []
    for section in view.sections:
        ta, tb = (escape(t) if t else "" for t in section.titles)
        rows = tuple((pa or "", pb or "") for pa, pb in section.pairs)
        parts.append(table((f"{a}: {ta}", f"{b}: {tb}"), rows))
    return "\n".join(parts)


def render(view: object, output: Output) -> str:
    if isinstance(view, Document):
        return document(view)
    from lastmile_cli.views import (
        Comparison,
        Listing,
        Report,
        SearchResult,
    )  # not on the article path

    if isinstance(view, Listing):
        return table(view.columns, view.rows)
    if isinstance(view, SearchResult):
        return "".join(
            f"- **{h.language}** `{h.section}`: {escape(h.snippet)}\n" for h in view.hits
        )
    if isinstance(view, Comparison):
        return comparison(view)
    if isinstance(view, Report):
        return "".join(f"- `{p.where}` {p.severity}: {escape(p.message)}\n" for p in view.problems)
    raise TypeError(f"no Markdown rendering for {type(view).__name__}")
