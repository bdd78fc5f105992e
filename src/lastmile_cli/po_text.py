"""PO text as polib writes it (POFile(wrapwidth=78)), without polib, textwrap or `re`.

What `lastmile export` prints was polib's output; polib brings `re` and textwrap, which cost a
piped export more than the rest of its work. This writes the same bytes: the same escapes, a
long one-line string folded into lines as textwrap folds it (at spaces, and after the hyphen
of a hyphenated word), a string of several lines written one line to a line, translator
comments folded as xgettext does. tests/test_po_text.py holds it to polib over generated
catalogs; reading a catalog (po.py) is polib-free already.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

WIDTH = 78
_ESCAPES = (
    ("\\", "\\\\"),
    ("\t", "\\t"),
    ("\r", "\\r"),
    ("\n", "\\n"),
    ("\v", "\\v"),
    ("\b", "\\b"),
    ("\f", "\\f"),
    ('"', '\\"'),
)
_SPACES = "\t\n\x0b\x0c\r"  # textwrap's whitespace besides the space: each becomes one
_PUNCT = "!\"'&.,?"


_SPECIAL = ("\\", "\n", "\r", "\t", "\v", "\b", "\f", '"')


def escape(text: str) -> str:
    for char, escaped in _ESCAPES:
        text = text.replace(char, escaped)
    return text


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _letter(char: str) -> bool:
    return _word(char) and not char.isdecimal()


def _dashes(text: str, start: int) -> bool:
    """Two hyphens or more at `start`, then a word character: an em-dash, for textwrap."""
    end = start
    while end < len(text) and text[end] == "-":
        end += 1
    return end - start >= 2 and end < len(text) and _word(text[end])


def _after_punct(text: str, index: int) -> bool:
    return index > 0 and (_word(text[index - 1]) or text[index - 1] in _PUNCT)


def chunks(text: str) -> list[str]:
    """The pieces textwrap folds a line at (its `wordsep_re`), for a line whose only blanks
    are spaces: runs of spaces, and words, a word with hyphens perhaps in several pieces.
    (Every look around the regular expression takes beyond a word meets a space, which is no
    letter, hyphen or punctuation: so each word can be cut on its own.)"""
    words = text.split(" ")
    if "  " in text:
        found: list[str] = []
        spaces = 0
        for index, word in enumerate(words):
            if index:
                spaces += 1
            if word:
                if spaces:
                    found.append(" " * spaces)
                    spaces = 0
                found.append(word)
        if spaces:
            found.append(" " * spaces)
    else:  # (the usual line: words and single spaces, alternating)
        found = [" "] * (2 * len(words) - 1)
        found[::2] = words
        found = list(filter(None, found))
    if "-" not in text:
        return found
    cut: list[str] = []
    for piece in found:
        if "-" in piece:
            cut += _pieces(piece)
        else:
            cut.append(piece)
    return cut


def _pieces(word: str) -> list[str]:
    """A word (no spaces) as textwrap cuts it: after the hyphen of a hyphenated word (a letter
    after two letters or after `letter-letter`, and two letters ahead, perhaps hyphenated),
    and around an em-dash (two hyphens or more between punctuation and a word character)."""
    found = []
    start = 0
    size = len(word)
    while start < size:
        if word[start] == "-" and _after_punct(word, start) and _dashes(word, start):
            end = start
            while word[end] == "-":
                end += 1
        else:
            end = start + 1
            while end < size:
                if word[end] == "-":
                    if (
                        end + 2 < size
                        and _letter(word[end + 1])
                        and (
                            _letter(word[end + 2])
                            or (word[end + 2] == "-" and end + 3 < size and _letter(word[end + 3]))
                        )
                        and (
                            (end >= 2 and _letter(word[end - 2]) and _letter(word[end - 1]))
                            or (
                                end >= 3
                                and _letter(word[end - 3])
                                and word[end - 2] == "-"
                                and _letter(word[end - 1])
                            )
                        )
                    ):
                        end += 1  # a hyphenated word: break after its hyphen
                        break
                    if _after_punct(word, end) and _dashes(word, end):
                        break
                end += 1
        found.append(word[start:end])
        start = end
    return found


def wrap(text: str, width: int, indent: str = "", drop_whitespace: bool = False) -> list[str]:
    """textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent,
    break_long_words=False, drop_whitespace=drop_whitespace), as polib calls it."""
    from itertools import accumulate  # (built in: no file to find)

    text = text.expandtabs()
    for space in _SPACES:
        text = text.replace(space, " ")
    pieces = chunks(text)
    ends = list(accumulate(map(len, pieces)))  # where each piece ends, from the start
    lines: list[str] = []
    room = width - len(indent)
    start = 0
    while start < len(pieces):
        if drop_whitespace and lines and pieces[start].strip() == "":
            start += 1
            if start == len(pieces):
                break
        before = ends[start - 1] if start else 0
        end = _fit(ends, before + room, start)
        if end == start:
            end += 1  # a word longer than the line: alone on its own
        line = pieces[start:end]
        start = end
        if drop_whitespace and line[-1].strip() == "":
            del line[-1]
        if line:
            lines.append(indent + "".join(line))
    return lines


def _fit(ends: list[int], limit: int, start: int) -> int:
    """The first piece from `start` on that ends beyond `limit` (bisect_right, whose module
    costs more to import than this costs to run)."""
    high = len(ends)
    while start < high:
        middle = (start + high) // 2
        if limit < ends[middle]:
            high = middle
        else:
            start = middle + 1
    return start


def field(keyword: str, value: str, prefix: str = "") -> list[str]:
    """`keyword "value"`: one line, folded at WIDTH when longer, or a line per line of it."""
    lines = value.splitlines(True)
    if len(lines) > 1:
        lines = ["", *lines]
    else:
        escaped = escape(value)
        # polib's measure: each of these counts as no room at all, not as the two characters
        # its escape takes (so a line that holds some is folded later than its length says)
        special = sum(value.count(char) for char in _SPECIAL)
        if len(value) > WIDTH - len(keyword) - 3 + special:
            # (polib unescapes each folded line and escapes it again: the same text)
            return [f'{prefix}{keyword} ""'] + [
                f'{prefix}"{line}"' for line in wrap(escaped, WIDTH - 2)
            ]
        lines = [value]
    first, *rest = lines
    return [f'{prefix}{keyword} "{escape(first)}"'] + [f'{prefix}"{escape(line)}"' for line in rest]


def entry(
    msgid: str,
    msgstr: str,
    msgctxt: str | None = None,
    comment: str = "",
    flags: Sequence[str] = (),
) -> str:
    """One entry, as POEntry writes it (its lines, and the line break that ends them)."""
    lines: list[str] = []
    if comment:
        for line in comment.split("\n"):
            if len(line) + 2 > WIDTH:
                lines += wrap(line, WIDTH, "# ", drop_whitespace=True)
            else:
                lines.append("# " + line)
    if flags:
        lines.append("#, " + ", ".join(flags))
    if msgctxt is not None:
        lines += field("msgctxt", msgctxt)
    lines += field("msgid", msgid)
    lines += field("msgstr", msgstr)
    return "\n".join(lines) + "\n"


_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


def _natural(key: str) -> list[int | str]:
    """polib's natural sort key of the other headers: the text between runs of ASCII digits
    in lower case, each run as its number (re.split("([0-9]+)", key), converted)."""
    parts = [""]
    for char in key:
        digit = char in "0123456789"
        if digit != (len(parts) % 2 == 0):
            parts.append("")
        parts[-1] += char
    if len(parts) % 2 == 0:
        parts.append("")
    return [int(part) if part.isdigit() else part.lower() for part in parts]


def catalog(header: str, metadata: dict[str, str], entries: Sequence[str]) -> str:
    """The whole file as str(POFile): the header comment, the metadata entry, the entries."""
    top = []
    for line in header.split("\n"):
        if not line:
            top.append("#\n")
        elif line[:1] in (",", ":"):
            top.append(f"#{line}\n")
        else:
            top.append(f"# {line}\n")
    known = [name for name in _ORDER if name in metadata]
    others = sorted((name for name in metadata if name not in _ORDER), key=_natural)
    fields = [f"{name}: {metadata[name]}" for name in known + others]
    first = entry("", "\n".join(fields) + "\n" if fields else "")
    return "".join(top) + "\n".join([first, *entries])
