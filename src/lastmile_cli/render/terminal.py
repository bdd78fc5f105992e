"""Styled output for a terminal: lastmile lays out the lines, Rich supplies cell widths and colours.

Imported only when output is styled, so pipes never pay for Rich. A line is a list of spans
(text, style name). Rich's `Style` turns each span into escape codes for the colour system
decided in `Output`; it is given plain strings, never markup. Every span passes through
`visible()`, so neither content nor a file name can send an escape sequence to the terminal.
Laying out a fixed article directly is about eight times faster than `Console.print`, and no
line ends in blanks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.style import Style

from lastmile_cli.i18n import _
from lastmile_cli.render import rows
from lastmile_cli.render.rows import Table
from lastmile_cli.render.wrap import wrap
from lastmile_cli.textutil import visible

if TYPE_CHECKING:
    from lastmile_cli.model import Document, Section
    from lastmile_cli.output import Output
    from lastmile_cli.views import (
        Comparison,
        ExampleList,
        Exported,
        Hit,
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

Span = tuple[str, str]
Line = list[Span]

TITLE = "bold"
HEADING = "bold cyan"
EXAMPLE = "bold yellow"
BAR = "yellow"
DIM = "dim"
MATCH = "bold black on yellow"
ERROR = "bold red"
INDENT = "    "  # before a sentence's counterpart in the second language
COLOR_SYSTEMS = {
    "standard": ColorSystem.STANDARD,
    "256": ColorSystem.EIGHT_BIT,
    "truecolor": ColorSystem.TRUECOLOR,
}


def clean(text: str) -> str:
    """Text as it may reach the terminal: tabs as blanks, controls shown as escapes, breaks kept."""
    return "\n".join(visible(part.expandtabs(8), content=True) for part in text.split("\n"))


def flow(spans: list[Span], width: int) -> list[Line]:
    """Styled text word-wrapped at `width` cells, its spans cut along the lines."""
    text = "".join(part for part, _ in spans)
    ranges = wrap(text, width)
    bounds, offset = [], 0
    for part, style in spans:
        bounds.append((offset, offset + len(part), style))
        offset += len(part)
    lines = []
    for start, end in ranges:
        line = []
        for low, high, style in bounds:
            low, high = max(low, start), min(high, end)
            if low < high:
                line.append((text[low:high], style))
        lines.append(line)
    return lines


def plain(line: Line) -> str:
    return "".join(part for part, _ in line)


def _origin(doc: Document, section: Section) -> list[Span]:
    """The mark of a section borrowed from another language, dimmed after its title."""
    return [] if section.code == doc.code else [(f" [{section.code}]", DIM)]


def _document(doc: Document, width: int) -> list[Line]:
    lines = flow([(clean(doc.title), TITLE)], width)
    rule = min(width, max(cell_len(plain(line)) for line in lines))
    lines.append([("─" * rule, DIM)])
    for section in doc.sections:
        lines.append([])
        if section.kind != "example":
            lines += flow([(clean(section.title), HEADING), *_origin(doc, section)], width)
            for index, paragraph in enumerate(section.paragraphs):
                if index:
                    lines.append([])
                lines += flow([(clean(paragraph), "")], width)
            continue
        bar: Span = ("┃ ", BAR)
        title = [(clean(section.title), EXAMPLE), *_origin(doc, section)]
        lines += [[bar, *line] for line in flow(title, width - 2)]
        for index, paragraph in enumerate(section.paragraphs):
            if index:
                lines.append([("┃", BAR)])
            lines += [[bar, *line] for line in flow([(clean(paragraph), "")], width - 2)]
    return lines


def _interlinear(view: Interlinear, width: int) -> list[Line]:
    """As the document, one sentence at a time, each followed by what answers it in the second
    language, indented and dimmed."""
    doc = view.document
    lines = flow([(clean(doc.title), TITLE)], width)
    rule = min(width, max(cell_len(plain(line)) for line in lines))
    lines.append([("─" * rule, DIM)])
    for section, sentences in zip(doc.sections, view.sentences, strict=True):
        lines.append([])
        example = section.kind == "example"
        inner = width - 2 if example else width
        title = [(clean(section.title), EXAMPLE if example else HEADING), *_origin(doc, section)]
        body = flow(title, inner)
        for index, (text, answer) in enumerate(sentences):
            if index:
                body.append([])
            body += flow([(clean(text), "")], inner)
            said: list[Span] = [(clean(answer), DIM)] if answer else [("—", DIM)]
            body += [[(INDENT, ""), *line] for line in flow(said, max(inner - len(INDENT), 1))]
        if example:
            body = [[("┃ ", BAR), *line] if line else [("┃", BAR)] for line in body]
        lines += body
    return lines


def _listing(table: Table) -> list[Line]:
    columns, body = table
    heads = tuple(_(column) for column in columns)
    cells = [tuple(visible(cell) for cell in row) for row in (heads, *body)]
    widths = [max(cell_len(row[index]) for row in cells) for index in range(len(columns))]

    def line(cells: tuple[str, ...]) -> str:
        padded = [
            cell + " " * (width - cell_len(cell) + 2)
            for cell, width in zip(cells, widths, strict=True)
        ]
        return "".join(padded).rstrip()

    return [[(line(cells[0]), TITLE)], *([(line(row), "")] for row in cells[1:])]


def hit_lines(hit: Hit, width: int) -> list[Line]:
    spans, position = [], 0
    for start, end in hit.spans:
        spans += [(hit.snippet[position:start], ""), (hit.snippet[start:end], MATCH)]
        position = end
    spans.append((hit.snippet[position:], ""))
    body = flow([(clean(part), style) for part, style in spans if part], width - 2)
    header: Line = [(visible(hit.code), HEADING), (" · ", ""), (visible(hit.section), DIM)]
    return [header, *([("  ", ""), *line] if line else [] for line in body), []]


def columns(left: list[Span], right: list[Span], width: int) -> list[Line]:
    """Two texts side by side, each wrapped to half the width, with a rule between them."""
    half = (width - 3) // 2
    a, b = flow(left, half), flow(right, half)
    rows = []
    for index in range(max(len(a), len(b))):
        line_a = a[index] if index < len(a) else []
        line_b = b[index] if index < len(b) else []
        pad = (" " * (half - cell_len(plain(line_a))), "")
        rule: Line = [(" │", DIM), (" ", ""), *line_b] if line_b else [(" │", DIM)]
        rows.append([*line_a, pad, *rule])
    return rows


def _comparison(view: Comparison, width: int) -> list[Line]:
    width = max(width, 20)
    missing: list[Span] = [("—", DIM)]
    heads = [
        [(visible(code), TITLE), *([(f" · {visible(name)}", DIM)] if name else [])]
        for code, name in zip(view.codes, view.names, strict=True)
    ]
    lines: list[Line] = columns(heads[0], heads[1], width)
    for section in view.sections:
        lines.append([])
        left, right = ([(clean(t), HEADING)] if t else missing for t in section.titles)
        lines += columns(left, right, width)
        for pair in section.pairs:
            lines.append([])
            left, right = ([(clean(t), "")] if t else missing for t in pair)
            lines += columns(left, right, width)
    return lines


def _report(view: Report) -> list[Line]:
    lines = []
    for problem in view.problems:
        label = (
            (" " + _("error: "), ERROR) if problem.severity == "error" else (" " + _("note: "), DIM)
        )
        lines.append([(visible(f"{problem.where}:"), TITLE), label, (visible(problem.message), "")])
    return lines


def paint(line: Line, color_system: ColorSystem | None) -> str:
    return "".join(
        Style.parse(style).render(part, color_system=color_system) if style else part
        for part, style in line
    )


def _paint(lines: list[Line], output: Output) -> str:
    color_system = COLOR_SYSTEMS.get(output.color_system or "")
    return "".join(paint(line, color_system) + "\n" for line in lines)


def _width(output: Output) -> int:
    return output.width or 80


def document(view: Document, output: Output) -> str:
    return _paint(_document(view, _width(output)), output)


def section_list(view: SectionList, output: Output) -> str:
    return _paint(_listing(rows.section_list(view)), output)


def example_list(view: ExampleList, output: Output) -> str:
    return _paint(_listing(rows.example_list(view)), output)


def language_list(view: LanguageList, output: Output) -> str:
    return _paint(_listing(rows.language_list(view)), output)


def search_result(view: SearchResult, output: Output) -> str:
    width = _width(output)
    return _paint([line for hit in view.hits for line in hit_lines(hit, width)], output)


def comparison(view: Comparison, output: Output) -> str:
    return _paint(_comparison(view, _width(output)), output)


def interlinear(view: Interlinear, output: Output) -> str:
    return _paint(_interlinear(view, _width(output)), output)


def report(view: Report, output: Output) -> str:
    return _paint(_report(view), output)


def starter(view: Starter, output: Output) -> str:
    """The starter file as it would be saved: a file to edit, not a page to style."""
    from lastmile_cli.render.text import starter as plain

    return plain(view, output)


def script(view: Script, output: Output) -> str:
    """The completion script as it would be saved: a file to install, not a page to style."""
    return view.text


def path_list(view: PathList, output: Output) -> str:
    return _paint(_listing(rows.path_list(view)), output)


def status(view: Status, output: Output) -> str:
    return _paint(_listing(rows.status(view)), output)


def recorded(view: Recorded, output: Output) -> str:
    return _paint([[(visible(line), "")] for line in rows.recorded(view)], output)


def exported(view: Exported, output: Output) -> str:
    """The catalog as it would be saved: a file for a translator's tool, not a page to style."""
    return "".join(visible(line) + "\n" for line in view.text.splitlines())


def imported(view: Imported, output: Output) -> str:
    """The language file as it would be saved (nothing when `--output` wrote it)."""
    return "" if view.path else clean(view.text).rstrip("\n") + "\n"
