"""HTML handouts: standalone pages a WHATWG parser (html5lib) reads without an error, in their
language and encoding, titled, with no script, and with every text as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Lastmile
from lastmile_cli.model import Document, Section
from lastmile_cli.output import Output
from lastmile_cli.render import html
from lastmile_cli.textutil import first_unsafe
from lastmile_cli.views import ComparedSection, Comparison, Interlinear

NS = {"h": "http://www.w3.org/1999/xhtml"}


def parse(page: str) -> Element:
    """The page as a WHATWG parser builds it; any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    tree: Element = parser.parse(page)
    return tree


def shown(element: Element) -> str:
    """The text a reader sees in `element`, a <br> as a line break."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag.endswith("}br") else shown(child))
        parts.append(child.tail or "")
    return "".join(parts)


def find(tree: Element, path: str) -> list[Element]:
    return tree.findall(path, NS)


def is_a_page(tree: Element, lang: str, title: str) -> None:
    assert tree.get("lang") == lang
    metas = find(tree, ".//h:head/h:meta")
    assert metas[0].get("charset") == "utf-8"  # first, within the first bytes
    assert shown(find(tree, ".//h:head/h:title")[0]) == title
    assert find(tree, ".//h:script") == [] and "@media print" in shown(find(tree, ".//h:style")[0])
    for element in tree.iter():  # no handler or link to run anything
        assert not any(name.startswith("on") for name in element.attrib)
        assert not element.get("href", "").startswith("javascript:")


@pytest.mark.parametrize(
    ("args", "lang", "title"),
    [
        (["explain", "--lang", "es"], "es", "¿Qué es un fracaso de la última milla?"),
        (["example", "marathon", "--lang", "de"], "de", "Was ist ein Scheitern der letzten Meile?"),
        (
            ["explain", "--lang", "it", "--with", "en", "-s", "summary"],
            "it",
            "Che cos’è un fallimento dell’ultimo miglio?",
        ),
        (
            ["compare", "fr", "de", "--by", "sentence"],
            "fr",
            "Qu'est-ce qu'un échec du dernier kilomètre? · Was ist ein Scheitern der letzten Meile?",
        ),
        (
            ["compare", "en", "it"],
            "en",
            "What’s a last mile failure? · Che cos’è un fallimento dell’ultimo miglio?",
        ),
    ],
)
def test_each_handout_is_a_whole_page_in_its_language(
    lastmile: Lastmile, args: list[str], lang: str, title: str
) -> None:
    result = lastmile(*args, "--format", "html")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith('<!DOCTYPE html>\n<html lang="')
    is_a_page(parse(result.out), lang, title)


def test_the_article_page_has_every_section_and_paragraph(lastmile: Lastmile) -> None:
    import json

    article = json.loads(lastmile("explain", "--lang", "es", "-f", "json").out)
    tree = parse(lastmile("explain", "--lang", "es", "-f", "html").out)
    assert shown(find(tree, ".//h:h1")[0]) == article["title"]
    sections = find(tree, ".//h:main/h:section")
    assert [s.get("id") for s in sections] == [s["id"] for s in article["sections"]]
    for element, section in zip(sections, article["sections"], strict=True):
        assert shown(find(element, "h:h2")[0]) == section["title"]
        assert [shown(p) for p in find(element, "h:p")] == section["paragraphs"]
        assert (element.get("class") == "example") == (section["kind"] == "example")


def test_compare_is_two_columns_each_in_its_language(lastmile: Lastmile) -> None:
    import json

    pairs = json.loads(lastmile("compare", "de", "it", "-s", "marathon", "-f", "json").out)
    tree = parse(lastmile("compare", "de", "it", "-s", "marathon", "-f", "html").out)
    rows = find(tree, ".//h:section[@id='marathon']//h:tbody/h:tr")
    expected = pairs["sections"][0]["pairs"]
    assert len(rows) == len(expected)
    for row, pair in zip(rows, expected, strict=True):
        first, second = find(row, "h:td")
        assert (first.get("lang"), second.get("lang")) == ("de", "it")
        assert (shown(first), shown(second)) == (pair["first"], pair["second"])


def test_interlinear_puts_each_answer_beneath_its_sentence_in_its_language(
    lastmile: Lastmile,
) -> None:
    import json

    reading = json.loads(
        lastmile("example", "marathon", "-l", "de", "--with", "en", "-f", "json").out
    )
    tree = parse(lastmile("example", "marathon", "-l", "de", "--with", "en", "-f", "html").out)
    pairs = find(tree, ".//h:div[@class='pair']")
    sentences = reading["sections"][0]["sentences"]
    assert len(pairs) == len(sentences)
    for pair, sentence in zip(pairs, sentences, strict=True):
        text, answer = find(pair, "h:p")
        assert shown(text) == sentence["text"]
        assert answer.get("lang") == "en" and shown(answer) == f"en{sentence['with']}"


def test_a_borrowed_section_says_so_in_its_own_language(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    folder = write_language("qaa").parent
    result = lastmile("explain", "--lang", "qaa", "-f", "html", "--data-dir", str(folder))
    tree = parse(result.out)
    summary = find(tree, ".//h:section[@id='summary']")[0]
    assert summary.get("lang") == "en" and shown(find(summary, "h:h2")[0]) == "Summary [en]"
    definition = find(tree, ".//h:section[@id='definition']")[0]
    assert definition.get("lang") is None  # the page's own language
    assert "note: qaa" in result.err


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["sections", "-l", "fr"],
        ["example"],
        ["languages"],
        ["search", "turnout"],
        ["validate"],
        ["template", "pt"],
        ["completion", "bash"],
    ],
)
def test_every_other_command_gives_a_valid_page_too(lastmile: Lastmile, args: list[str]) -> None:
    result = lastmile(*args, "-f", "html")
    assert result.code == 0, result.err
    tree = parse(result.out)
    assert tree.get("lang") and find(tree, ".//h:script") == []


# Any text content may hold (the loader refuses the rest), weighted toward what HTML reads as
# markup.
CONTENT = st.text(
    alphabet=st.sampled_from(list("<>&\"'=/!-[]?;#x \n")) | st.characters(codec="utf-8"),
    min_size=1,
    max_size=40,
).filter(lambda t: first_unsafe(t) is None and t.strip() and "\r" not in t)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=CONTENT, heading=CONTENT, paragraph=CONTENT, answer=CONTENT)
def test_any_text_is_shown_as_written_never_as_markup(
    title: str, heading: str, paragraph: str, answer: str
) -> None:
    one_line = [" ".join(t.split("\n")) for t in (title, heading)]
    section = Section("summary", "section", one_line[1], (paragraph,), (), "seed", "qaa")
    doc = Document("qaa", one_line[0], (section,))
    output = Output(format="html")
    page = parse(html.document(doc, output))
    assert shown(find(page, ".//h:title")[0]) == one_line[0]
    assert shown(find(page, ".//h:h1")[0]) == one_line[0]
    assert shown(find(page, ".//h:h2")[0]) == one_line[1]
    assert [shown(p) for p in find(page, ".//h:main//h:p")] == [paragraph]
    reading = parse(
        html.interlinear(Interlinear(doc, "en", "English", (((paragraph, answer),),)), output)
    )
    assert shown(find(reading, ".//h:p[@class='with']")[0]) == f"en{answer}"
    compared = Comparison(
        ("qaa", "en"), (ComparedSection("summary", (one_line[1], None), ((paragraph, answer),)),)
    )
    table = parse(html.comparison(compared, output))
    cells = find(table, ".//h:tbody//h:td")
    assert [shown(c) for c in cells] == [paragraph, answer]
    assert [shown(c) for c in find(table, ".//h:thead//h:th")] == [one_line[1], "—"]
    for tree in (page, reading, table):
        assert find(tree, ".//h:script") == [] and find(tree, ".//h:a") == []


def table_of(tree: Element) -> list[list[str]]:
    """The page's one table as a reader sees it: its header row, then each body row."""
    heads = [shown(cell) for cell in find(tree, ".//h:table/h:thead/h:tr/h:th")]
    body = [[shown(cell) for cell in find(row, "h:td")] for row in find(tree, ".//h:tbody/h:tr")]
    return [heads, *body]


