"""Plain text for pipes and files: no escape codes, no decoration, one paragraph per line.

With `--width N` paragraphs are wrapped at N terminal cells instead, by the same function as a
terminal's (render/wrap.py). Listings are tab-separated.

The line formats (listings, search, compare, `--with`, validate) are one record per line,
whatever the content: every field is shown through `field`, so a tab or a line break inside a
paragraph (which a paragraph may hold) shows as `\u0009` or `\u000a`, the escapes lastmile
uses for everything it echoes, and can never add a column or start a row. The article itself
(`explain`, `example NAME`) keeps its text as it is, as Markdown and JSON do.
"""

from __future__ import annotations

from lastmile_cli.model import Document
from lastmile_cli.render import layout
from lastmile_cli.render.layout import between, flat
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.model import Section
    from lastmile_cli.output import Output
    from lastmile_cli.render.rows import Table
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


def wrap(text: str, width: int | None) -> list[str]:
    """`text` wrapped at `width` cells (render/wrap.py, as on a terminal), or one line."""
    if width is None:
        return [text]
    from lastmile_cli.render.wrap import lines

    return lines(text, width)


def field(text: str) -> str:
    """One field of a line format: on one line, with no tab (see the module's docstring)."""
    return visible(text, content=True)


class Lines:
    """The text look of the layout (render/layout.py): a unit is a line. In a line format (the
    interlinear reading) every text is a field, so no line can pass for an answer."""

    def __init__(self, width: int | None, code: str = "", line_format: bool = False) -> None:
        self.width, self.code = width, code
        self.shown = field if line_format else _as_is

    def title(self, doc: Document) -> list[str]:
        return wrap(self.shown(doc.title), self.width)

    def heading(self, doc: Document, section: Section) -> list[str]:
        return wrap(self.shown(doc.heading(section)), self.width)

    def paragraph(self, text: str, section: Section) -> list[str]:
        return wrap(self.shown(text), self.width)

    def pair(self, text: str, answer: str | None, section: Section) -> list[str]:
        """The sentence, then what answers it on lines that start with the second language's
        code (empty where nothing does), as `compare` marks its lines."""
        said = wrap(field(answer or ""), self.width)
        return [*wrap(field(text), self.width), *(f"{self.code}\t{line}" for line in said)]

    def section(self, doc: Document, section: Section, parts: list[list[str]]) -> list[str]:
        return ["", *parts[0], *between(parts[1:], [""])]

    def page(self, doc: Document, title: list[str], sections: list[list[str]]) -> str:
        return "\n".join([*title, *flat(sections)]) + "\n"


def _as_is(text: str) -> str:
    return text


def document(doc: Document, output: Output) -> str:
    return layout.document(doc, Lines(output.width))


def _rows(table: Table) -> str:
    return "".join("\t".join(map(field, row)) + "\n" for row in table[1])


def section_list(view: SectionList, output: Output) -> str:
    from lastmile_cli.render import rows  # listings only: not on the article's path

    return _rows(rows.section_list(view))


def example_list(view: ExampleList, output: Output) -> str:
    from lastmile_cli.render import rows

    return _rows(rows.example_list(view))


def language_list(view: LanguageList, output: Output) -> str:
    from lastmile_cli.render import rows

    return _rows(rows.language_list(view))


def search_result(result: SearchResult, output: Output) -> str:
    return "".join(
        f"{field(h.code)}\t{field(h.section)}\t{field(h.snippet)}\n" for h in result.hits
    )


def comparison(view: Comparison, output: Output) -> str:
    """Per section its two titles, then the paragraph pairs; every line starts with its language."""
    blocks = []
    for section in view.sections:
        for pair in (section.titles, *section.pairs):
            lines = []
            for code, text in zip(view.codes, pair, strict=True):
                lines += [f"{code}\t{line}" for line in wrap(field(text or ""), output.width)]
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def interlinear(view: Interlinear, output: Output) -> str:
    """Each sentence, then what answers it on lines that start with the second language's code
    (empty where nothing does), as `compare` marks its lines; a blank line between sentences.
    A line format: the sentences' own line breaks are escaped, so no line can pass for an
    answer."""
    return layout.interlinear(view, Lines(output.width, view.code, line_format=True))


def report(view: Report, output: Output) -> str:
    return "".join(f"{field(str(problem))}\n" for problem in view.problems)


def starter(view: Starter, output: Output) -> str:
    """The starter file, as `lastmile template pt-BR > pt-BR.yaml` saves it."""
    from lastmile_cli.language_yaml import starter as yaml_text

    return yaml_text(view)


def script(view: Script, output: Output) -> str:
    """The completion script, as `lastmile completion bash > FILE` saves it."""
    return view.text


def path_list(view: PathList, output: Output) -> str:
    from lastmile_cli.render import rows

    return _rows(rows.path_list(view))


def status(view: Status, output: Output) -> str:
    from lastmile_cli.render import rows

    return _rows(rows.status(view))


def recorded(view: Recorded, output: Output) -> str:
    from lastmile_cli.render import rows

    return "".join(f"{line}\n" for line in rows.recorded(view))


def exported(view: Exported, output: Output) -> str:
    """The catalog, as `lastmile export pt > pt.po` saves it."""
    return view.text


def imported(view: Imported, output: Output) -> str:
    """The language file, unless it was written to a file (`--output`)."""
    return "" if view.path else view.text
