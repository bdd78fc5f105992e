"""A starter language file: every key and every section, with the English text in place.

`lastmile template pt-BR > pt-BR.yaml` gives a translator a file that loads at once (so
progress shows in `lastmile languages` as sections are translated) and says in comments what
to translate and what to keep. Texts are written as double-quoted YAML scalars (JSON strings,
which YAML reads as they are), so no text can break the file's structure.
"""

from __future__ import annotations

import json

from lastmile_cli.i18n import _
from lastmile_cli.model import Language


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar: a JSON string, with the line and paragraph
    separators escaped too (YAML would fold them, as line breaks, into spaces)."""
    return (
        json.dumps(text, ensure_ascii=False)
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def starter(code: str, english: Language) -> str:
    """The YAML of a starter file for the language `code`, from the English article."""
    intro = _(
        "{code}.yaml: a language file for lastmile, started by `lastmile template {code}`.\n"
        "Translate every text in quotes: name, english_name, title, and each section's title,\n"
        "aliases and paragraphs. Keep the keys (language:, id:, kind:, ...), the ids and the\n"
        "kinds as they are: lastmile reads them.\n"
        "The file works at once. Until a section's paragraphs differ from the English text,\n"
        "`lastmile languages` and `lastmile validate` count it as not translated yet.\n"
        "Each fingerprint records the English a section was translated from: keep it, and\n"
        "lastmile tells you when the English changes (run `lastmile fingerprint` after review).\n"
        "Check it:  lastmile validate {code}.yaml\n"
        "Read it:   lastmile explain --data-dir DIR --lang {code}  (DIR holds {code}.yaml)"
    ).format(code=code)
    lines = [f"# {line}".rstrip() for line in intro.split("\n")]
    lines += [
        f"language: {code}",
        f"name: {quoted(code)}  # " + _("the language's own name, such as Deutsch"),
        f"english_name: {quoted(code)}  # " + _("its name in English, such as German"),
        f"title: {quoted(english.title)}",
        "sections:",
    ]
    for section in english.sections:
        lines += [
            f"  - id: {section.id}",
            f"    kind: {section.kind}",
            f"    title: {quoted(section.title)}",
        ]
        if section.aliases:
            aliases = ", ".join(quoted(alias) for alias in section.aliases)
            lines.append(f"    aliases: [{aliases}]  # " + _("other names a reader may type"))
        lines.append(f"    fingerprint: {section.digest}")
        lines.append("    paragraphs:")
        lines += [f"      - {quoted(paragraph)}" for paragraph in section.paragraphs]
    return "\n".join(lines) + "\n"


def language_file(language: Language, comment: str) -> str:
    """The YAML of `language` as lastmile writes a language file (`lastmile import`): every
    field it has, each text double-quoted, after `comment` (lines, each written as `# …`)."""
    lines = [f"# {line}".rstrip() for line in comment.split("\n")] if comment else []
    lines += [
        f"language: {language.code}",
        f"name: {quoted(language.name)}",
        f"english_name: {quoted(language.english_name)}",
        f"title: {quoted(language.title)}",
    ]
    if language.title_origin != "seed":
        lines.append(f"title_origin: {language.title_origin}")
    if language.term:
        lines.append(f"term: {quoted(language.term)}")
    lines.append("sections:")
    for section in language.sections:
        lines += [
            f"  - id: {section.id}",
            f"    kind: {section.kind}",
            f"    title: {quoted(section.title)}",
        ]
        if section.aliases:
            lines.append(f"    aliases: [{', '.join(quoted(a) for a in section.aliases)}]")
        if section.origin != "seed":
            lines.append(f"    origin: {section.origin}")
        if section.fingerprint:
            lines.append(f"    fingerprint: {section.fingerprint}")
        lines.append("    paragraphs:")
        lines += [f"      - {quoted(paragraph)}" for paragraph in section.paragraphs]
    return "\n".join(lines) + "\n"
