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
from lastmile_cli.render import layout, rows
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


class Styled:
    """The terminal's look of the layout (render/layout.py): a unit is a styled line. The title
    is ruled; an example's every line carries a bar (so its text is two cells narrower); a
    sentence's answer is indented and dimmed beneath it."""

    def __init__(self, output: Output) -> None:
        self.output, self.width = output, _width(output)

    def _inner(self, section: Section) -> int:
        return self.width - 2 if section.kind == "example" else self.width

    def title(self, doc: Document) -> list[Line]:
        lines = flow([(clean(doc.title), TITLE)], self.width)
        rule = min(self.width, max(cell_len(plain(line)) for line in lines))
        return [*lines, [("─" * rule, DIM)]]

    def heading(self, doc: Document, section: Section) -> list[Line]:
        style = EXAMPLE if section.kind == "example" else HEADING
        return flow([(clean(section.title), style), *_origin(doc, section)], self._inner(section))

    def paragraph(self, text: str, section: Section) -> list[Line]:
        return flow([(clean(text), "")], self._inner(section))

    def pair(self, text: str, answer: str | None, section: Section) -> list[Line]:
        inner = self._inner(section)
        said: list[Span] = [(clean(answer), DIM)] if answer else [("—", DIM)]
        answers = flow(said, max(inner - len(INDENT), 1))
        return [*flow([(clean(text), "")], inner), *([(INDENT, ""), *line] for line in answers)]

    def section(self, doc: Document, section: Section, parts: list[list[Line]]) -> list[Line]:
        gap: list[Line] = [[]]
        body = [*parts[0], *layout.between(parts[1:], gap)]
        if section.kind == "example":
            body = [[("┃ ", BAR), *line] if line else [("┃", BAR)] for line in body]
        return [[], *body]

    def page(self, doc: Document, title: list[Line], sections: list[list[Line]]) -> str:
        return _paint([*title, *layout.flat(sections)], self.output)


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
    return layout.document(view, Styled(output))


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
    return layout.interlinear(view, Styled(output))


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
