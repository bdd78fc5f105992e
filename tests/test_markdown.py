"""Markdown output treats content as data: no text can open a fence, a heading, a list, a code
block, a link or HTML. Checked with a CommonMark parser (markdown-it-py, which Rich brings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from conftest import Lastmile
from lastmile_cli.output import Output
from lastmile_cli.render import render
from lastmile_cli.render.markdown import code, escape
from lastmile_cli.textutil import first_unsafe
from lastmile_cli.views import (
    ComparedSection,
    Comparison,
    Exported,
    Hit,
    Imported,
    Recorded,
    SearchResult,
    Stamped,
)

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Text as content may hold it (the loader refuses the rest), weighted toward what Markdown
# reads as structure.
MARKUP = st.text(
    alphabet=st.sampled_from(list("#*-+=_~`>|[]()<>!&;\\1.) \tab\n"))
    | st.characters(codec="utf-8").filter(lambda c: first_unsafe(c) is None),
    max_size=60,
)


def inline_text(source: str) -> str:
    """What a Markdown reader shows for `source`, if it is only paragraphs of plain text."""
    shown = []
    for token in PARSER.parse(source):
        assert token.type in ("paragraph_open", "inline", "paragraph_close"), token.type
        for child in token.children or ():
            assert child.type in ("text", "softbreak", "hardbreak"), child.type
            shown.append("\n" if child.type != "text" else child.content)
        if token.type == "paragraph_close":
            shown.append("\n")
    return "".join(shown)


def printed(text: str) -> str:
    """The characters a reader sees, whitespace aside (where Markdown readers differ)."""
    return "".join(text.split())


@settings(max_examples=500, deadline=None)
@given(text=MARKUP)
def test_any_paragraph_is_plain_text(text: str) -> None:
    assert printed(inline_text(escape(text))) == printed(text)


@settings(max_examples=300, deadline=None)
@given(text=MARKUP)
def test_a_heading_stays_one_heading(text: str) -> None:
    tokens = PARSER.parse(f"## {escape(text, ' ')}")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    assert all(c.type == "text" for c in tokens[1].children or ())


@settings(max_examples=300, deadline=None)
@given(cell=MARKUP)
def test_a_table_cell_stays_in_its_cell(cell: str) -> None:
    from lastmile_cli.render.markdown import table

    tokens = PARSER.parse(table(("a", "b"), [(cell, "x")]))
    assert sum(t.type == "td_open" for t in tokens) == 2
    assert sum(t.type == "tr_open" for t in tokens) == 2  # the header row and one body row


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("`ab "))))
def test_a_code_span_holds_any_backticks(text: str) -> None:
    if not text.strip(" "):
        return
    tokens = PARSER.parse(code(text))
    children = tokens[1].children or []
    assert [c.type for c in children] == ["code_inline"]
    assert children[0].content.strip(" ") == text.strip(" ")


@pytest.mark.parametrize(
    ("paragraph", "escaped"),
    [
        ("~~~", "\\~\\~\\~"),
        ("```python", "\\`\\`\\`python"),
        ("# not a heading", "\\# not a heading"),
        ("- not an item", "\\- not an item"),
        ("1. not an item", "1\\. not an item"),
        ("    not code", "not code"),
        ("a\n===", "a\n\\==="),
        ("AT&amp;T", "AT\\&amp;T"),
    ],
)
def test_each_markup_is_escaped(paragraph: str, escaped: str) -> None:
    assert escape(paragraph) == escaped


def test_a_fence_in_a_user_file_leaves_the_rest_of_the_document_alone(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "qaa.yaml").write_text(
        "language: qaa\nname: Q\ntitle: T\nsections:\n"
        "  - id: summary\n    kind: section\n    title: S\n"
        "    paragraphs: ['~~~', '# X', '- y', '<script>z</script>']\n",
        encoding="utf-8",
    )
    out = lastmile("explain", "-l", "qaa", "-f", "markdown", "--data-dir", str(folder)).out
    headings = [t for t in PARSER.parse(out) if t.type == "heading_open"]
    assert len(headings) == 1 + 8  # the title and the eight sections (English fills in)
    assert not any(t.type in ("fence", "bullet_list_open", "html_block") for t in PARSER.parse(out))


@settings(deadline=None)
@given(title=MARKUP.map(lambda t: " ".join(t.split())).filter(bool))
def test_the_metadata_block_carries_any_title_as_written(title: str) -> None:
    """pandoc reads the block as YAML, then each value as Markdown: both steps give the title
    back exactly, so `pandoc -s` titles the page with it."""
    import yaml

    from lastmile_cli.render.markdown import front_matter

    block = front_matter(title, "no")  # (Norwegian: YAML 1.1 would read a bare no as false)
    assert block.startswith("---\n") and block.endswith("\n---")
    meta = yaml.safe_load(block.strip("-\n"))
    assert meta["lang"] == "no"
    assert inline_text(meta["title"]) == f"{title}\n"


def test_a_page_starts_with_its_metadata(lastmile: Lastmile) -> None:
    out = lastmile("explain", "--lang", "es", "-f", "markdown").out
    assert out.startswith(
        '---\ntitle: "¿Qué es un fracaso de la última milla?"\nlang: "es"\n---\n\n## '
    )
    reading = lastmile("example", "marathon", "-l", "de", "--with", "en", "-f", "markdown").out
    assert reading.startswith(
        '---\ntitle: "Was ist ein Scheitern der letzten Meile?"\nlang: "de"\n---\n'
    )


@pytest.mark.slow
@pytest.mark.skipif(__import__("shutil").which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_makes_a_titled_page_in_the_articles_language(lastmile: Lastmile) -> None:
    import subprocess

    markdown = lastmile("explain", "--lang", "es", "-f", "markdown").out
    made = subprocess.run(
        ["pandoc", "-s", "-f", "markdown", "-t", "html"],
        input=markdown,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (made.returncode, made.stderr) == (0, "")  # no "requires a nonempty <title>"
    assert 'lang="es"' in made.stdout and '<meta charset="utf-8" />' in made.stdout
    assert "<title>¿Qué es un fracaso de la última milla?</title>" in made.stdout


MD = Output(format="markdown")


def test_a_comparison_heads_a_missing_title_with_its_language_alone() -> None:
    section = ComparedSection("summary", ("Sum*mary", None), (("one", None), (None, "two")))
    view = Comparison(("qaa", "en"), (section,), headlines=("T", ""))
    assert render(view, MD) == (
        '---\ntitle: "T"\nlang: "qaa"\n---\n\n'
        "| qaa: Sum\\*mary | en:  |\n|---|---|\n| one |  |\n|  | two |\n"
    )


def test_a_catalog_and_a_language_file_are_fenced_by_their_kind() -> None:
    assert render(Exported("qaa", 'msgid "a"\n'), MD) == '```po\nmsgid "a"\n```\n'
    assert render(Imported("qaa", "language: qaa\n"), MD) == "```yaml\nlanguage: qaa\n```\n"
    assert render(Imported("qaa", "language: qaa\n", path="qaa.yaml"), MD) == ""


def test_the_languages_listing_is_a_table(lastmile: Lastmile) -> None:
    lines = lastmile("languages", "-f", "markdown").out.splitlines()
    assert lines[:3] == [
        "| code | name | english name | sections | source | selected |",
        "|---|---|---|---|---|---|",
        "| de | Deutsch | German | 8/8 | bundled |  |",
    ]
    assert len(lines) == 2 + 5


def test_the_fingerprint_record_is_a_list() -> None:
    files = (Stamped("a_b.yaml", updated=("summary",)), Stamped("c", error="x"))
    assert render(Recorded(files), MD) == "- a\\_b.yaml: updated to the English of now: summary\n"


def test_the_search_hits_are_a_list_item_each() -> None:
    hits = (
        Hit("de", "Marathon", "marathon:1", "a *b*", ((2, 5),)),
        Hit("en", "Summary", "summary:2", "c", ((0, 1),)),
    )
    assert render(SearchResult("b", hits), MD) == (
        "- **de** `Marathon`: a \\*b\\*\n- **en** `Summary`: c\n"
    )
