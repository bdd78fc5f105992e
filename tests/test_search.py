"""Search: accent- and case-insensitive whole words and phrases, grep-like exit codes."""

from __future__ import annotations

import json

import pytest

from conftest import Lastmile
from lastmile_cli.model import Language, Section
from lastmile_cli.passages import find


@pytest.mark.parametrize(
    ("query", "lang", "expected"),
    [
        ("ultima milla", "es", "última milla"),
        ("ÚLTIMA MILLA", "es", "última milla"),
        ("MARATHON", "de", "Marathon"),
        ("laufer", "de", "Läufer"),
        ("grossteil", "de", "Großteil"),
        ("dell'ultimo miglio", "it", "dell’ultimo miglio"),
        ("echec du dernier kilometre", "fr", "échec du dernier kilomètre"),
        ("voter   turnout", "en", "voter turnout"),
    ],
)
def test_accent_and_case_insensitive_in_every_language(
    lastmile: Lastmile, query: str, lang: str, expected: str
) -> None:
    result = lastmile("search", query, "--lang", lang)
    assert result.code == 0, result.err
    assert all(line.startswith(f"{lang}\t") for line in result.out.splitlines())
    assert expected in result.out


def test_whole_words_only(lastmile: Lastmile) -> None:
    assert lastmile("search", "mile", "-l", "en").code == 0
    assert lastmile("search", "mil", "-l", "en").code == 1
    assert "milestone" not in lastmile("search", "mile", "-l", "en").out


def test_all_languages_by_default(lastmile: Lastmile) -> None:
    languages = {line.split("\t")[0] for line in lastmile("search", "marathon").out.splitlines()}
    assert languages == {"de", "en", "fr"}


def test_one_language_named_several_ways_is_searched_once(lastmile: Lastmile) -> None:
    once = lastmile("search", "letzte", "-l", "de")
    again = lastmile(
        "search", "letzte", "-l", "de", "-l", "German", "-l", "DE", "-l", "de_AT.UTF-8"
    )
    assert once.code == again.code == 0
    assert again.out == once.out and len(once.out.splitlines()) == 3


def test_piped_hits_are_tab_separated_lines(lastmile: Lastmile) -> None:
    result = lastmile("search", "turnout")
    assert result.out.splitlines() == [
        "en\tpolitics\t…For example, if a political party wants to increase voter turnout, it can invest time and money to encourage registration…"
    ]
    assert "\x1b" not in result.out


def test_no_hits_exits_1_with_nothing_on_stdout(lastmile: Lastmile) -> None:
    result = lastmile("search", "xylophone")
    assert (result.code, result.out, result.err) == (1, "", "")


@pytest.mark.parametrize("query", ["", "   ", "-", " - ", "\u2011", "\u2010-"])
def test_empty_query_is_a_usage_error(lastmile: Lastmile, query: str) -> None:
    result = lastmile("search", query)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "lastmile: Invalid value for QUERY: the query is empty. "
        "Try 'lastmile search --help' for help.\n"
    )


def test_unknown_language_is_a_usage_error(lastmile: Lastmile) -> None:
    result = lastmile("search", "x", "-l", "de", "-l", "klingon")
    assert (result.code, result.out) == (2, "")


def test_json_hits(lastmile: Lastmile) -> None:
    found = json.loads(lastmile("search", "Wahlbeteiligung", "-f", "json").out)
    assert found["query"] == "Wahlbeteiligung"
    hits = found["hits"]
    assert [set(h) for h in hits] == [{"language", "section", "snippet", "paragraph"}] * len(hits)
    assert {(h["language"], h["section"]) for h in hits} == {("de", "politics")}
    assert hits[0]["paragraph"].startswith(
        "Ein Scheitern der letzten Meile lässt sich auch auf die Politik"
    )


