"""JSON for scripts: one document, in the shapes the README documents, ending in a newline."""

from __future__ import annotations

import json

from lastmile_cli.model import Document, Listing
from lastmile_cli.output import Output


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


def render(view: object, output: Output) -> str:
    if isinstance(view, Document):
        return dumps(document(view), output)
    if isinstance(view, Listing):
        return dumps(list(view.records), output)
    raise TypeError(f"no JSON rendering for {type(view).__name__}")
