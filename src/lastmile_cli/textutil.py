"""Small text helpers shared by matching, search and error messages."""

from __future__ import annotations

import re

# Patterns are strings, compiled (and cached by `re`) on first use: most runs need none of them.
_SEPARATORS = r"[\s_\-‐‑–—]+"
_APOSTROPHES = {ord("’"): "'", ord("‘"): "'", ord("ʼ"): "'"}
# Characters content may never hold, wherever it comes from (a file, the cache, the bundle):
# C0 and C1 controls (but tab and newline), DEL, the bidirectional overrides and isolates that
# can reorder what a reader sees, and the noncharacters U+FFFE and U+FFFF (which YAML refuses
# too, but without saying where).
UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
# A one-line message shows the same characters as escapes, and what would break its line too.
_MESSAGE_UNSAFE = UNSAFE[:-1] + "\t\n\u2028\u2029]"


def fold_char(char: str) -> str:
    """One character without case or accents, as matching compares it ("É" → "e", "ß" → "ss")."""
    import unicodedata  # only when a name is matched, not on every run

    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.casefold().translate(_APOSTROPHES)


def fold(text: str) -> str:
    """A name as matching compares it: no case, no accents, separators as single spaces."""
    folded = "".join(fold_char(c) for c in text)
    return re.sub(_SEPARATORS, " ", folded).strip()


def visible(text: str) -> str:
    """Text safe to echo in a one-line message: controls and line breaks shown as escapes."""
    if text.isprintable():
        return text
    escaped = re.sub(_MESSAGE_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)
    return escaped.encode("utf-8", "backslashreplace").decode("utf-8")


def first_unsafe(text: str) -> str | None:
    """The first character of `text` that content may not hold (see UNSAFE), or None."""
    if text.isprintable():  # the usual case, without the regular expression
        return None
    found = re.search(UNSAFE, text)
    return found.group() if found else None


def closest(value: str, choices: list[str]) -> str | None:
    """The choice most like what the user typed, for a "did you mean"; None when none is close."""
    import difflib  # only on the error path

    folded = {fold(c): c for c in choices}
    match = difflib.get_close_matches(fold(value), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None
