"""The search's matcher is plain string searching; here it is held to the regular expression
it replaced (kept below as the oracle), over generated texts and queries in every script.

Texts and queries are drawn from the characters where folding and word boundaries are hard
(ß and ẞ, the Turkish dotted and dotless I, combining marks, ligatures, apostrophes, every
hyphen and space, digits of other scripts, casefolds that are not lowercase) and from all of
Unicode, and a query is often a piece of its text, so most examples find something.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lastmile_cli.model import Language, Section
from lastmile_cli.passages import find, folded_with_positions, snippet, words
from lastmile_cli.textutil import fold_char
from lastmile_cli.views import Hit

# -- the oracle: passages.py as it was, with `re` ------------------------------------------

_ASCII_LOWER = {ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
_BETWEEN = "[\\s\\-\u2010]+"


def old_folded_with_positions(text: str) -> tuple[str, list[int] | None]:
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


def old_original(positions: list[int], match: re.Match[str], text: str) -> tuple[int, int]:
    end = positions[match.end()] if match.end() < len(positions) else len(text)
    return positions[match.start()], end


def old_pattern(query: str) -> re.Pattern[str] | None:
    found = re.split(_BETWEEN, "".join(fold_char(c) for c in query).strip())
    found = [word for word in found if word]
    if not found:
        return None
    return re.compile(r"(?<!\w)" + _BETWEEN.join(re.escape(w) for w in found) + r"(?!\w)")


def old_find(query: str, languages: list[Language]) -> list[Hit]:
    compiled = old_pattern(query)
    if compiled is None:
        return []
    hits = []
    for language in languages:
        for section in language.sections:
            for paragraph in section.paragraphs:
                folded, positions = old_folded_with_positions(paragraph)
                matches = [
                    (m.start(), m.end())
                    if positions is None
                    else old_original(positions, m, paragraph)
                    for m in compiled.finditer(folded)
                ]
                if not matches:
                    continue
                first_start, first_end = matches[0]
                text, offset = snippet(paragraph, first_start, first_end)
                spans = tuple(
                    (s - offset, e - offset) for s, e in matches if e - offset <= len(text)
                )
                hits.append(Hit(language.code, section.id, paragraph, text, spans))
    return hits


# -- what is generated ---------------------------------------------------------------------

HARD = (
    "aAbBeEiIsSzZ09_ \t\n\r\x0b\x0c\u00a0\u2007\u3000\u2028-\u2010\u2011\u2012\u2013\u2014"
    "'’‘ʼ.,;:!?\"«»()ßẞİıﬁﬀﬆŉǰǅǄǆΣσςΐἀᾳéÉèÈëäÄöÖüÜñÑçÇøØæÆœŒ"
    "\u0301\u0307\u0308\u0327\u0345\u0338²½Ⅻ٣३０ＡａꭰᎠ\ufb01\u1e9e\u1e96\u00b5\u017f\u212a"
    "\u00df\u0130\u0131\U0001d400\U0001f600\ud800\udcff"
)
hard = st.sampled_from(HARD)
anything = st.characters(exclude_categories=())  # (surrogates included)
char = st.one_of(hard, hard, hard, anything)
texts = st.text(char, max_size=120)


@st.composite
def text_and_query(draw: st.DrawFn) -> tuple[str, str]:
    text = draw(texts)
    if text and draw(st.booleans()):  # a piece of the text, perhaps in other case or spacing
        start = draw(st.integers(0, len(text) - 1))
        query = text[start : draw(st.integers(start + 1, min(len(text), start + 20)))]
        query = draw(st.sampled_from([query, query.upper(), query.replace(" ", "-"), query]))
    else:
        query = draw(st.text(char, max_size=12))
    return text, query


def language(*paragraphs: str) -> Language:
    return Language("qaa", "Q", "Q", "T", (Section("summary", "section", "S", paragraphs),))


# -- the properties ------------------------------------------------------------------------


@pytest.mark.slow  # (every code point: a long run, kept for the full suite)
def test_no_fold_holds_a_character_that_folds_again() -> None:
    """What folding by one `str.replace` per character relies on, over every code point."""
    again = []
    for code in range(0x80, 0x110000):
        folded = fold_char(chr(code))
        if not folded.isascii() and any(fold_char(c) != c for c in folded if not c.isascii()):
            again.append(f"U+{code:04X}")
    assert again == []


@settings(max_examples=600)
@given(st.text(char, max_size=200))
@example("Straße und STRASSE, Ärger über Ärger.")
@example("Cafe\u0301 \ufb01nal İstanbul ıı ẞ")
@example("ꭰᎠ ǅ ΐ ᾳ ŉ")
def test_folding_is_the_old_folding(text: str) -> None:
    assert folded_with_positions(text) == old_folded_with_positions(text)


@settings(max_examples=1500)
@given(text_and_query())
@example(("fails the last-mile test", "last mile"))
@example(("fails the last \u2011 mile test", "LAST\u2010MILE"))
@example(("dell’ultimo miglio", "dell'ultimo"))
@example(("a last-minute call", "last mile"))
@example(("x_mile mile_x mile", "mile"))
@example(("Straße STRASSE strasse", "STRAẞE"))
@example(("İstanbul istanbul", "i\u0307stanbul"))
@example(("the \ufb01nal step", "final"))
@example(("Cafe\u0301 cafe\u0301s", "cafe"))
@example(("aaa aa a", "aa"))
@example(("a-a-a a", "a a"))
@example(("ab a b", "a b"))
@example(("- a -", "-a-"))
@example(("a\u00a0\u2007b a b", "a  b"))
@example(("½ 1½ x²", "1"))
def test_finding_is_the_old_finding(case: tuple[str, str]) -> None:
    text, query = case
    assert find(query, [language(text)]) == old_find(query, [language(text)])


@settings(max_examples=300)
@given(st.lists(texts, min_size=1, max_size=4), st.text(char, max_size=12))
def test_several_paragraphs_find_as_before(paragraphs: list[str], query: str) -> None:
    many = [language(*paragraphs), language(*reversed(paragraphs))]
    assert find(query, many) == old_find(query, many)


@settings(max_examples=500)
@given(st.text(char, max_size=20))
@example("")
@example(" - \u2010\u2011 ")
@example("last\u2011mile")
def test_a_query_is_empty_exactly_when_it_was(query: str) -> None:
    assert (words(query) == []) == (old_pattern(query) is None)


# -- by value --------------------------------------------------------------------------------


def test_characters_that_fold_to_two_side_by_side_each_keep_their_place() -> None:
    """Two "ß" fold to "ssss": each pair of letters points back at the character it came from,
    so a match of the two is shown on the two, and nothing around them."""
    text = "x ßß ß"
    assert folded_with_positions(text) == ("x ssss ss", [0, 1, 2, 2, 3, 3, 4, 5, 5])
    hits = find("ssss", [language(text)])
    assert [[hit.snippet[a:b] for a, b in hit.spans] for hit in hits] == [["ßß"]]
