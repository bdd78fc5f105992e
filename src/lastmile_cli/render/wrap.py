"""Word wrapping measured in terminal cells, for every format that wraps (`--width`, a terminal).

A CJK character takes two cells, a combining accent none. Greedy: lines break at blanks, the
blanks at a break are dropped, a paragraph's leading blanks are kept, line breaks in the text
are honoured, and a word wider than the line is folded. It returns offsets, so styled spans can
be cut along the same lines. Cell widths are Rich's (`rich.cells`, a current Unicode table),
imported only when something is wrapped: a pipe without `--width` never loads Rich.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells

_WORD = re.compile(r"\S+")


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """The (start, end) of each line of `text` at `width` cells; no line ends in a blank."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    base = 0
    for piece in text.split("\n"):
        _wrap_piece(piece, base, width, lines)
        base += len(piece) + 1
    return lines


def lines(text: str, width: int | None) -> list[str]:
    """`text` as wrapped lines, or as one line when there is no width."""
    if width is None:
        return [text]
    return [text[start:end] for start, end in wrap(text, width)]


def _wrap_piece(text: str, base: int, width: int, lines: list[tuple[int, int]]) -> None:
    """Wrap one line of `text` (no line breaks) that starts at `base`, appending to `lines`."""
    start = end = used = 0
    placed = False  # whether the current line holds a word yet
    for match in _WORD.finditer(text):
        word_start, word_end = match.span()
        word = cell_len(match.group())
        gap = cell_len(text[end:word_start])
        if placed and used + gap + word > width:
            lines.append((base + start, base + end))
            start, used, gap, placed = word_start, 0, 0, False
        elif not placed and gap + word > width:  # leading blanks that leave no room
            start, gap = word_start, 0
        if not placed and word > width:
            offset = word_start
            chunks = [chunk for chunk in chop_cells(match.group(), width) if chunk]
            for chunk in chunks[:-1]:
                lines.append((base + offset, base + offset + len(chunk)))
                offset += len(chunk)
            start, end, used, placed = offset, word_end, cell_len(chunks[-1]), True
            continue
        end, used, placed = word_end, used + gap + word, True
    lines.append((base + start, base + (end if placed else start)))
