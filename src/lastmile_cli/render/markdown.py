"""Markdown for documents and wikis: `# Title`, `## Section`, paragraphs, tables for listings."""

from __future__ import annotations

import re

from lastmile_cli.model import Document, Listing
from lastmile_cli.output import Output

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


def render(view: object, output: Output) -> str:
    if isinstance(view, Document):
        return document(view)
    if isinstance(view, Listing):
        footer = f"\n{escape(view.footer)}\n" if view.footer else ""
        return table(view.columns, view.rows) + footer
    raise TypeError(f"no Markdown rendering for {type(view).__name__}")
