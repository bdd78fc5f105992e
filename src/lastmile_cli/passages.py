"""Finding passages: case- and accent-insensitive, on whole words and phrases, in any language.

`ultima milla` finds "última milla" and `MARATHON` finds "Marathon": text and query are folded
the same way, and a map from folded to original positions puts the match back in the real text.
A phrase is its words in order with any run of spaces or hyphens between them, and a match
is whole words: no letter, digit or `_` right before or after it. This is plain string
searching (no regular expression: `re` would cost a piped search more than the search itself);
tests/test_search_matching.py checks it against the regular expression it replaced.
"""

from __future__ import annotations

from lastmile_cli.model import Language
from lastmile_cli.textutil import fold_char
from lastmile_cli.views import Hit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

CONTEXT = 60
# Between two words, a hyphen is a space: "last mile", "last-mile" and "last‑mile" (U+2011,
# which folds to U+2010) are one phrase, in the query and in the text.
_HYPHENS = "-\u2010"
_FOLDED: dict[str, str] = {}  # each non-ASCII character's fold, once per run
_ASCII = bytes(range(128))


def _fold(char: str) -> str:
    folded = _FOLDED.get(char)
    if folded is None:
        folded = _FOLDED[char] = fold_char(char)
    return folded


def folded_with_positions(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for each of its characters the index of the original one.

    The positions are None when every character folds to exactly one (the usual case), so
    folded and original indices are the same and no per-character work is needed.
    """
    if text.isascii():
        return text.lower(), None
    # In UTF-8 every byte of a non-ASCII character is above 127: `bytes.lower` lowers only A-Z,
    # and deleting the ASCII bytes leaves the non-ASCII characters, without a loop over all.
    data = text.encode("utf-8", "surrogatepass")
    others = set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    changed = {c: f for c, f in ((c, _fold(c)) for c in others) if f != c}
    # One character after another, each everywhere at once: no fold holds a character that
    # folds again (tests/test_search_matching.py checks all of Unicode), so none is changed twice.
    folded_text = data.lower().decode("utf-8", "surrogatepass")
    for char, folded in changed.items():
        folded_text = folded_text.replace(char, folded)
    if all(len(folded) == 1 for folded in changed.values()):
        return folded_text, None
    uneven = sorted(
        index
        for char, folded in changed.items()
        if len(folded) != 1
        for index in _occurrences(text, char)
    )
    positions: list[int] = []
    last = 0
    for index in uneven:
        positions.extend(range(last, index))
        positions.extend([index] * len(changed[text[index]]))
        last = index + 1
    positions.extend(range(last, len(text)))
    return folded_text, positions


def _occurrences(text: str, char: str) -> list[int]:
    found = []
    index = text.find(char)
    while index != -1:
        found.append(index)
        index = text.find(char, index + 1)
    return found


def _between(char: str) -> bool:
    """A space or a hyphen: what may separate the words of a phrase."""
    return char.isspace() or char in _HYPHENS


def _word(char: str) -> bool:
    """A character a word goes on with: a match may not start or end beside one."""
    return char.isalnum() or char == "_"


def words(query: str) -> list[str]:
    """The folded words of a query, split at spaces and hyphens (apostrophes fold alike: ’ is
    '); none for a query of nothing else."""
    found: list[str] = []
    current: list[str] = []
    for char in "".join(fold_char(c) for c in query):
        if _between(char):
            if current:
                found.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        found.append("".join(current))
    return found


def _end(folded: str, start: int, phrase: list[str]) -> int:
    """Where the phrase found at `start` ends, or -1 when it is not whole words there."""
    if start > 0 and _word(folded[start - 1]):
        return -1
    position = start + len(phrase[0])
    for word in phrase[1:]:
        after = position
        while position < len(folded) and _between(folded[position]):
            position += 1
        if position == after or not folded.startswith(word, position):
            return -1
        position += len(word)
    if position < len(folded) and _word(folded[position]):
        return -1
    return position


def matches(folded: str, phrase: list[str]) -> list[tuple[int, int]]:
    """Every match of the phrase in the folded text, left to right, none overlapping."""
    found = []
    start = folded.find(phrase[0])
    while start != -1:
        end = _end(folded, start, phrase)
        if end == -1:
            start = folded.find(phrase[0], start + 1)
        else:
            found.append((start, end))
            start = folded.find(phrase[0], end)
    return found


def original(positions: list[int], start: int, end: int, text: str) -> tuple[int, int]:
    """A match's span in the original text, with any accents that folded away inside it."""
    return positions[start], positions[end] if end < len(positions) else len(text)


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
    phrase = words(query)
    if not phrase:
        return []
    hits = []
    for language in languages:
        for section in language.sections:
            for paragraph in section.paragraphs:
                folded, positions = folded_with_positions(paragraph)
                found = matches(folded, phrase)
                if not found:
                    continue
                if positions is not None:
                    found = [original(positions, s, e, paragraph) for s, e in found]
                first_start, first_end = found[0]
                text, offset = snippet(paragraph, first_start, first_end)
                # every match starts after the first, so only the end can fall outside
                spans = tuple((s - offset, e - offset) for s, e in found if e - offset <= len(text))
                hits.append(Hit(language.code, section.id, paragraph, text, spans))
    return hits
