"""Sections of several paragraphs, in every format: the bundled article has one per section, so
only these fixtures (user files, never a change to the article) can see a later one dropped."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Lastmile

THREE = """\
language: qaa
name: Qaa
english_name: Qaaish
title: Many paragraphs
sections:
  - id: definition
    kind: section
    title: First section
    paragraphs:
      - Alpha one.
      - Beta two.
      - Gamma three.
  - id: marathon
    kind: example
    title: Running
    paragraphs:
      - Delta four.
      - Epsilon five.
"""


@pytest.fixture
def data(write_language: Callable[..., Path]) -> str:
    return str(write_language("qaa", THREE).parent)


def test_text_shows_every_paragraph(lastmile: Lastmile, data: str) -> None:
    out = lastmile("explain", "-l", "qaa", "-s", "definition", "-s", "marathon", "--data-dir", data)
    assert out.out == (
        "Many paragraphs\n\nFirst section\nAlpha one.\n\nBeta two.\n\nGamma three.\n\n"
        "Running\nDelta four.\n\nEpsilon five.\n"
    )


def test_markdown_shows_every_paragraph(lastmile: Lastmile, data: str) -> None:
    out = lastmile("example", "running", "-l", "qaa", "-f", "markdown", "--data-dir", data).out
    assert out == (
        '---\ntitle: "Many paragraphs"\nlang: "qaa"\n---\n\n'
        "## Running\n\nDelta four.\n\nEpsilon five.\n"
    )


def test_json_shows_every_paragraph(lastmile: Lastmile, data: str) -> None:
    out = lastmile("explain", "-l", "qaa", "-s", "definition", "-f", "json", "--data-dir", data).out
    assert json.loads(out)["sections"] == [
        {
            "id": "definition",
            "kind": "section",
            "language": "qaa",
            "title": "First section",
            "paragraphs": ["Alpha one.", "Beta two.", "Gamma three."],
            "stale": False,
        }
    ]


@pytest.mark.slow
def test_the_terminal_shows_every_paragraph(terminal: Callable[..., object], data: str) -> None:
    from conftest import strip_ansi

    run = terminal(["example", "running", "-l", "qaa", "--data-dir", data], columns=40)
    screen = strip_ansi(run.screen)  # type: ignore[attr-defined]
    assert screen.splitlines() == [
        "Many paragraphs",
        "───────────────",
        "",
        "┃ Running",
        "┃ Delta four.",
        "┃",
        "┃ Epsilon five.",
    ]


def test_search_looks_past_the_first_paragraph(lastmile: Lastmile, data: str) -> None:
    out = lastmile("search", "gamma", "--data-dir", data).out
    assert out == "qaa\tdefinition\tGamma three.\n"
    hits = json.loads(lastmile("search", "five", "-f", "json", "--data-dir", data).out)["hits"]
    assert hits == [
        {
            "language": "qaa",
            "section": "marathon",
            "snippet": "Epsilon five.",
            "paragraph": "Epsilon five.",
        }
    ]


@pytest.mark.parametrize("order", [("qaa", "en"), ("en", "qaa")])
def test_compare_a_partial_language_on_either_side(
    lastmile: Lastmile, data: str, order: tuple[str, str]
) -> None:
    """Paragraphs pair in order; where one side has none, it is null, whichever side it is."""
    result = lastmile("compare", *order, "-f", "json", "--data-dir", data)
    sections = {s["id"]: s for s in json.loads(result.out)["sections"]}
    assert list(sections) == [
        "summary", "definition", "telecom", "key-point", "marathon", "politics", "car-sales", "conclusion"
    ]  # fmt: skip
    english = "Last mile failure is a phrase"
    definition = [(p["first"], p["second"]) for p in sections["definition"]["pairs"]]
    summary = sections["summary"]
    if order == ("qaa", "en"):
        assert definition[0][0] == "Alpha one." and definition[0][1].startswith(english)
        assert definition[1:] == [("Beta two.", None), ("Gamma three.", None)]
        assert summary["titles"] == {"first": None, "second": "Summary"}
        assert summary["pairs"][0]["first"] is None
    else:
        assert definition[0][1] == "Alpha one." and definition[0][0].startswith(english)
        assert definition[1:] == [(None, "Beta two."), (None, "Gamma three.")]
        assert summary["titles"] == {"first": "Summary", "second": None}
        assert summary["pairs"][0]["second"] is None


def test_compare_text_keeps_each_side_on_its_own_line(lastmile: Lastmile, data: str) -> None:
    out = lastmile("compare", "qaa", "en", "-s", "marathon", "--data-dir", data).out
    blocks = out.split("\n\n")
    assert blocks[0] == "qaa\tRunning\nen\tMarathon"
    assert blocks[1].startswith("qaa\tDelta four.\nen\tPerhaps the most literal")
    assert blocks[2] == "qaa\tEpsilon five.\nen\t\n"  # the last block ends the output


def test_compare_skips_a_section_neither_has_and_goes_on(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    """Two partial languages both lacking `telecom` still pair the sections after it."""
    first = write_language("qaa", THREE, directory="one")
    second = write_language("qab", THREE.replace("qaa", "qab"), directory="two")
    dirs = ("--data-dir", str(first.parent), "--data-dir", str(second.parent))
    result = lastmile("compare", "qaa", "qab", "-f", "json", *dirs)
    sections = json.loads(result.out)["sections"]
    assert [s["id"] for s in sections] == ["definition", "marathon"]
    assert sections[1]["pairs"] == [
        {"first": "Delta four.", "second": "Delta four."},
        {"first": "Epsilon five.", "second": "Epsilon five."},
    ]


LONG_TITLES = THREE.replace(
    "title: Many paragraphs", "title: A title that is much longer than twenty"
).replace("title: First section", "title: A section title longer than twenty")


def test_width_wraps_titles_and_headings_too(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    data = str(write_language("qaa", LONG_TITLES).parent)
    out = lastmile("explain", "-l", "qaa", "-s", "definition", "--width", "20", "--data-dir", data)
    assert out.out.splitlines() == [
        "A title that is much",
        "longer than twenty",
        "",
        "A section title",
        "longer than twenty",
        "Alpha one.",
        "",
        "Beta two.",
        "",
        "Gamma three.",
    ]


def test_compare_wraps_each_side_and_prefixes_every_line(lastmile: Lastmile, data: str) -> None:
    out = lastmile(
        "compare", "qaa", "en", "-s", "marathon", "--width", "30", "--data-dir", data
    ).out
    first = out.split("\n\n")[1].splitlines()
    assert first[:3] == [
        "qaa\tDelta four.",
        "en\tPerhaps the most literal",
        "en\tapplication of the concept",
    ]
    assert all(len(line.split("\t", 1)[1]) <= 30 for line in out.splitlines() if line)


def test_compare_with_nothing_in_common_prints_nothing(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    first = write_language("qaa", THREE, directory="one")
    second = write_language("qab", THREE.replace("qaa", "qab"), directory="two")
    dirs = ("--data-dir", str(first.parent), "--data-dir", str(second.parent))
    for fmt in ("text", "markdown"):
        result = lastmile("compare", "qaa", "qab", "-s", "telecom", "-f", fmt, *dirs)
        assert (result.code, result.out) == (0, "")
