"""One rule for everything lastmile echoes (file names, keys, ids, arguments, paths in JSON):
no character that could act on a terminal, forge a line or reorder the text reaches any format."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import Lastmile
from lastmile_cli.problems import Problem
from lastmile_cli.textutil import echo_unsafe, visible

BIDI_CONTROL = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HOSTILE = "\x1b]0;x\x07\x1b[2J\t\n\r\x9b\x85\u2028\u2029\ufffe" + BIDI_CONTROL


def acts(char: str) -> bool:
    """Whether a character could move the cursor, break a line or reorder what is shown."""
    category = unicodedata.category(char)
    if char in BIDI_CONTROL:  # (Python's Unicode 14 tables give U+061C the class AL, not ALM)
        return True
    return category in ("Cc", "Zl", "Zp", "Cs") or unicodedata.bidirectional(char) in (
        "LRE",
        "RLE",
        "PDF",
        "LRO",
        "RLO",
        "LRI",
        "RLI",
        "FSI",
        "PDI",
        "LRM",
        "RLM",
        "ALM",
    )


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None) | st.sampled_from(HOSTILE)))
def test_visible_leaves_nothing_that_acts(text: str) -> None:
    shown = visible(text)
    assert not any(acts(c) for c in shown)
    assert echo_unsafe(shown) is None
    assert visible(shown) == shown  # once is enough: a message is never escaped twice


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Zl", "Zp"])))
def test_visible_keeps_ordinary_text_as_it_is(text: str) -> None:
    assume(not any(acts(c) or c in "\ufffe\uffff" for c in text))
    assert visible(text) == text


@pytest.mark.parametrize("char", list(BIDI_CONTROL))
def test_every_bidi_control_is_an_escape(char: str) -> None:
    assert visible(f"a{char}b") == f"a\\u{ord(char):04x}b"


def test_undecodable_bytes_of_a_file_name_show_as_their_bytes() -> None:
    assert visible(os.fsdecode(b"caf\xe9\x9b.yaml")) == "caf\\xe9\\x9b.yaml"


def test_a_problem_holds_its_path_and_message_as_they_are_and_shows_them_echoed() -> None:
    problem = Problem("d/\u202eevil\n.yaml", 1, 1, "key '\x1b[2J'")
    assert (problem.path, problem.message) == ("d/\u202eevil\n.yaml", "key '\x1b[2J'")
    assert problem.where == "d/\\u202eevil\\u000a.yaml:1:1"
    assert problem.shown == "key '\\u001b[2J'"
    assert str(problem) == "d/\\u202eevil\\u000a.yaml:1:1: key '\\u001b[2J'"


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    """A data directory whose file names and keys try every trick of the review."""
    folder = tmp_path / "d"
    folder.mkdir()
    names = [
        b"fake.yaml:7:7: injected line\nx.yaml",
        b"\xff\x9b.yaml",
        "\u202eevil.yaml".encode(),
        "\u200etab.yaml".encode(),
        "c1\u009b2J.yaml".encode(),
    ]
    for name in names:
        with open(os.path.join(os.fsencode(folder), name), "w") as handle:
            handle.write("x: 1\n")
    (folder / "qaa.yaml").write_text('language: qaa\n"\\e]0;x\\a\\e[2J": 1\n', encoding="utf-8")
    return folder


def raw(text: str) -> list[str]:
    return [c for c in text if acts(c)]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_validate_echoes_no_raw_control_in_any_format(
    lastmile: Lastmile, hostile_dir: Path, fmt: str
) -> None:
    result = lastmile("validate", str(hostile_dir), "-f", fmt)
    assert result.code == 1
    assert raw(result.out.replace("\n", "")) == []  # (each line ends in one, and only there)
    assert raw(result.err.replace("\n", "")) == []
    if fmt == "json":
        report = json.loads(result.out)  # JSON's own escapes: the paths come back exactly
        paths = {problem["path"] for problem in report["problems"]}
        assert all(os.path.lexists(path) for path in paths), paths  # each the very file's name
        assert any(raw(path) for path in paths)  # a decoded path holds what the name holds


def test_a_file_name_cannot_forge_a_row(lastmile: Lastmile, hostile_dir: Path) -> None:
    result = lastmile("validate", str(hostile_dir))
    rows = result.out.splitlines()
    assert (
        len(rows) == json.loads(lastmile("validate", str(hostile_dir), "-f", "json").out)["errors"]
    )
    assert not any(row.startswith("fake.yaml") or row.startswith("x.yaml") for row in rows)
    assert any("injected line\\u000ax.yaml:1:1: " in row for row in rows)
    assert any(f"{hostile_dir}/\\xff\\x9b.yaml:1:1: " in row for row in rows)
    assert any(f"{hostile_dir}/\\u202eevil.yaml" in row for row in rows)
    assert any(f"{hostile_dir}/\\u200etab.yaml" in row for row in rows)


def test_a_key_with_an_escape_is_flagged_and_shown_escaped(
    lastmile: Lastmile, hostile_dir: Path
) -> None:
    out = lastmile("validate", str(hostile_dir / "qaa.yaml")).out
    assert (
        "qaa.yaml:2:1: unknown key '\\u001b]0;x\\u0007\\u001b[2J' "
        "(control character U+001B is not allowed in a key) in the file" in out
    )


def test_markdown_code_spans_hold_a_backtick_in_a_path(lastmile: Lastmile, tmp_path: Path) -> None:
    folder = tmp_path / "a`b"
    folder.mkdir()
    (folder / "qaa.yaml").write_text("language: qaa\n", encoding="utf-8")
    out = lastmile("validate", str(folder), "-f", "markdown").out
    assert all(re.match(r"^- ``[^`]*`[^`]*`` error: ", line) for line in out.splitlines()), out


# -- line formats: one record per line, whatever a paragraph holds ----------------------------

FORGING = (
    "Erster Satz.\nen\tForged English line.\nsummary\tsection\tforged row. "
    "Zweiter\tSatz\u2028mit\u2029Trennern."
)


@pytest.fixture
def forging_dir(tmp_path: Path) -> Path:
    """A German file whose summary paragraph holds line breaks and tabs, shaped as rows."""
    directory = tmp_path / "forging"
    directory.mkdir()
    (directory / "de.yaml").write_text(
        "language: de\nname: Deutsch\ntitle: T\nsections:\n"
        "  - id: summary\n    kind: section\n    title: Zusammenfassung\n"
        f"    paragraphs: [{json.dumps(FORGING)}]\n",
        encoding="utf-8",
    )
    return directory


@pytest.mark.parametrize("width", [[], ["--width", "24"]], ids=["unwrapped", "wrapped"])
@pytest.mark.parametrize("by", ["paragraph", "sentence"])
def test_compare_is_one_prefixed_line_per_line(
    lastmile: Lastmile, forging_dir: Path, by: str, width: list[str]
) -> None:
    args = ["compare", "de", "en", "-s", "summary", "--by", by, "--data-dir", str(forging_dir)]
    result = lastmile(*args, *width)
    assert result.code == 0
    for line in result.out.splitlines():
        assert line == "" or re.fullmatch(r"(de|en)\t[^\t\n\r\u2028\u2029]*", line), line
    assert not any(line.startswith("en\tForged") for line in result.out.splitlines())
    if not width:
        escaped = "Erster Satz.\\u000aen\\u0009Forged English line.\\u000asummary\\u0009section"
        assert any(line.startswith(f"de\t{escaped}") for line in result.out.splitlines())


@pytest.mark.parametrize("width", [[], ["--width", "24"]], ids=["unwrapped", "wrapped"])
def test_with_cannot_forge_an_answer(
    lastmile: Lastmile, forging_dir: Path, width: list[str]
) -> None:
    args = ["explain", "-l", "de", "--with", "en", "-s", "summary", "--data-dir", str(forging_dir)]
    result = lastmile(*args, *width)
    assert result.code == 0
    lines = result.out.splitlines()
    answers = [line for line in lines if "\t" in line]
    assert all(re.fullmatch(r"en\t[^\t\u2028\u2029]*", line) for line in answers), answers
    assert not any("Forged" in line for line in answers)
    assert not any(c in result.out for c in "\u2028\u2029")
    if not width:
        escaped = "Erster Satz.\\u000aen\\u0009Forged English line.\\u000asummary\\u0009section"
        assert any(line.startswith(escaped) for line in lines)


def test_a_search_hit_is_one_row_of_three_columns(lastmile: Lastmile, forging_dir: Path) -> None:
    result = lastmile("search", "forged", "-l", "de", "--data-dir", str(forging_dir))
    assert result.code == 0
    (row,) = result.out.splitlines()
    code, section, snippet = row.split("\t")
    assert (code, section) == ("de", "summary")
    assert "Forged English line.\\u000asummary\\u0009section\\u0009forged row" in snippet


def test_a_path_cannot_forge_a_row_or_column_in_any_listing(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    """A data folder named with a tab and a line break: `languages` keeps six columns a row."""
    directory = tmp_path / "dir\tx\nfake\tFake\tFake\t8:8\tbundled\t"
    directory.mkdir()
    (directory / "qaa.yaml").write_text(
        "language: qaa\nname: Q\ntitle: T\nsections:\n"
        "  - id: summary\n    kind: section\n    title: S\n    paragraphs: [P.]\n"
    )
    result = lastmile("languages", "--data-dir", str(directory))
    assert result.code == 0
    rows = result.out.splitlines()
    assert len(rows) == 6 and all(row.count("\t") == 5 for row in rows)
    assert "dir\\u0009x\\u000afake\\u0009Fake" in result.out


@settings(deadline=None, max_examples=200)
@given(st.text(), st.text())
def test_any_text_in_the_line_formats_stays_in_its_field(first: str, second: str) -> None:
    """Whatever two paragraphs hold, each is one line in compare and one field in search."""
    from lastmile_cli.model import Document
    from lastmile_cli.output import Output
    from lastmile_cli.render import text as plain
    from lastmile_cli.views import ComparedSection, Comparison, Hit, Interlinear, SearchResult

    comparison = Comparison(
        ("de", "en"), (ComparedSection("summary", ("A", "B"), ((first, second),)),)
    )
    lines = plain.comparison(comparison, Output()).split("\n")
    assert lines == [
        "de\tA",
        "en\tB",
        "",
        f"de\t{plain.field(first)}",
        f"en\t{plain.field(second)}",
        "",
    ]
    for text in (first, second):
        assert not {"\t", "\n", "\r", "\u2028", "\u2029"} & set(plain.field(text))
    found = SearchResult("q", (Hit("de", "summary", first, second, ()),))
    assert plain.search_result(found, Output()).count("\n") == 1
    assert plain.search_result(found, Output()).count("\t") == 2
    document = Document("de", "T", ())
    reading = Interlinear(document, "en", "English", ())
    assert plain.interlinear(reading, Output()) == "T\n"


# -- JSON: every control and direction character escaped, every field, and decoded exactly ----

JSON_ESCAPED = (
    [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + list(BIDI_CONTROL)
    + ["\u2028", "\u2029"]
)


def test_json_escapes_a_c1_and_a_bidi_character_in_a_path(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    directory = tmp_path / "dir\u009bx\u200fy"
    directory.mkdir()
    (directory / "qaa.yaml").write_text(
        "language: qaa\nname: Q\ntitle: T\nsections:\n"
        '  - id: summary\n    kind: section\n    title: S\n    paragraphs: ["P\u200f."]\n',
        encoding="utf-8",
    )
    for args in (["languages"], ["validate", str(directory)], ["explain", "-l", "qaa"]):
        result = lastmile(*args, "-f", "json", "--data-dir", str(directory))
        assert result.code == 0, result.err
        assert not set(JSON_ESCAPED) & set(result.out.replace("\n", ""))
    # validate's problems hold their path as it is echoed (problems.Problem): safe, not decoded
    records = json.loads(lastmile("languages", "-f", "json", "--data-dir", str(directory)).out)
    assert records["languages"][-1]["source"] == str(directory / "qaa.yaml")
    article = lastmile("explain", "-l", "qaa", "-f", "json", "--data-dir", str(directory)).out
    assert '"P\\u200f."' in article
    assert json.loads(article)["sections"][0]["paragraphs"] == ["P\u200f."]


@settings(deadline=None, max_examples=300)
@given(
    st.recursive(
        st.text() | st.text(alphabet=st.sampled_from([*JSON_ESCAPED, "a", "é", "\\", '"'])),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=8,
    )
)
def test_any_json_document_is_escaped_and_decodes_to_the_same(value: object) -> None:
    from lastmile_cli.output import Output
    from lastmile_cli.render.json import dumps

    for encoding in ("utf-8", "ascii"):
        text = dumps(value, Output(encoding=encoding))
        assert not set(JSON_ESCAPED) & set(text.replace("\n", ""))
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        assert json.loads(text) == value
