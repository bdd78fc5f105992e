"""JSON for scripts: one document, in the shapes the README documents, ending in a newline."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from lastmile_cli.textutil import visible

if TYPE_CHECKING:
    from lastmile_cli.model import Document
    from lastmile_cli.output import Output
    from lastmile_cli.views import (
        Comparison,
        ExampleList,
        Interlinear,
        LanguageList,
        PathList,
        Report,
        SearchResult,
        SectionList,
        Starter,
    )


def dumps(value: object, output: Output) -> str:
    """Readable UTF-8 JSON, or ASCII escapes when the output encoding cannot carry the text."""
    ascii_only = output.encoding.lower().replace("-", "").replace("_", "") not in (
        "utf8",
        "utf8sig",
    )
    return json.dumps(value, ensure_ascii=ascii_only, indent=2) + "\n"


def document(doc: Document, output: Output) -> str:
    return dumps(_document(doc), output)


def _document(doc: Document) -> dict[str, object]:
    return {
        "language": doc.code,
        "title": doc.title,
        "sections": [
            {
                "id": s.id,
                "kind": s.kind,
                "language": s.code,
                "title": s.title,
                "paragraphs": list(s.paragraphs),
            }
            for s in doc.sections
        ],
    }


def section_list(view: SectionList, output: Output) -> str:
    sections = view.document.sections
    records = [{"id": s.id, "kind": s.kind, "language": s.code, "title": s.title} for s in sections]
    return dumps(records, output)


def example_list(view: ExampleList, output: Output) -> str:
    records = [
        {"id": s.id, "language": s.code, "title": s.title, "aliases": list(s.aliases)}
        for s in view.document.sections
    ]
    return dumps(records, output)


def language_list(view: LanguageList, output: Output) -> str:
    records = []
    for language in view.languages:
        count = language.translated(view.english)
        selected = language.code == view.choice.code
        records.append(
            {
                "code": language.code,
                "name": language.name,
                "english_name": language.english_name,
                "sections": count,
                "complete": count == view.total,
                "untranslated": list(language.untranslated(view.english)),
                "source": language.source,
                "selected": selected,
                "reason": view.choice.reason if selected else None,
            }
        )
    return dumps(records, output)


def search_result(view: SearchResult, output: Output) -> str:
    hits = [
        {
            "language": h.code,
            "section": h.section,
            "snippet": h.snippet,
            "paragraph": h.paragraph,
        }
        for h in view.hits
    ]
    return dumps(hits, output)


def comparison(view: Comparison, output: Output) -> str:
    a, b = view.codes
    sections = [
        {
            "id": s.id,
            "titles": {a: s.titles[0], b: s.titles[1]},
            "pairs": [list(p) for p in s.pairs],
        }
        for s in view.sections
    ]
    return dumps({"languages": [a, b], "sections": sections}, output)


def interlinear(view: Interlinear, output: Output) -> str:
    """The document's own shape, with the second language and, per section, its sentences."""
    record = _document(view.document)
    sections = record.pop("sections")
    assert isinstance(sections, list)
    for section, sentences in zip(sections, view.sentences, strict=True):
        section["sentences"] = [{"text": text, "with": answer} for text, answer in sentences]
    return dumps({**record, "with": view.code, "sections": sections}, output)


def report(view: Report, output: Output) -> str:
    problems = [
        {
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "severity": str(p.severity),
            "message": p.message,
        }
        for p in view.problems
    ]
    notes = len(view.problems) - view.errors
    return dumps(
        {"files": view.files, "errors": view.errors, "notes": notes, "problems": problems}, output
    )


def starter(view: Starter, output: Output) -> str:
    from lastmile_cli.template import starter as yaml_text

    return dumps(
        {
            "language": view.code,
            "file": view.into or f"{view.code}.yaml",
            "paste": bool(view.into),  # sections to paste into that file, not a file of their own
            "yaml": yaml_text(view),
        },
        output,
    )


def path_list(view: PathList, output: Output) -> str:
    records = [
        {"role": p.role, "path": visible(p.path) or None, "source": p.source, "exists": p.exists}
        for p in view.places
    ]
    return dumps(records, output)
