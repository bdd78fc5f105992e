"""JSON for scripts: one document, in the shapes the README documents, ending in a newline."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from lastmile_cli.model import Document
from lastmile_cli.output import Output

if TYPE_CHECKING:
    from lastmile_cli.views import Comparison, Report


def dumps(value: object, output: Output) -> str:
    """Readable UTF-8 JSON, or ASCII escapes when the output encoding cannot carry the text."""
    ascii_only = output.encoding.lower().replace("-", "").replace("_", "") not in (
        "utf8",
        "utf8sig",
    )
    return json.dumps(value, ensure_ascii=ascii_only, indent=2) + "\n"


def document(doc: Document) -> dict[str, object]:
    return {
        "language": doc.language,
        "title": doc.title,
        "sections": [
            {"id": s.id, "kind": s.kind, "title": s.title, "paragraphs": list(s.paragraphs)}
            for s in doc.sections
        ],
    }


def comparison(view: Comparison) -> dict[str, object]:
    a, b = view.languages
    return {
        "languages": [a, b],
        "sections": [
            {
                "id": s.id,
                "titles": {a: s.titles[0], b: s.titles[1]},
                "pairs": [list(p) for p in s.pairs],
            }
            for s in view.sections
        ],
    }


def report(view: Report) -> dict[str, object]:
    return {
        "files": view.files,
        "errors": view.errors,
        "notes": len(view.problems) - view.errors,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "message": p.message,
            }
            for p in view.problems
        ],
    }


def render(view: object, output: Output) -> str:
    if isinstance(view, Document):
        return dumps(document(view), output)
    from lastmile_cli.views import (
        Comparison,
        Listing,
        Report,
        SearchResult,
    )  # not on the article path

    if isinstance(view, Listing):
        return dumps(list(view.records), output)
    if isinstance(view, SearchResult):
        hits = [
            {
                "language": h.language,
                "section": h.section,
                "snippet": h.snippet,
                "paragraph": h.paragraph,
            }
            for h in view.hits
        ]
        return dumps(hits, output)
    if isinstance(view, Comparison):
        return dumps(comparison(view), output)
    if isinstance(view, Report):
        return dumps(report(view), output)
    raise TypeError(f"no JSON rendering for {type(view).__name__}")
