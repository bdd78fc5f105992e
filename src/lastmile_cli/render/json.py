"""JSON for scripts: one document, in the shapes the README documents, ending in a newline."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from lastmile_cli.model import SECTION_IDS

if TYPE_CHECKING:
    from lastmile_cli.model import Document
    from lastmile_cli.output import Output
    from lastmile_cli.progress import Progress
    from lastmile_cli.views import (
        Comparison,
        ExampleList,
        Exported,
        Imported,
        Interlinear,
        LanguageList,
        Recorded,
        Report,
        SearchResult,
        SectionList,
        Starter,
        Status,
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
                "stale": s.id in doc.stale,
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
    from lastmile_cli.progress import MISSING, STALE, TRANSLATED, UNTRANSLATED

    records = []
    found = {p.language.code: p for p in view.progress}
    for language in view.languages:
        progress = found.get(language.code)
        count = progress.count(TRANSLATED) if progress else language.translated(view.english)
        total = len(progress.units) if progress else len(SECTION_IDS)
        selected = language.code == view.choice.code
        records.append(
            {
                "code": language.code,
                "name": language.name,
                "english_name": language.english_name,
                "sections": count,
                "complete": count == total,
                "untranslated": list(progress.ids(UNTRANSLATED) if progress else ()),
                "stale": list(progress.ids(STALE) if progress else ()),
                "missing": list(progress.ids(MISSING) if progress else language.missing),
                "source": language.source,
                "selected": selected,
                "reason": view.choice.reason if selected else None,
            }
        )
    return dumps(records, output)


def _counts(progress: Progress) -> dict[str, object]:
    from lastmile_cli.progress import STATES

    return {
        "code": progress.language.code,
        "name": progress.language.name,
        "source": progress.language.source,
        "sections": {"total": len(progress.units), **{s: progress.count(s) for s in STATES}},
        "words": {"total": progress.total_words, **{s: progress.words(s) for s in STATES}},
        "states": {u.id: u.state for u in progress.units},
        "unrecorded": list(progress.unrecorded),
    }


def status(view: Status, output: Output) -> str:
    return dumps([_counts(p) for p in view.languages], output)


def recorded(view: Recorded, output: Output) -> str:
    files = [
        {
            "path": f.path,
            "added": list(f.added),
            "updated": list(f.updated),
            "error": f.error or None,
        }
        for f in view.files
    ]
    return dumps({"files": files, "errors": view.errors}, output)


def exported(view: Exported, output: Output) -> str:
    return dumps({"language": view.code, "file": f"{view.code}.po", "po": view.text}, output)


def imported(view: Imported, output: Output) -> str:
    return dumps(
        {
            "language": view.code,
            "file": f"{view.code}.yaml",
            "written": view.path or None,
            "yaml": view.text,
            "notes": list(view.notes),
            "status": _counts(view.progress) if view.progress else None,
        },
        output,
    )


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
            "file": f"{view.code}.yaml",
            "yaml": yaml_text(view.code, view.english),
        },
        output,
    )
