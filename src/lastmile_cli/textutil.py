"""Small text helpers shared by matching, search and error messages."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re

# Patterns are strings, compiled (and cached by `re`) on first use: most runs need none of them,
# so `re` itself is imported only by the functions that use it.
_SEPARATORS = r"[\s_\-‐‑–—]+"
_APOSTROPHES = {ord("’"): "'", ord("‘"): "'", ord("ʼ"): "'"}
# Characters content may never hold, wherever it comes from (a file, the cache, the bundle):
# C0 and C1 controls (but tab and newline), DEL, the bidirectional overrides and isolates that
# can reorder what a reader sees, and the noncharacters U+FFFE and U+FFFF (which YAML refuses
# too, but without saying where).
UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
# What is echoed (a file name, a key, an argument, a path in JSON) shows as an escape every
# character that could move the cursor, break the line, or reorder what a reader sees: all C0
# and C1 controls, DEL, every Bidi_Control character (U+061C, U+200E, U+200F, U+202A-U+202E,
# U+2066-U+2069), the line and paragraph separators, the noncharacters, and lone surrogates
# (which is how Python holds the bytes of a file name that is not UTF-8: those show as \xNN).
_ECHO_UNSAFE = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
# Content shown on a terminal keeps the three direction marks content may hold (a right-to-left
# translation needs them); they move nothing but the text around them.
_CONTENT_UNSAFE = _ECHO_UNSAFE.replace("\u061c\u200e\u200f", "")


def fold_char(char: str) -> str:
    """One character without case or accents, as matching compares it ("É" → "e", "ß" → "ss")."""
    import unicodedata  # only when a name is matched, not on every run

    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.casefold().translate(_APOSTROPHES)


def fold(text: str) -> str:
    """A name as matching compares it: no case, no accents, separators as single spaces."""
    import re

    folded = "".join(fold_char(c) for c in text)
    return re.sub(_SEPARATORS, " ", folded).strip()


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the file system decoder
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, content: bool = False) -> str:
    """Text as lastmile echoes it, in every format: what could act on a terminal, forge a line
    or reorder the text is shown as an escape (`\\u001b`, `\\u202e`, `\\xff`), the rest as is.
    `content`: the article's own text, whose direction marks are kept."""
    if text.isprintable():  # the usual case, without the regular expression
        return text
    import re

    return re.sub(_CONTENT_UNSAFE if content else _ECHO_UNSAFE, _escape, text)


def echo_unsafe(text: str) -> str | None:
    """The first character of `text` that `visible` would show as an escape, or None."""
    if text.isprintable():
        return None
    import re

    found = re.search(_ECHO_UNSAFE, text)
    return found.group() if found else None


def first_unsafe(text: str) -> str | None:
    """The first character of `text` that content may not hold (see UNSAFE), or None."""
    if text.isprintable():  # the usual case, without the regular expression
        return None
    import re

    found = re.search(UNSAFE, text)
    return found.group() if found else None


def closest(value: str, choices: list[str]) -> str | None:
    """The choice most like what the user typed, for a "did you mean"; None when none is close."""
    import difflib  # only on the error path

    folded = {fold(c): c for c in choices}
    match = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None
