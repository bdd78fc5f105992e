"""The JSON Schemas of lastmile's JSON output, one file per kind of document.

Written to src/lastmile_cli/schemas/<kind>.json (shipped in the package) and docs/schemas/
(linked from the README and docs/json.md), from the definitions below; the tests validate every
JSON document lastmile prints against them (tests/test_json.py), and fail on a field they do
not name. `--check` changes nothing and exits 1 when a file is stale.

    uv run python scripts/schemas.py           # rewrite both copies
    uv run python scripts/schemas.py --check
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from lastmile_cli.progress import STATES  # noqa: E402
from lastmile_cli.render.json import KINDS  # noqa: E402

TARGETS = (ROOT / "src" / "lastmile_cli" / "schemas", ROOT / "docs" / "schemas")
DIALECT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]
COUNT: Schema = {"type": "integer", "minimum": 0}

TEXT: Schema = {"type": "string"}
LINE: Schema = {"type": "string", "minLength": 1}  # a title, a name: never empty
MAYBE_TEXT: Schema = {"type": ["string", "null"]}
CODE: Schema = {
    "type": "string",
    "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    "description": "A language tag: de, pt-BR, qaa.",
}
SECTION_ID: Schema = {
    "type": "string",
    "pattern": "^[a-z]+(-[a-z]+)*$",
    "description": "A section's stable id: summary, definition, telecom, key-point, ...",
}
KIND: Schema = {"enum": ["section", "example"]}


OPTIONAL = "?"  # a field's name that starts with it: a field added within a version (docs/json.md)


def record(properties: dict[str, Schema], description: str = "") -> Schema:
    """An object with exactly these fields, all present but those named OPTIONAL + name."""
    made: Schema = {
        "type": "object",
        "properties": {name.removeprefix(OPTIONAL): value for name, value in properties.items()},
        "required": [name for name in properties if not name.startswith(OPTIONAL)],
        "additionalProperties": False,
    }
    if description:
        made = {"description": description, **made}
    return made


def array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


def header(kind: str) -> Schema:
    return record(
        {"kind": {"const": kind}, "version": {"const": KINDS[kind]}},
        "What this document is, and the version of its shape.",
    )


SECTION = record(
    {
        "id": SECTION_ID,
        "kind": KIND,
        "language": {**CODE, "description": "Where the text came from: English when borrowed."},
        "title": LINE,
        "paragraphs": {**array(TEXT), "minItems": 1},
        "stale": {
            "type": "boolean",
            "description": "true: translated from an older English, shown as it is.",
        },
    }
)
ARTICLE = {
    "language": CODE,
    "title": LINE,
    "sections": array(SECTION),
}

SENTENCE = record(
    {
        "text": TEXT,
        "with": {**MAYBE_TEXT, "description": "What answers it in the second language, or null."},
    }
)

PAIR = record(
    {
        "first": {**MAYBE_TEXT, "description": "In the first language named; null: it has none."},
        "second": {**MAYBE_TEXT, "description": "In the second language named."},
    }
)

DOCUMENTS: dict[str, tuple[str, dict[str, Schema]]] = {
    "article": (
        "lastmile explain, lastmile example NAME: the article, or the sections asked for.",
        ARTICLE,
    ),
    "interlinear": (
        "lastmile explain --with LANG, lastmile example NAME --with LANG: each section's"
        " sentences, each with what answers it in the second language.",
        {
            "language": CODE,
            "title": LINE,
            "with": CODE,
            "sections": array(
                {
                    **SECTION,
                    "properties": {**SECTION["properties"], "sentences": array(SENTENCE)},
                    "required": [*SECTION["required"], "sentences"],
                }
            ),
        },
    ),
    "sections": (
        "lastmile sections: every section's id, kind and title.",
        {
            "language": CODE,
            "sections": array(
                record({"id": SECTION_ID, "kind": KIND, "language": CODE, "title": LINE})
            ),
        },
    ),
    "examples": (
        "lastmile example (no name): the examples, with the names each answers to.",
        {
            "language": CODE,
            "examples": array(
                record(
                    {
                        "id": SECTION_ID,
                        "kind": {"const": "example"},
                        "language": CODE,
                        "title": LINE,
                        "aliases": array(LINE),
                    }
                )
            ),
        },
    ),
    "languages": (
        "lastmile languages: every language that loads, and the one this environment selects.",
        {
            "choice": record(
                {
                    "code": CODE,
                    "reason": {
                        **TEXT,
                        "description": "Why, in English: from --lang de, from LANG=de_AT.UTF-8.",
                    },
                }
            ),
            "languages": array(
                record(
                    {
                        "code": CODE,
                        "name": LINE,
                        "english_name": LINE,
                        "sections": {"type": "integer", "minimum": 0},
                        "complete": {"type": "boolean"},
                        "untranslated": array(SECTION_ID),
                        "stale": array(SECTION_ID),
                        "missing": array(SECTION_ID),
                        "source": {**TEXT, "description": "bundled, or the file's path."},
                        "selected": {"type": "boolean"},
                    }
                )
            ),
        },
    ),
    "search": (
        "lastmile search QUERY: one hit per paragraph that mentions it.",
        {
            "query": TEXT,
            "hits": array(
                record(
                    {"language": CODE, "section": SECTION_ID, "snippet": TEXT, "paragraph": TEXT}
                )
            ),
        },
    ),
    "comparison": (
        "lastmile compare LANG LANG: per section, the two titles and the pairs of paragraphs"
        " (or of sentences, with --by sentence).",
        {
            "languages": {
                **array(CODE),
                "minItems": 2,
                "maxItems": 2,
                "description": "The first and the second language, as named.",
            },
            "by": {"enum": ["paragraph", "sentence"]},
            "sections": array(record({"id": SECTION_ID, "titles": PAIR, "pairs": array(PAIR)})),
        },
    ),
    "validation": (
        "lastmile validate: every problem in every file checked.",
        {
            "files": {"type": "integer", "minimum": 0},
            "errors": {"type": "integer", "minimum": 0},
            "notes": {"type": "integer", "minimum": 0},
            OPTIONAL + "checked_at_build": {
                **array(CODE),
                "minItems": 1,
                "description": "validate with no PATH: the bundled languages checked when the"
                " article was built, and not read again (an optional field: absent when PATHs"
                " are named, or when every bundled file was read again).",
            },
            "problems": array(
                record(
                    {
                        "code": {
                            "type": "string",
                            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                            "description": "The kind of problem, stable across versions and"
                            " locales: unknown-key, tab-indent, unknown-section (docs/json.md).",
                        },
                        "path": TEXT,
                        "line": {"type": "integer", "minimum": 0},
                        "column": {"type": "integer", "minimum": 0},
                        "severity": {"enum": ["error", "note"]},
                        "message": {**TEXT, "description": "In English, whatever the locale."},
                    }
                )
            ),
        },
    ),
    "template": (
        "lastmile template LANG: a starter file for a new language.",
        {
            "language": CODE,
            "file": LINE,
            "paste": {
                "type": "boolean",
                "description": "true: sections to paste into `file`, which you have already;"
                " false: a whole file of its own.",
            },
            "yaml": TEXT,
        },
    ),
    "status": (
        "lastmile status [LANG...]: each language's sections and English words per state.",
        {
            "languages": array(
                record(
                    {
                        "code": CODE,
                        "name": LINE,
                        "source": TEXT,
                        "sections": record({k: COUNT for k in ("total", *STATES)}),
                        "words": record({k: COUNT for k in ("total", *STATES)}),
                        "states": {
                            "type": "object",
                            "additionalProperties": {"enum": list(STATES)},
                        },
                        "unrecorded": array(SECTION_ID),
                    }
                )
            )
        },
    ),
    "fingerprint": (
        "lastmile fingerprint FILE...: what was recorded in each file.",
        {
            "files": array(
                record(
                    {
                        "path": TEXT,
                        "added": array(SECTION_ID),
                        "updated": array(SECTION_ID),
                        "error": {"type": ["string", "null"]},
                    }
                )
            ),
            "errors": COUNT,
        },
    ),
    "export": (
        "lastmile export LANG: the language's article as a gettext catalog.",
        {"language": CODE, "file": LINE, "po": TEXT},
    ),
    "import": (
        "lastmile import FILE.po: the language file the catalog makes.",
        {
            "language": CODE,
            "file": LINE,
            "written": {"type": ["string", "null"]},
            "yaml": TEXT,
            "notes": array(TEXT),
            "status": {"type": ["object", "null"]},
        },
    ),
    "paths": (
        "lastmile paths: every folder and file lastmile reads or writes, in the order it reads.",
        {
            "paths": array(
                record(
                    {
                        "role": {"enum": ["bundled", "data", "cache", "config"]},
                        "path": {"type": ["string", "null"]},
                        "source": TEXT,
                        "exists": {"type": "boolean"},
                    }
                )
            )
        },
    ),
    "completion": (
        "lastmile completion SHELL: the shell's completion script.",
        {"shell": {"enum": ["bash", "zsh", "fish"]}, "script": TEXT},
    ),
}


def schema(kind: str) -> Schema:
    description, fields = DOCUMENTS[kind]
    return {
        "$schema": DIALECT,
        "$id": f"urn:lastmile:schema:{kind}:{KINDS[kind]}",
        "title": f"lastmile {kind} document, version {KINDS[kind]}",
        **record({"schema": header(kind), **fields}, description),
    }


def files() -> dict[Path, str]:
    assert set(DOCUMENTS) == set(KINDS), "a kind without a schema, or a schema without a kind"
    wanted = {}
    for kind in KINDS:
        text = json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
        for folder in TARGETS:
            wanted[folder / f"{kind}.json"] = text
    return wanted


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for path, text in files().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for folder in TARGETS:  # no schema of a kind that is gone
        for path in folder.glob("*.json") if folder.exists() else ():
            if path.stem not in KINDS:
                stale.append(path)
                if not check:
                    path.unlink()
    for path in stale:
        print(f"{'stale' if check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