def test_the_languages_page_is_the_listing_as_a_table(lastmile: Lastmile) -> None:
    tree = parse(lastmile("languages", "-f", "html").out)
    is_a_page(tree, "en", "lastmile languages")
    table = table_of(tree)
    assert table[0] == ["code", "name", "english name", "sections", "source", "selected"]
    assert table[1] == ["de", "Deutsch", "German", "8/8", "bundled", ""]
    assert table[2] == ["en", "English", "English", "8/8", "bundled", "default: no locale is set"]
    assert [row[0] for row in table[1:]] == ["de", "en", "es", "fr", "it"]


def test_the_paths_page_is_the_listing_as_a_table(lastmile: Lastmile) -> None:
    from lastmile_cli.views import PathList, Place

    view = PathList((Place("data", "/srv/a<b>", "--data-dir", True), Place("cache", "", "", False)))
    tree = parse(html.path_list(view, Output(format="html")))
    is_a_page(tree, "en", "lastmile paths")
    assert table_of(tree) == [
        ["role", "path", "set by", "state"],
        ["data", "/srv/a<b>", "--data-dir", "exists"],
        ["cache", "", "", "off"],
    ]


def test_the_status_page_is_the_listing_as_a_table(lastmile: Lastmile) -> None:
    tree = parse(lastmile("status", "-f", "html").out)
    is_a_page(tree, "en", "lastmile status")
    table = table_of(tree)
    assert table[0] == ["language", "state", "sections", "words", "share"]
    assert table[1][:3] == ["de", "translated", "8/8"] and table[1][4] == "100%"
    assert table[2][:3] == ["de", "stale", "0/8"] and table[2][4] == "0%"
    assert len(table) == 1 + 4 * 4  # four translations, four states each


