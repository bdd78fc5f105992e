"""The styled renderer: word wrapping by cells, its golden output, and what may reach a terminal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import Lastmile, check_golden, strip_ansi
from lastmile_cli.language_choice import Choice
from lastmile_cli.model import Document, Language, Section
from lastmile_cli.output import Output
from lastmile_cli.problems import Problem, Severity
from lastmile_cli.render import render
from lastmile_cli.render.terminal import clean
from lastmile_cli.render.wrap import wrap
from lastmile_cli.views import (
    ExampleList,
    Hit,
    Imported,
    LanguageList,
    PathList,
    Place,
    Report,
    SearchResult,
)


def lines(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end in wrap(text, width)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("aa bb cc", 5, ["aa bb", "cc"]),
        ("aa bb cc", 8, ["aa bb cc"]),
        ("aa   bb", 4, ["aa", "bb"]),  # the blanks at a break are dropped
        ("aa   bb", 7, ["aa   bb"]),  # and kept inside a line
        ("aa bb ", 10, ["aa bb"]),  # no line ends in a blank
        ("  aa bb", 5, ["  aa", "bb"]),  # a paragraph's indent is kept
        ("   aaaa", 4, ["aaaa"]),  # unless it leaves no room for the first word
        ("    aa bb", 5, ["aa bb"]),  # and the indent dropped takes no room on the line
        ("aa\nbb cc", 10, ["aa", "bb cc"]),  # line breaks in the text are honoured
        ("aa\n\nbb", 10, ["aa", "", "bb"]),
        ("", 10, [""]),
        ("   ", 10, [""]),
        ("abcdefghij kl", 4, ["abcd", "efgh", "ij", "kl"]),  # a long word is folded
        ("ab abcdefgh", 4, ["ab", "abcd", "efgh"]),
        ("日本語の文", 4, ["日本", "語の", "文"]),  # wide characters take two cells
        ("日本", 1, ["日", "本"]),  # wider than the line: one per line, none lost
        ("word", 0, ["w", "o", "r", "d"]),
    ],
)
def test_wrap(text: str, width: int, expected: list[str]) -> None:
    assert lines(text, width) == expected


TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters=" \n"), max_size=120
)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, width=st.integers(1, 40))
def test_wrap_loses_nothing_and_fits(text: str, width: int) -> None:
    wrapped = lines(text, width)
    assert "".join("".join(line.split()) for line in wrapped) == "".join(text.split())
    for line in wrapped:
        assert line == line.rstrip()
        assert cell_len(line) <= max(width, 2)  # a wide character alone may exceed one cell


CODES = ["de", "en", "es", "fr", "it"]
STYLED = ("--color", "always", "--width", "60")


@pytest.mark.parametrize("code", CODES)
def test_explain_on_a_terminal_golden(
    lastmile: Lastmile, request: pytest.FixtureRequest, code: str
) -> None:
    result = lastmile("explain", "--lang", code, *STYLED)
    assert (result.code, result.err) == (0, "")
    check_golden(request, f"explain-{code}.ansi", result.out)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("compare-de-it.ansi", ["compare", "de", "it", "--section", "marathon"]),
        ("search-turnout.ansi", ["search", "turnout"]),
        ("sections-fr.ansi", ["sections", "-l", "fr"]),
    ],
)
def test_other_views_on_a_terminal_golden(
    lastmile: Lastmile, request: pytest.FixtureRequest, name: str, args: list[str]
) -> None:
    result = lastmile(*args, *STYLED)
    assert result.code == 0
    check_golden(request, name, result.out)


@pytest.mark.parametrize("width", [20, 33, 60, 100])
@pytest.mark.parametrize("command", [["explain"], ["compare", "en", "de"], ["search", "the"]])
def test_styled_lines_fit_and_end_cleanly(
    lastmile: Lastmile, width: int, command: list[str]
) -> None:
    result = lastmile(*command, "--color", "always", "--width", str(width))
    assert result.code == 0
    for line in strip_ansi(result.out).splitlines():
        assert cell_len(line) <= width
        assert line == line.rstrip()


def test_headings_are_wrapped_too() -> None:
    title = "A heading far too long to fit on one line of twenty cells"
    doc = Document("qaa", "T", (Section("definition", "section", title, ("p",), code="qaa"),))
    text = strip_ansi(render(doc, Output(styled=True, color_system="standard", width=20)))
    assert max(cell_len(line) for line in text.splitlines()) <= 20
    assert " ".join(text.split()) == f"T ─ {title} p"


HOSTILE = "evil\x1b[2J\x1b]0;title\x07\x9bname"


@pytest.mark.parametrize(
    "view",
    [
        LanguageList((Language("qaa", "Q", "Q", "T", (), source=HOSTILE),), Choice("qaa", HOSTILE)),
        Report(1, (Problem(HOSTILE, 1, 2, HOSTILE),)),
    ],
)
def test_no_control_character_reaches_the_terminal(view: object) -> None:
    text = render(view, Output(styled=True, color_system="truecolor", width=60))
    assert "\\u001b[2J" in text
    assert "\x07" not in text and "\x9b" not in text
    assert "\x1b" not in strip_ansi(text)


def test_without_a_colour_system_there_are_no_escape_codes() -> None:
    doc = Document("qaa", "T", (Section("marathon", "example", "M", ("p",), code="qaa"),))
    assert render(doc, Output(styled=True, color_system=None, width=20)) == "T\n─\n\n┃ M\n┃ p\n"


def test_a_pipe_with_width_counts_cells_as_the_terminal_does() -> None:
    """CJK takes two cells: `--width 8` fits four of them, in a pipe as on a terminal."""
    section = Section("definition", "section", "H", ("你好世界你好世界 ab",), code="qaa")
    doc = Document("qaa", "T", (section,))
    piped = render(doc, Output(width=8)).splitlines()
    assert piped == ["T", "", "H", "你好世界", "你好世界", "ab"]
    styled = strip_ansi(render(doc, Output(styled=True, color_system=None, width=8)))
    assert styled.splitlines()[3:] == piped[2:]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1),
    width=st.integers(4, 40),
)
def test_pipe_and_terminal_wrap_a_paragraph_alike(text: str, width: int) -> None:
    section = Section("definition", "section", "H", (text,), code="qaa")
    doc = Document("qaa", "T", (section,))
    piped = render(doc, Output(width=width)).split("\n")[3:-1]
    styled = strip_ansi(render(doc, Output(styled=True, color_system=None, width=width)))
    assert styled.split("\n")[4:-1] == [visible_line(line) for line in piped]


def visible_line(line: str) -> str:
    """What the terminal shows of a line: tabs as blanks and other controls escaped."""
    from lastmile_cli.render.terminal import clean

    return clean(line)


PLAIN = Output(styled=True, color_system=None, width=60)  # the terminal's look, no escape codes


def test_a_borrowed_section_is_marked_with_its_language_after_its_title() -> None:
    own = Section("definition", "section", "Def", ("p",), code="qaa")
    borrowed = Section("summary", "section", "Summary", ("q",), code="en")
    text = render(Document("qaa", "T", (own, borrowed)), PLAIN)
    assert text.splitlines()[3] == "Def" and "Summary [en]" in text.splitlines()
    assert "Def [" not in text


def test_a_report_labels_each_problem_an_error_or_a_note() -> None:
    problems = (
        Problem("a.yaml", 3, 5, "bad key"),
        Problem("b.yaml", 0, 0, "partial", Severity.NOTE),
    )
    assert render(Report(2, problems), PLAIN) == (
        "a.yaml:3:5: error: bad key\nb.yaml: note: partial\n"
    )


def test_the_terminal_keeps_the_direction_marks_of_content() -> None:
    """U+200F in a right-to-left translation stays itself; what could act is escaped."""
    assert (
        clean("a\u200fb\u061c\u200ec\u202ed\te\nf")
        == "a\u200fb\u061c\u200ec\\u202ed" + " " * 8 + "e\nf"
    )


def test_a_blank_line_in_a_search_hit_stays_empty() -> None:
    hit = Hit("en", "Summary", "summary:1", "one\n\ntwo", ((0, 3),))
    assert render(SearchResult("one", (hit,)), PLAIN) == "en · Summary\n  one\n\n  two\n\n"


def test_the_listings_are_aligned_columns() -> None:
    section = Section("marathon", "example", "Marathon", ("p",), code="qaa")
    examples = render(ExampleList(Document("qaa", "T", (section,))), PLAIN)
    assert examples == "id        title\nmarathon  Marathon\n"
    places = PathList((Place("data", "/srv/d", "--data-dir", True), Place("cache", "", "", False)))
    assert render(places, PLAIN) == (
        "role   path    set by      state\ndata   /srv/d  --data-dir  exists\ncache                      off\n"
    )


def test_the_status_listing_is_a_row_per_language_and_state(lastmile: Lastmile) -> None:
    lines = strip_ansi(lastmile("status", "--color", "always", "--width", "80").out).splitlines()
    assert lines[0].split() == ["language", "state", "sections", "words", "share"]
    assert lines[1].split() == ["de", "translated", "8/8", "614/614", "100%"]
    assert lines[2].split() == ["de", "stale", "0/8", "0/614", "0%"]
    assert len(lines) == 1 + 4 * 4


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\nlanguage: qaa  \n\n\n", "\nlanguage: qaa  \n"),  # only the trailing breaks go
        ("language: qaa", "language: qaa\n"),
    ],
)
def test_an_imported_file_is_shown_as_it_would_be_saved(text: str, shown: str) -> None:
    assert render(Imported("qaa", text), PLAIN) == shown
    assert render(Imported("qaa", text, path="qaa.yaml"), PLAIN) == ""
