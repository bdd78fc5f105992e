"""Markdown for documents and wikis: a YAML metadata block (title, lang) that pandoc and static
site generators read, `## Section`, paragraphs, tables for listings and comparisons."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lastmile_cli.i18n import _
from lastmile_cli.render import layout, rows

if TYPE_CHECKING:
    from lastmile_cli.model import Document, Section
    from lastmile_cli.output import Output
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

# Inline: what could start emphasis, code, a link, HTML, an entity, a table cell or a fence.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# At a line's start: a heading, a list item, a setext underline, a thematic break.
_LINE_START = re.compile(r"^([#+\-=])|^(\d+)([.)])")


def escape(text: str, breaks: str = "\n") -> str:
    """Content is data: whatever Markdown would read as structure is escaped, on every line, so it
    prints as written and no text can open a fence, a heading, a list or a code block. Leading
    blanks (which Markdown drops from a paragraph anyway) go, so no line becomes indented code;
    line breaks become `breaks` (a space in a heading, `<br>` in a table cell)."""
    lines = []
    for line in re.split("\r\n?|\n", text):  # Markdown's three line ends
        escaped = _SPECIAL.sub(r"\\\1", line.lstrip(" \t"))
        lines.append(_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped))
    return breaks.join(lines)


def code(text: str) -> str:
    """`text` as a code span, fenced by more backticks than it holds in a row."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def front_matter(title: str, code: str) -> str:
    """The YAML metadata block a page starts with: `pandoc -s` makes it a titled page in its
    language (its <title> and <html lang>), and a static site generator reads it the same way.
    The title is escaped for Markdown (pandoc reads metadata as Markdown) and then quoted for
    YAML, so it arrives exactly as written."""
    title = escape(title, " ").replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{title}"\nlang: "{code}"\n---'


class Blocks:
    """The Markdown look of the layout (render/layout.py): a unit is a block, and blocks are
    separated by a blank line; a sentence's answer is a quote headed by its language."""

    def __init__(self, code: str = "") -> None:
        self.code = code

    def title(self, doc: Document) -> list[str]:
        return [front_matter(doc.title, doc.code)]

    def heading(self, doc: Document, section: Section) -> list[str]:
        return [f"## {escape(doc.heading(section), ' ')}"]

    def paragraph(self, text: str, section: Section) -> list[str]:
        return [escape(text)]

    def pair(self, text: str, answer: str | None, section: Section) -> list[str]:
        return [
            escape(text),
            f"> *{self.code}:* {escape(answer, chr(10) + '> ') if answer else '—'}",
        ]

    def section(self, doc: Document, section: Section, parts: list[list[str]]) -> list[str]:
        return layout.flat(parts)

    def page(self, doc: Document, title: list[str], sections: list[list[str]]) -> str:
        return "\n\n".join([*title, *layout.flat(sections)]) + "\n"


def document(doc: Document, output: Output) -> str:
    return layout.document(doc, Blocks())


def table(columns: tuple[str, ...], body: Sequence[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(_(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(escape(cell, "<br>") for cell in row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def section_list(view: SectionList, output: Output) -> str:
    return table(*rows.section_list(view))


def example_list(view: ExampleList, output: Output) -> str:
    return table(*rows.example_list(view))


def language_list(view: LanguageList, output: Output) -> str:
    return table(*rows.language_list(view))


def search_result(view: SearchResult, output: Output) -> str:
    return "".join(
        f"- **{h.code}** {code(h.section)}: {escape(h.snippet, ' ')}\n" for h in view.hits
    )


def comparison(view: Comparison, output: Output) -> str:
    """A two-column table per section, headed by each language's title."""
    a, b = view.codes
    if not view.sections:  # nothing in common: nothing, as in a pipe
        return ""
    parts = [front_matter(" · ".join(t for t in view.headlines if t), a) + "\n"]
    for section in view.sections:
        ta, tb = (escape(t, " ") if t else "" for t in section.titles)
        pairs = [(pa or "", pb or "") for pa, pb in section.pairs]
        parts.append(table((f"{a}: {ta}", f"{b}: {tb}"), pairs))
    return "\n".join(parts)


def interlinear(view: Interlinear, output: Output) -> str:
    """Each sentence a paragraph, followed by what answers it as a quote headed by its language."""
    return layout.interlinear(view, Blocks(view.code))


def report(view: Report, output: Output) -> str:
    return "".join(
        f"- {code(p.where)} {_('error: ') if p.severity == 'error' else _('note: ')}"
        f"{escape(p.shown, ' ')}\n"
        for p in view.problems
    )


def fenced(text: str, info: str) -> str:
    """`text` in a fenced block (no line of it can close the fence)."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", text)), default=0))
    return f"{fence}{info}\n{text}{fence}\n"


def starter(view: Starter, output: Output) -> str:
    """The starter file in a fenced YAML block (no line of YAML can close the fence)."""
    from lastmile_cli.language_yaml import starter as yaml_text

    return fenced(yaml_text(view), "yaml")


def script(view: Script, output: Output) -> str:
    """The completion script in a fenced block."""
    return fenced(view.text, view.shell)


def path_list(view: PathList, output: Output) -> str:
    return table(*rows.path_list(view))


def status(view: Status, output: Output) -> str:
    return table(*rows.status(view))


def recorded(view: Recorded, output: Output) -> str:
    return "".join(f"- {escape(line, ' ')}\n" for line in rows.recorded(view))


def exported(view: Exported, output: Output) -> str:
    return fenced(view.text, "po")


def imported(view: Imported, output: Output) -> str:
    return "" if view.path else fenced(view.text, "yaml")
