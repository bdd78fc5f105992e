"""Reading two languages sentence by sentence: `compare --by sentence` and `--with`, in every
output form, and what a translator's free file does to them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SECTION_IDS, Lastmile, TerminalRun, check_golden, strip_ansi

STYLED = ("--color", "always", "--width", "72")
FORMS = {
    "txt": [],
    "md": ["-f", "markdown"],
    "json": ["-f", "json"],
    "html": ["-f", "html"],
    "ansi": list(STYLED),
}


@pytest.mark.parametrize("form", FORMS)
def test_compare_by_sentence_golden(
    lastmile: Lastmile, request: pytest.FixtureRequest, form: str
) -> None:
    result = lastmile("compare", "de", "en", "--by", "sentence", *FORMS[form])
    assert (result.code, result.err) == (0, "")
    check_golden(request, f"compare-de-en-sentence.{form}", result.out)


@pytest.mark.parametrize("form", FORMS)
def test_explain_with_golden(lastmile: Lastmile, request: pytest.FixtureRequest, form: str) -> None:
    result = lastmile("explain", "--lang", "it", "--with", "en", *FORMS[form])
    assert (result.code, result.err) == (0, "")
    check_golden(request, f"explain-it-with-en.{form}", result.out)


def test_by_sentence_keeps_the_json_schema(lastmile: Lastmile) -> None:
    by_paragraph = json.loads(lastmile("compare", "es", "fr", "-f", "json").out)
    by_sentence = json.loads(lastmile("compare", "es", "fr", "--by", "sentence", "-f", "json").out)
    assert by_sentence.keys() == by_paragraph.keys()
    for p, s in zip(by_paragraph["sections"], by_sentence["sections"], strict=True):
        assert s.keys() == p.keys() and s["titles"] == p["titles"]
        assert all(set(pair) == {"first", "second"} and all(pair.values()) for pair in s["pairs"])
        # the sentences are the paragraphs' own text, cut at single spaces
        for side in ("first", "second"):
            assert " ".join(pair[side] for pair in s["pairs"]) == " ".join(
                pair[side] for pair in p["pairs"]
            )
    total = sum(len(s["pairs"]) for s in by_sentence["sections"])
    assert total == 27


def test_by_is_case_insensitive_and_paragraph_by_default(lastmile: Lastmile) -> None:
    default = lastmile("compare", "de", "it").out
    assert lastmile("compare", "de", "it", "--by", "PARAGRAPH").out == default
    assert lastmile("compare", "de", "it", "--by", "Sentence").out == (
        lastmile("compare", "de", "it", "--by", "sentence").out
    )


def test_piped_pairs_start_on_their_language(lastmile: Lastmile) -> None:
    out = lastmile("compare", "it", "fr", "-s", "marathon", "--by", "sentence").out
    blocks = out.rstrip("\n").split("\n\n")
    assert len(blocks) == 1 + 5  # the titles, then five sentences
    for block in blocks:
        first, second = block.split("\n")
        assert first.startswith("it\t") and second.startswith("fr\t")


@pytest.mark.parametrize("value", ["en", "English", "en_GB.UTF-8", "ENGLISH", "EN-us"])
def test_with_takes_what_lang_takes(lastmile: Lastmile, value: str) -> None:
    result = lastmile("example", "marathon", "-l", "de", "--with", value, "-f", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["with"] == "en"


@pytest.mark.parametrize("value", ["english!", "xx", "zz-ZZ", ""])
def test_with_is_strict(lastmile: Lastmile, value: str) -> None:
    result = lastmile("explain", "--with", value)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("lastmile: unknown language") and result.err.count("\n") == 1


def test_with_the_language_shown_is_a_usage_error(lastmile: Lastmile) -> None:
    result = lastmile("explain", "--with", "fr", env={"LANG": "fr_FR.UTF-8"})
    assert (result.code, result.out) == (2, "")
    assert "--with 'fr' is fr, the language already shown" in result.err
    assert "--with en" in result.err


def test_with_needs_an_example_to_read(lastmile: Lastmile) -> None:
    result = lastmile("example", "--with", "it")
    assert (result.code, result.out) == (2, "")
    assert "lastmile example marathon --with de" in result.err


def test_every_sentence_of_the_article_is_read_once(lastmile: Lastmile) -> None:
    data = json.loads(lastmile("explain", "-l", "fr", "--with", "de", "-f", "json").out)
    assert [s["id"] for s in data["sections"]] == list(SECTION_IDS)
    for section in data["sections"]:
        texts = [s["text"] for s in section["sentences"]]
        assert " ".join(texts) == " ".join(section["paragraphs"])
        assert all(s["with"] for s in section["sentences"])


FREE = """\
language: qaa
name: Free
title: A free translation
sections:
  - id: definition
    kind: section
    title: Definition
    paragraphs:
      - >-
        Last-mile failure is an expression used in many fields for how much the last step, or
        the final details, of a project or an aim matter.
  - id: key-point
    kind: section
    title: Key
    paragraphs:
      - >-
        So the last mile failure is about how critical the last steps towards a goal are. Even
        when most of the work has been done, that final part can still make it or break it.
  - id: marathon
    kind: example
    title: Marathon
    paragraphs:
      - >-
        A runner may spend months getting ready for a marathon, training every day and running
        long distances to build up his stamina. Although well prepared, the runner falls a mile
        before the finish line and cannot complete the race, which is last-mile failure in its
        strictest sense.
      - >-
        He prepared thoroughly, but in the final leg he fails to reach his goal of finishing or
        winning the marathon.
  - id: conclusion
    kind: section
    title: Conclusion
    paragraphs:
      - >-
        Closing the deal, reaching the end and achieving the goal are all the opposite of a
        last-mile failure. In business, in competition, in technology and elsewhere, the final
        details of every effort matter and can be vital to its success. Relax too early and
        your venture may suffer a last-mile failure. Follow through to the final minutes and
        your project or goal is far more likely to succeed.
