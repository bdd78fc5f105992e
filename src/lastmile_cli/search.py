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


def folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the index of the original one."""
    parts: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else fold_char(char)
        parts.append(folded)
        positions.extend([index] * len(folded))
    return "".join(parts), positions


def pattern(query: str) -> re.Pattern[str] | None:
    """Whole words and phrases of the folded query; any run of spaces in the text matches one."""
    words = "".join(fold_char(c) for c in query).split()
    if not words:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)")


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


def search(query: str, languages: Iterable[Language]) -> list[Hit]:
    """One hit per matching paragraph, in language and article order."""
    compiled = pattern(query)
    if compiled is None:
        return []
    hits = []
    for language in languages:
        for section in language.sections:
            for index, paragraph in enumerate(section.paragraphs):
                folded, positions = folded_with_positions(paragraph)
                matches = [
                    (positions[m.start()], positions[m.end() - 1] + 1)
                    for m in compiled.finditer(folded)
                ]
                if not matches:
                    continue
                first_start, first_end = matches[0]
                text, offset = snippet(paragraph, first_start, first_end)
                spans = tuple(
                    (s - offset, e - offset)
                    for s, e in matches
                    if s - offset >= 0 and e - offset <= len(text)
                )
                hits.append(Hit(language.code, section.id, index + 1, paragraph, text, spans))
    return hits
