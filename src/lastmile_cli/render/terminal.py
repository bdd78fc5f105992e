"""Styled output for a terminal, drawn with Rich from `Text` objects only, never markup.

Imported only when output is styled, so pipes never pay for Rich. The Console is made here from
the decision already taken in `Output`: Rich does not look at the environment on its own.
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from lastmile_cli.model import Document, Section
from lastmile_cli.output import Output
from lastmile_cli.views import Comparison, Hit, Listing, Report, SearchResult

TITLE = "bold"
HEADING = "bold cyan"
EXAMPLE = "bold yellow"
BAR = "yellow"
DIM = "dim"
MATCH = "bold black on yellow"
ERROR = "bold red"


def console_for(output: Output, buffer: io.StringIO) -> Console:
    """A Console that writes to `buffer` exactly as `output` says, whatever the environment."""
    return Console(
        file=buffer,
        force_terminal=True,
        force_jupyter=False,
        force_interactive=False,
        color_system=output.color_system,  # type: ignore[arg-type]
        no_color=False,
        width=output.width or 80,
        height=output.height,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        tab_size=4,
    )


def section_lines(section: Section, console: Console, width: int) -> list[Text]:
    if section.kind != "example":
        lines = [Text(section.title, style=HEADING)]
        for index, paragraph in enumerate(section.paragraphs):
            if index:
                lines.append(Text())
            lines.extend(Text(paragraph).wrap(console, width))
        return lines
    bar = Text("┃ ", style=BAR)
    lines = [Text.assemble(bar, Text(section.title, style=EXAMPLE))]
    for index, paragraph in enumerate(section.paragraphs):
        if index:
            lines.append(bar.copy())
        lines.extend(Text.assemble(bar, line) for line in Text(paragraph).wrap(console, width - 2))
    return lines


def document(doc: Document, console: Console) -> list[Text]:
    width = console.width
    lines = list(Text(doc.title, style=TITLE).wrap(console, width))
    lines.append(Text("─" * min(width, max(cell_len(line.plain) for line in lines)), style=DIM))
    for section in doc.sections:
        lines.append(Text())
        lines.extend(section_lines(section, console, width))
    return lines


def listing(table: Listing) -> list[Text]:
    widths = [cell_len(c) for c in table.columns]
    for row in table.rows:
        widths = [max(w, cell_len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: tuple[str, ...], style: str = "") -> Text:
        text = Text(style=style)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            last = index == len(cells) - 1
            text.append(cell if last else cell + " " * (width - cell_len(cell) + 2))
        text.rstrip()
        return text

    lines = [line(table.columns, TITLE), *(line(row) for row in table.rows)]
    return lines


def hit_lines(hit: Hit, console: Console, width: int) -> list[Text]:
    text = Text(hit.snippet)
    for start, end in hit.spans:
        text.stylize(MATCH, start, end)
    header = Text.assemble((hit.language, HEADING), " · ", (hit.section, DIM))
    return [header, *(Text.assemble("  ", line) for line in text.wrap(console, width - 2)), Text()]


def columns(left: Text, right: Text, console: Console, width: int) -> list[Text]:
    """Two texts side by side, each wrapped to half the width, with a rule between them."""
    half = (width - 3) // 2
    a, b = left.wrap(console, half), right.wrap(console, half)
    rows = []
    for index in range(max(len(a), len(b))):
        line_a = a[index] if index < len(a) else Text()
        line_b = b[index] if index < len(b) else Text()
        line_a.pad_right(half - line_a.cell_len)
        rows.append(Text.assemble(line_a, (" │ ", DIM), line_b))
    return rows


def comparison(view: Comparison, console: Console) -> list[Text]:
    width = max(console.width, 20)
    missing = Text("—", style=DIM)
    lines: list[Text] = []
    for section in view.sections:
        if lines:
            lines.append(Text())
        left, right = (Text(t, style=HEADING) if t else missing.copy() for t in section.titles)
        lines += columns(left, right, console, width)
        for pa, pb in section.pairs:
            lines.append(Text())
            lines += columns(
                Text(pa) if pa else missing.copy(),
                Text(pb) if pb else missing.copy(),
                console,
                width,
            )
    return lines


def report(view: Report) -> list[Text]:
    lines = []
    for problem in view.problems:
        where = (
            f"{problem.path}:{problem.line}:{problem.column}:"
            if problem.line
            else f"{problem.path}:"
        )
        label = (
            (" error: ", ERROR) if problem.severity == "error" else (f" {problem.severity}: ", DIM)
        )
        lines.append(Text.assemble((where, TITLE), label, problem.message))
    return lines


def render(view: object, output: Output) -> str:
    buffer = io.StringIO()
    console = console_for(output, buffer)
    if isinstance(view, Document):
        lines = document(view, console)
    elif isinstance(view, Listing):
        lines = listing(view)
    elif isinstance(view, SearchResult):
        lines = [line for hit in view.hits for line in hit_lines(hit, console, console.width)]
    elif isinstance(view, Comparison):
        lines = comparison(view, console)
    elif isinstance(view, Report):
        lines = report(view)
    else:
        raise TypeError(f"no terminal rendering for {type(view).__name__}")
    for text in lines:
        console.print(text, soft_wrap=True)
    return buffer.getvalue()