"""


def free_language(write_language: Callable[..., Path]) -> str:
    return str(write_language("qaa", FREE).parent)


def test_a_free_translation_is_read_beside_english(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    """The file leaves out the article's first sentence, merges the next two and breaks the
    story into two paragraphs: every sentence of the file is shown once, each beside its
    English, and the English sentence the file lacks joins the first one rather than being
    lost."""
    data_dir = free_language(write_language)
    result = lastmile(
        "example", "marathon", "-l", "qaa", "--with", "en", "-f", "json", "--data-dir", data_dir
    )
    assert result.code == 0, result.err
    [section] = json.loads(result.out)["sections"]
    texts = [s["text"] for s in section["sentences"]]
    assert " ".join(texts) == " ".join(section["paragraphs"])
    withs = [s["with"] for s in section["sentences"]]
    assert withs[0].startswith("Perhaps the most literal application")
    assert "A runner can spend months" in withs[0] and withs[0].endswith("his stamina.")
    assert withs[1].startswith("Despite being adequately prepared")
    assert withs[2].startswith("He has done a lot of preparation")
    assert len(withs) == 3


def test_a_section_the_second_language_lacks_reads_as_none(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    data_dir = free_language(write_language)
    result = lastmile(
        "explain", "-s", "summary", "--with", "qaa", "-f", "json", "--data-dir", data_dir
    )
    assert result.code == 0, result.err
    [section] = json.loads(result.out)["sections"]
    assert [s["with"] for s in section["sentences"]] == [None, None]
    text = lastmile("explain", "-s", "summary", "--with", "qaa", "--data-dir", data_dir).out
    lines = text.splitlines()
    assert lines[2:] == ["Summary", lines[3], "qaa\t", "", lines[6], "qaa\t"]


def test_compare_by_sentence_finds_the_merge(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    data_dir = free_language(write_language)
    result = lastmile(
        "compare",
        "en",
        "qaa",
        "-s",
        "marathon",
        "--by",
        "sentence",
        "-f",
        "json",
        "--data-dir",
        data_dir,
    )
    pairs = [(p["first"], p["second"]) for p in json.loads(result.out)["sections"][0]["pairs"]]
    starts = [(a[:20] if a else None, b[:20] if b else None) for a, b in pairs]
    assert starts == [
        ("Perhaps the most lit", None),
        ("A runner can spend m", "A runner may spend m"),  # (two English sentences, merged)
        ("Despite being adequa", "Although well prepar"),
        ("He has done a lot of", "He prepared thorough"),
    ]
    assert pairs[1][0].endswith("to increase his stamina.")


@pytest.mark.slow
def test_on_a_terminal_the_counterpart_is_dimmed_and_indented(
    terminal: Callable[..., TerminalRun],
) -> None:
    run = terminal(["explain", "-l", "de", "-s", "key-point", "--with", "en"], columns=60)
    assert run.code == 0
    assert "\x1b[2mThe last mile failure" in run.screen
    lines = strip_ansi(run.screen).splitlines()
    assert lines[4].startswith("Das Scheitern der letzten Meile")
    english = [line for line in lines if line.lstrip().startswith("The last mile failure")]
    assert english and english[0].startswith("    ")
    assert all(len(line) <= 60 for line in lines)


@pytest.mark.slow
def test_on_a_terminal_compare_by_sentence_starts_each_pair_on_one_row(
    terminal: Callable[..., TerminalRun],
) -> None:
    run = terminal(["compare", "de", "en", "-s", "marathon", "--by", "sentence"], columns=90)
    assert run.code == 0
    rows = strip_ansi(run.screen).splitlines()
    starts = [row for row in rows if row.startswith("Ein Läufer kann Monate")]
    assert len(starts) == 1 and "│ A runner can spend months" in starts[0]


def test_a_huge_section_reads_through(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    """Thousands of sentences in one section: aligned in groups past the limit (one note says
    so), joined under `--with` without copying the text over and over."""
    sentences = " ".join(f"Yes {i}." for i in range(5000))
    text = FREE.split("sections:")[0] + (
        "sections:\n  - id: definition\n    kind: section\n    title: Def\n"
        f"    paragraphs:\n      - {sentences}\n"
    )
    data_dir = str(write_language("qaa", text).parent)
    result = lastmile(
        "explain", "-s", "definition", "--with", "qaa", "-f", "json", "--data-dir", data_dir
    )
    assert result.code == 0, result.err
    [reading] = json.loads(result.out)["sections"][0]["sentences"]
    assert reading["with"] == sentences
    result = lastmile(
        "compare", "qaa", "en", "-s", "definition", "--by", "sentence", "--data-dir", data_dir
    )
    assert result.code == 0 and result.out.count("\nqaa\tYes ") == 5000
    assert result.err == (
        "lastmile: note: more than 500 sentences on a side in definition: their sentences are"
        " aligned in groups, and paired by position within each group\n"
    )
    assert [line for line in result.out.splitlines() if line.startswith("qaa\t")][:3] == [
        "qaa\tDef",
        "qaa\tYes 0.",
        "qaa\tYes 1.",
    ]