def test_the_search_page_is_titled_by_the_query_and_marks_each_match(lastmile: Lastmile) -> None:
    from lastmile_cli.views import Hit, SearchResult

    hits = (Hit("de", "Marathon", "marathon:1", "a <b> turnout c", ((6, 13),)),)
    tree = parse(html.search_result(SearchResult("turn<out", hits), Output(format="html")))
    is_a_page(tree, "en", "turn<out")
    assert shown(find(tree, ".//h:h1")[0]) == "turn<out"
    (hit,) = find(tree, ".//h:main/h:p")
    assert hit.get("lang") == "de" and shown(hit) == "de · Marathona <b> turnout c"
    assert [shown(m) for m in find(hit, "h:mark")] == ["turnout"]


def test_the_validate_page_labels_errors_and_notes(lastmile: Lastmile) -> None:
    from lastmile_cli.problems import Problem, Severity
    from lastmile_cli.views import Report

    problems = (
        Problem("a.yaml", 3, 5, "bad <key>"),
        Problem("b.yaml", 0, 0, "partial", Severity.NOTE),
    )
    tree = parse(html.report(Report(2, problems), Output(format="html")))
    is_a_page(tree, "en", "lastmile validate")
    said = [shown(p) for p in find(tree, ".//h:main/h:p")]
    assert said == ["a.yaml:3:5error: bad <key>", "b.yamlnote: partial"]


def test_the_template_page_is_the_file_under_its_name(lastmile: Lastmile) -> None:
    result = lastmile("template", "pt", "-f", "html")
    plain = lastmile("template", "pt").out
    tree = parse(result.out)
    is_a_page(tree, "en", "pt.yaml")
    assert shown(find(tree, ".//h:h1")[0]) == "pt.yaml"
    assert shown(find(tree, ".//h:pre")[0]) == plain


def test_the_completion_page_is_the_script_under_its_shell() -> None:
    from lastmile_cli.views import Script

    tree = parse(html.script(Script("zsh", "echo '<a>' && x\n"), Output(format="html")))
    is_a_page(tree, "en", "lastmile completion zsh")
    assert shown(find(tree, ".//h:h1")[0]) == "zsh"
    assert shown(find(tree, ".//h:pre")[0]) == "echo '<a>' && x\n"


def test_the_fingerprint_page_says_what_was_recorded_in_each_file() -> None:
    from lastmile_cli.views import Recorded, Stamped

    files = (Stamped("a.yaml", added=("summary",)), Stamped("b.yaml"), Stamped("c", error="x"))
    tree = parse(html.recorded(Recorded(files), Output(format="html")))
    is_a_page(tree, "en", "lastmile fingerprint")
    assert [shown(p) for p in find(tree, ".//h:main/h:p")] == [
        "a.yaml: recorded the English of now for summary",
        "b.yaml: nothing to record",
    ]
