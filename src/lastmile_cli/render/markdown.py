"""Markdown for documents and wikis: `# Title`, `## Section`, paragraphs, tables for listings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lastmile_cli.render import rows

if TYPE_CHECKING:
    from lastmile_cli.model import Document
    from lastmile_cli.output import Output
    from lastmile_cli.views import (
        Comparison,
        ExampleList,
        LanguageList,
        Report,
        SearchResult,
        SectionList,
    )

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: str) -> str:
    """Content is data: characters Markdown would interpret are escaped, so they print as written."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return "\\" + escaped if escaped[:1] in ("#", "+", "-", "=") else escaped


def document(doc: Document, output: Output) -> str:
    parts = [f"# {escape(doc.title)}"]
    for section in doc.sections:
        parts.append(f"## {escape(section.title)}")
        parts.extend(escape(p) for p in section.paragraphs)
    return "\n\n".join(parts) + "\n"


def table(columns: tuple[str, ...], body: Sequence[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def section_list(view: SectionList, output: Output) -> str:
    return table(*rows.section_list(view))


def example_list(view: ExampleList, output: Output) -> str:
    return table(*rows.example_list(view))


def language_list(view: LanguageList, output: Output) -> str:
    return table(*rows.language_list(view))


def search_result(view: SearchResult, output: Output) -> str:
    return "".join(f"- **{h.code}** `{h.section}`: {escape(h.snippet)}\n" for h in view.hits)


def comparison(view: Comparison, output: Output) -> str:
    """A two-column table per section, headed by each language's title."""
    a, b = view.codes
    parts = []
    for section in view.sections:
        ta, tb = (escape(t) if t else "" for t in section.titles)
        pairs = [(pa or "", pb or "") for pa, pb in section.pairs]
        parts.append(table((f"{a}: {ta}", f"{b}: {tb}"), pairs))
    return "\n".join(parts)


def report(view: Report, output: Output) -> str:
    return "".join(f"- `{p.where}` {p.severity}: {escape(p.message)}\n" for p in view.problems)
