"""lastmile writes PO text itself (po_text.py); here it is held to polib, which wrote every
catalog `lastmile export` printed before, over generated entries: long lines folded at spaces
and hyphens, several lines, escapes, tabs, em-dashes, words longer than a line, comments."""

from __future__ import annotations

import polib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from lastmile_cli import po_text
from lastmile_cli.content import Article
from lastmile_cli.po import export

PIECES = st.sampled_from(
    [
        *(" ", "  ", "-", "--", "---", "\t", "\n", "\r", "\\", '"', "a", "bc", "é", "x" * 80),
        *("last-mile", "re-run-it", "a-b-cd", "ab--cd", "1-2", "x.--y", "'--z", "_-_", "\u00a0"),
        *("\u2028", "\x0b", "\x0c", "\u2010", "ß", "İ", "3", "٣", ",", "?", "!", "&", "“", "…"),
    ]
)
text = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)
line = text.map(lambda t: t.replace("\n", " "))


def with_polib(header: str, metadata: dict[str, str], entries: list[dict[str, object]]) -> str:
    article = polib.POFile(wrapwidth=78)
    article.header = header
    article.metadata = metadata
    for fields in entries:
        article.append(polib.POEntry(**fields))
    return str(article)


entries = st.lists(
    st.fixed_dictionaries(
        {"msgctxt": line.filter(bool), "msgid": text.filter(bool), "msgstr": text},
        optional={"tcomment": text, "flags": st.just(["fuzzy"])},
    ),
    max_size=4,
    unique_by=lambda e: (e["msgctxt"], e["msgid"]),
)


@pytest.mark.slow  # (a long Hypothesis run: the full suite)
@settings(max_examples=400)
@given(st.lists(line, min_size=1, max_size=3).map("\n".join), entries)
@example("h", [{"msgctxt": "c", "msgid": "word " * 30, "msgstr": "a-b-c-d-efgh " * 9}])
@example("h", [{"msgctxt": "c", "msgid": "x" * 100 + " y", "msgstr": "", "tcomment": "z" * 90}])
@example(":, h\n\n,x", [{"msgctxt": "c", "msgid": "ab--cd " * 15, "msgstr": "\t" * 20 + "q"}])
@example(  # a tab counts as no room in polib's measure: this line is not folded
    "", [{"msgctxt": " ", "msgid": " ", "msgstr": " " * 9 + "---\t" + "last-mile" * 4 + "0" * 20}]
)
@example("", [{"msgctxt": "c", "msgid": '"' * 40 + "\\" * 30, "msgstr": "\b\f\v" * 24}])
def test_the_catalog_is_polibs(header: str, units: list[dict[str, object]]) -> None:
    metadata = {
        "Language": "de",
        "X-Lastmile-Sections": "a=- b=-",
        "X-Lastmile-Added": "",
        "Z2": "1",
    }
    ours = [
        po_text.entry(
            str(u["msgid"]),
            str(u["msgstr"]),
            str(u["msgctxt"]),
            str(u.get("tcomment", "")),
            list(u.get("flags", [])),  # type: ignore[call-overload]
        )
        for u in units
    ]
    assert po_text.catalog(header, metadata, ours) == with_polib(header, metadata, units)


@pytest.mark.slow  # (a long Hypothesis run: the full suite)
@settings(max_examples=1000)
@given(line, st.integers(4, 90))
@example("the last-mile failure -- and re-re-run--it", 10)
@example("a  b   c    d", 3)
def test_folding_is_textwraps(value: str, width: int) -> None:
    import textwrap

    expected = textwrap.wrap(value, width, drop_whitespace=False, break_long_words=False)
    assert po_text.wrap(value, width) == expected
    comment = textwrap.wrap(
        value, width, initial_indent="# ", subsequent_indent="# ", break_long_words=False
    )
    assert po_text.wrap(value, width, "# ", drop_whitespace=True) == comment


def test_every_bundled_language_exports_as_polib_wrote_it() -> None:
    article = Article([], None)
    english = article.require("en")
    for code in [*article.codes(), "pt-BR"]:
        if code == "en":
            continue
        language = article.load(code) if code != "pt-BR" else None
        ours = export(code, language, english)
        theirs = polib.pofile(ours, wrapwidth=78)
        assert str(theirs) + "\n" == ours  # polib reads it back and writes the same bytes


# Words at the edges of textwrap's rules (the hyphen of a hyphenated word, an em-dash, a word
# that starts with dashes), each folded at every narrow width: a fast, in-process pin of what
# the slow Hypothesis runs above hold over generated text.
EDGES = [
    *("--abc", "x --abc", "ab--cd", "ab---cd", "x.--y", "'--z", "a--", "ab--"),
    *("a-b-cd", "re-run-it", "ab-c-de", "ab-cd", "a-bc", "ab-c", "ab-c-d", "a-b-c-de"),
    *("ab-c-", "abc-d-e", "abc-de-", "ab-1c", "ab-c1", "1b-cd", "a-b-cd-ef", "ab-c-d-ef"),
    *("a-b-", "a-b-c", "ab-c-1", "a-1-cd", "1-b-cd", "a-b1cd", "ab-c-d1", "abc-", "ab-"),
]


@pytest.mark.parametrize("word", EDGES)
def test_edge_words_fold_as_textwrap_folds_them(word: str) -> None:
    import textwrap

    for value in (word, f"q {word} z"):
        for width in range(1, len(value) + 2):
            expected = textwrap.wrap(value, width, drop_whitespace=False, break_long_words=False)
            assert po_text.wrap(value, width) == expected, (value, width)


def test_other_headers_are_in_polibs_natural_order() -> None:
    metadata = {
        "Language": "de",
        "X-Item10": "a",
        "X-Item9": "b",
        "X-Item100b": "c",
        "X-Item100a": "d",
        "X-Bz": "e",
        "X-Ba": "f",
        "x-aa": "g",
    }
    assert po_text.catalog("h", metadata, []) == with_polib("h", metadata, [])
