"""Finding passages: case- and accent-insensitive, on whole words and phrases, in any language.

`ultima milla` finds "última milla" and `MARATHON` finds "Marathon": text and query are folded
the same way, and a map from folded to original positions puts the match back in the real text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lastmile_cli.model import Language
from lastmile_cli.textutil import fold_char
from lastmile_cli.views import Hit

CONTEXT = 60
_ASCII_LOWER = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def folded_with_positions(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for each of its characters the index of the original one.

    The positions are None when every character folds to exactly one (the usual case), so
    folded and original indices are the same and no per-character work is needed.
    """
    table: dict[int, str] = dict(_ASCII_LOWER)
    aligned = True
    for char in set(text):
        if not char.isascii():
            folded = fold_char(char)
            table[ord(char)] = folded
            aligned = aligned and len(folded) == 1
    if aligned:
        return text.translate(table), None
    positions: list[int] = []
    for index, char in enumerate(text):
        positions.extend([index] * len(table.get(ord(char), char)))
    return text.translate(table), positions


def original(positions: list[int], match: re.Match[str], text: str) -> tuple[int, int]:
    """A match's span in the original text, with any accents that folded away inside it."""
    end = positions[match.end()] if match.end() < len(positions) else len(text)
    return positions[match.start()], end


# Between two words, a hyphen is a space: "last mile", "last-mile" and "last‑mile" (U+2011,
# which folds to U+2010) are one phrase, in the query and in the text.
_BETWEEN = "[\\s\\-\u2010]+"


def pattern(query: str) -> re.Pattern[str] | None:
    """Whole words and phrases of the folded query; any run of spaces or hyphens in the text
    matches any run in the query (apostrophes fold alike: ’ is ')."""
    words = re.split(_BETWEEN, "".join(fold_char(c) for c in query).strip())
    words = [word for word in words if word]
    if not words:
        return None
    return re.compile(r"(?<!\w)" + _BETWEEN.join(re.escape(w) for w in words) + r"(?!\w)")


def snippet(text: str, start: int, end: int) -> tuple[str, int]:
    """A short piece of `text` around [start, end), cut at spaces; returns it and its offset."""
    left = max(0, start - CONTEXT)
    right = min(len(text), end + CONTEXT)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    return prefix + text[left:right] + suffix, left - len(prefix)


def find(query: str, languages: Iterable[Language]) -> list[Hit]:
    """One hit per matching paragraph, in language and article order."""
    compiled = pattern(query)
    if compiled is None:
        return []
    hits = []
    for language in languages:
        for section in language.sections:
            for paragraph in section.paragraphs:
                folded, positions = folded_with_positions(paragraph)
                matches = [
                    (m.start(), m.end()) if positions is None else original(positions, m, paragraph)
                    for m in compiled.finditer(folded)
                ]
                if not matches:
                    continue
                first_start, first_end = matches[0]
                text, offset = snippet(paragraph, first_start, first_end)
                # every match starts after the first, so only the end can fall outside
                spans = tuple(
                    (s - offset, e - offset) for s, e in matches if e - offset <= len(text)
                )
                hits.append(Hit(language.code, section.id, paragraph, text, spans))
    return hits