def test_spans_point_at_the_original_text() -> None:
    language = Language(
        "qaa",
        "T",
        "T",
        "T",
        (Section("definition", "section", "D", ("Straße und STRASSE, Ärger über Ärger.",)),),
    )
    (hit,) = find("strasse", [language])
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["Straße", "STRASSE"]
    (hit,) = find("arger", [language])
    assert [hit.snippet[s:e] for s, e in hit.spans] == ["Ärger", "Ärger"]


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("Cafe\u0301 bar", "cafe", "Cafe\u0301"),  # a combining accent stays with its letter
        ("bar Cafe\u0301", "cafe", "Cafe\u0301"),
        ("the \ufb01nal step", "final", "\ufb01nal"),  # a ligature that folds to two letters
        ("plain ascii text", "ASCII", "ascii"),
    ],
)
def test_spans_cover_whole_original_words(text: str, query: str, expected: str) -> None:
    language = Language("qaa", "T", "T", "T", (Section("definition", "section", "D", (text,)),))
    (hit,) = find(query, [language])
    assert [hit.snippet[s:e] for s, e in hit.spans] == [expected]


A60, B30 = "a" * 60, "b" * 30


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        pytest.param("head match tail", 5, 10, ("head match tail", 0), id="all of it"),
        pytest.param(
            "a" * 70 + " match tail", 71, 76, ("…match tail", 70), id="cut at the space before"
        ),
        pytest.param(
            A60 + "aaaaaaaaaa" + "match" + " x" * 40,
            70,
            75,
            ("…" + A60 + "match" + " x" * 29 + "…", 9),
            id="no space before: cut inside the word",
        ),
        pytest.param(
            "x " * 40 + "match" + "b" * 70,
            80,
            85,
            ("…" + "x " * 29 + "match" + "b" * 60 + "…", 21),
            id="no space after: cut inside the word",
        ),
        pytest.param(
            "a" * 30 + " " + "b" * 30 + "match", 61, 66, ("…" + B30 + "match", 30), id="one in"
        ),
        pytest.param("a" * 61 + "match", 61, 66, ("…" + A60 + "match", 0), id="one in, no space"),
    ],
)
def test_snippet_cut_points(text: str, start: int, end: int, expected: tuple[str, int]) -> None:
    from lastmile_cli.passages import snippet

    assert snippet(text, start, end) == expected
    found, offset = expected
    assert found.removeprefix("…")[
        start - offset - (1 if found.startswith("…") else 0) :
    ].startswith("match") or start - offset == found.find("match")


def test_a_match_beyond_the_snippet_has_no_span() -> None:
    paragraph = "match " + "z " * 100 + "match"
    language = Language(
        "qaa", "Q", "Q", "T", (Section("summary", "section", "S", (paragraph,), code="qaa"),)
    )
    (hit,) = find("match", [language])
    assert hit.spans == ((0, 5),)
    assert hit.snippet == "match " + "z " * 28 + "z…"


@pytest.mark.parametrize("query", ["last mile", "last-mile", "last\u2011mile", "Last   Mile"])
def test_a_hyphen_is_a_space(lastmile: Lastmile, query: str) -> None:
    """The article writes "last mile" and "last-mile" both: every spelling finds every one."""
    result = lastmile("search", query, "--lang", "en")
    sections = [line.split("\t")[1] for line in result.out.splitlines()]
    assert sections == [
        "summary",
        "definition",
        "telecom",
        "key-point",
        "marathon",
        "politics",
        "car-sales",
        "conclusion",
    ]


@pytest.mark.parametrize(
    ("text", "query", "shown"),
    [
        ("fails the last-mile test", "last mile", "last-mile"),
        ("fails the last mile test", "last-mile", "last mile"),
        ("fails the last\u2011mile test", "last mile", "last\u2011mile"),  # non-breaking hyphen
        ("fails the last\u2010mile test", "last-mile", "last\u2010mile"),
        ("fails the last - mile test", "last mile", "last - mile"),
        ("dell’ultimo miglio", "dell'ultimo", "dell’ultimo"),
        ("dell'ultimo miglio", "dell’ultimo", "dell'ultimo"),
        ("l\u02bcultimo", "l'ultimo", "l\u02bcultimo"),
    ],
)
def test_hyphens_and_apostrophes_match_alike_and_show_as_written(
    text: str, query: str, shown: str
) -> None:
    language = Language("qaa", "T", "T", "T", (Section("definition", "section", "D", (text,)),))
    (hit,) = find(query, [language])
    assert hit.snippet == text
    assert [hit.snippet[s:e] for s, e in hit.spans] == [shown]


def test_a_hyphen_still_ends_a_word() -> None:
    language = Language(
        "qaa", "T", "T", "T", (Section("definition", "section", "D", ("a last-minute call",)),)
    )
    assert find("last mile", [language]) == []
    assert find("-", [language]) == []
