"""JSON for scripts: one object per run, ending in a newline, whose `schema` names its kind and
that kind's version; each kind has a JSON Schema in `lastmile_cli/schemas/` (and docs/schemas/),
which the tests hold every document to. docs/json.md is the contract: a field is added with a
new minor version of lastmile, and removed or changed only with a new version of its kind.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

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
        PathList,
        Recorded,
        Report,
        Script,
        SearchResult,
        SectionList,
        Starter,
        Status,
    )


# What JSON may carry raw but a terminal acts on or a reader cannot see, shown as \uXXXX in
# every field (JSON itself escapes C0): DEL and C1 (U+009B is a CSI), every Bidi_Control
# character, the line and paragraph separators, and lone surrogates (the bytes of a file name
# that is not UTF-8), so that a document is safe on any terminal and decodes to the same text.
_ESCAPED = "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: object, output: Output) -> str:
    """Readable UTF-8 JSON, or ASCII escapes when the output encoding cannot carry the text;
    either way with no raw control or direction character (see _ESCAPED)."""
    ascii_only = output.encoding.lower().replace("-", "").replace("_", "") not in (
        "utf8",
        "utf8sig",
    )
    text = json.dumps(value, ensure_ascii=ascii_only, indent=2)
    return re.sub(_ESCAPED, _escape, text) + "\n"


# Every kind of document, and its schema's version (lastmile_cli/schemas/<kind>.json).
KINDS = {
    "article": 1,
    "interlinear": 1,
    "sections": 1,
    "examples": 1,
    "languages": 1,
    "search": 1,
    "comparison": 1,
    "validation": 1,
    "template": 1,
    "completion": 1,
    "paths": 1,
    "status": 1,
    "fingerprint": 1,
    "export": 1,
    "import": 1,
}


def _object(kind: str, **fields: object) -> dict[str, object]:
    return {"schema": {"kind": kind, "version": KINDS[kind]}, **fields}


def document(doc: Document, output: Output) -> str:
    return dumps(_object("article", **_document(doc)), output)


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
    doc = view.document
    records = [
        {"id": s.id, "kind": s.kind, "language": s.code, "title": s.title} for s in doc.sections
    ]
    return dumps(_object("sections", language=doc.code, sections=records), output)


def example_list(view: ExampleList, output: Output) -> str:
    doc = view.document
    records = [
        {
            "id": s.id,
            "kind": s.kind,
            "language": s.code,
            "title": s.title,
            "aliases": list(s.aliases),
        }
        for s in doc.sections
    ]
    return dumps(_object("examples", language=doc.code, examples=records), output)


def language_list(view: LanguageList, output: Output) -> str:
    from lastmile_cli.progress import MISSING, STALE, TRANSLATED, UNTRANSLATED

    records = []
    found = {p.language.code: p for p in view.progress}
    for language in view.languages:
        progress = found.get(language.code)
        count = progress.count(TRANSLATED) if progress else language.translated(view.english)
        total = len(progress.units) if progress else view.total
        records.append(
            {
                "code": language.code,
                "name": language.name,
                "english_name": language.english_name,
                "sections": count,
                "complete": count == total,
                "untranslated": list(progress.ids(UNTRANSLATED) if progress else ()),
                "stale": list(progress.ids(STALE) if progress else ()),
                "missing": list(progress.ids(MISSING) if progress else ()),
                "source": language.source,
                "selected": language.code == view.choice.code,
            }
        )
    choice = {"code": view.choice.code, "reason": view.choice.reason}
    return dumps(_object("languages", choice=choice, languages=records), output)


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
    return dumps(_object("status", languages=[_counts(p) for p in view.languages]), output)


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
    return dumps(_object("fingerprint", files=files, errors=view.errors), output)


def exported(view: Exported, output: Output) -> str:
    return dumps(
        _object("export", language=view.code, file=f"{view.code}.po", po=view.text), output
    )


def imported(view: Imported, output: Output) -> str:
    return dumps(
        _object(
            "import",
            language=view.code,
            file=f"{view.code}.yaml",
            written=view.path or None,
            yaml=view.text,
            notes=list(view.notes),
            status=_counts(view.progress) if view.progress else None,
        ),
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
    return dumps(_object("search", query=view.query, hits=hits), output)


def comparison(view: Comparison, output: Output) -> str:
    """Each pair a record: `first` in the first language named, `second` in the other."""
    sections = [
        {
            "id": s.id,
            "titles": {"first": s.titles[0], "second": s.titles[1]},
            "pairs": [{"first": a, "second": b} for a, b in s.pairs],
        }
        for s in view.sections
    ]
    languages = list(view.codes)
    return dumps(_object("comparison", languages=languages, by=view.by, sections=sections), output)


def interlinear(view: Interlinear, output: Output) -> str:
    """The article's own shape, with the second language and, per section, its sentences."""
    record = _document(view.document)
    sections = record.pop("sections")
    assert isinstance(sections, list)
    for section, sentences in zip(sections, view.sentences, strict=True):
        section["sentences"] = [{"text": text, "with": answer} for text, answer in sentences]
    fields = {**record, "with": view.code, "sections": sections}
    return dumps(_object("interlinear", **fields), output)


def report(view: Report, output: Output) -> str:
    problems = [
        {
            "code": p.code,
            "path": p.path,
            "line": p.line,
            "column": p.column,
            "severity": str(p.severity),
            "message": p.message,
        }
        for p in view.problems
    ]
    notes = len(view.problems) - view.errors
    fields: dict[str, object] = {"files": view.files, "errors": view.errors, "notes": notes}
    if view.built:  # validate with no path: the bundled languages the build checked
        fields["checked_at_build"] = list(view.built)
    return dumps(_object("validation", **fields, problems=problems), output)


def starter(view: Starter, output: Output) -> str:
    from lastmile_cli.language_yaml import starter as yaml_text

    return dumps(
        _object(
            "template",
            language=view.code,
            file=view.into or f"{view.code}.yaml",
            paste=bool(view.into),  # sections to paste into that file, not a file of their own
            yaml=yaml_text(view),
        ),
        output,
    )


def script(view: Script, output: Output) -> str:
    return dumps(_object("completion", shell=view.shell, script=view.text), output)


def path_list(view: PathList, output: Output) -> str:
    records = [
        {"role": p.role, "path": p.path or None, "source": p.source, "exists": p.exists}
        for p in view.places
    ]
    return dumps(_object("paths", paths=records), output)
