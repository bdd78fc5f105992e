"""Starter files: a new language with the English text in place, or sections to add to one.

`lastmile template pt-BR > pt-BR.yaml` gives a translator a file that loads at once (so
progress shows in `lastmile languages` as sections are translated) and says in comments what
to translate and what to keep. `lastmile template es --example parcel-delivery` starts a story
of one's own (or `--section ID`, a section to rewrite): a small file of those sections, or,
when the language already has a file of the user's, the sections alone to paste into it.
Texts are written as double-quoted YAML scalars (JSON strings, which YAML reads as they are),
so no text can break the file's structure.
"""

from __future__ import annotations

from lastmile_cli.i18n import _
from lastmile_cli.model import FALLBACK, Language
from lastmile_cli.views import Starter

# JSON's escapes (as json.dumps with ensure_ascii=False writes them, without loading json and
# re), and the line and paragraph separators, which YAML would fold, as line breaks, into spaces.
_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x20)}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"})
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar: a JSON string, with the line and paragraph
    separators escaped too."""
    return f'"{text.translate(_ESCAPES)}"'


def comments(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.split("\n")]


def starter(view: Starter) -> str:
    """The YAML of a starter: a whole file, or (`view.into`) sections to paste into one."""
    if view.whole:
        return whole_language(view)
    lines: list[str] = []
    guide = _(
        "Write each title, the aliases (other names a reader may type) and the paragraphs in\n"
        "your language; keep the keys and the ids as they are. A section of your own may say\n"
        "which section it follows (after: ID); without it, a new example goes after the last\n"
        "example, and any other new section at the end of the article."
    )
    if view.into:
        intro = _(
            "Sections for {path}, started by `{command}`:\n"
            "paste them under its `sections:`, where you like."
        ).format(path=view.into, command=view.command)
        lines += comments(f"{intro}\n{guide}")
        lines += _sections(view, indent="")
        return "\n".join(lines) + "\n"
    intro = _(
        "{code}.yaml: sections for lastmile in {code}, started by `{command}`.\n"
        "{guide}\n"
        "Put the file in your data folder (`lastmile paths data` shows where); what it leaves\n"
        "out comes from the other files for {code}, or is shown from another language.\n"
        "Check it:  lastmile validate {code}.yaml"
    ).format(code=view.code, command=view.command, guide=guide)
    lines += comments(intro)
    lines.append(f"language: {view.code}")
    if view.header is not None:  # a language no file has yet: it needs its names and title
        lines += _names(view)
    lines.append("sections:")
    lines += _sections(view, indent="")
    return "\n".join(lines) + "\n"


def whole_language(view: Starter) -> str:
    """A starter file for a new language: every key and every section, in English."""
    code = view.code
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
    lines = comments(intro)
    lines.append(f"language: {code}")
    lines += _names(view)
    lines.append("sections:")
    lines += _sections(view, indent="")
    return "\n".join(lines) + "\n"


def _names(view: Starter) -> list[str]:
    assert view.header is not None
    return [
        f"name: {quoted(view.code)}  # " + _("the language's own name, such as Deutsch"),
        f"english_name: {quoted(view.code)}  # " + _("its name in English, such as German"),
        f"title: {quoted(view.header.title)}",
    ]


def _sections(view: Starter, indent: str) -> list[str]:
    lines = []
    for section in view.sections:
        lines += [f"{indent}  - id: {section.id}", f"{indent}    kind: {section.kind}"]
        if section.id in view.new:
            where = _("the section it follows")
            lines.append(f"{indent}    after: {section.after}  # {where}")
        lines.append(f"{indent}    title: {quoted(section.title)}")
        if section.aliases or section.id in view.new:
            aliases = ", ".join(quoted(alias) for alias in section.aliases)
            lines.append(
                f"{indent}    aliases: [{aliases}]  # " + _("other names a reader may type")
            )
        # the English it starts from (the English itself, or what a translation recorded)
        recorded = section.digest if section.code == FALLBACK else section.fingerprint
        if recorded and section.id not in view.new:
            lines.append(f"{indent}    fingerprint: {recorded}")
        lines.append(f"{indent}    paragraphs:")
        lines += [f"{indent}      - {quoted(paragraph)}" for paragraph in section.paragraphs]
    return lines


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
        ]
        if section.after:
            lines.append(f"    after: {section.after}")
        lines.append(f"    title: {quoted(section.title)}")
        if section.aliases:
            lines.append(f"    aliases: [{', '.join(quoted(a) for a in section.aliases)}]")
        if section.origin != "seed":
            lines.append(f"    origin: {section.origin}")
        if section.fingerprint:
            lines.append(f"    fingerprint: {section.fingerprint}")
        lines.append("    paragraphs:")
        lines += [f"      - {quoted(paragraph)}" for paragraph in section.paragraphs]
    return "\n".join(lines) + "\n"
