"""Two languages side by side: titles and paragraphs pair up, whatever the output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SECTION_IDS, Lastmile


def test_piped_pairs_are_prefixed_with_their_language(lastmile: Lastmile) -> None:
    lines = lastmile("compare", "de", "it", "--section", "marathon").out.splitlines()
    assert lines[:3] == ["de\tMarathon", "it\tMaratona", ""]
    assert lines[3].startswith("de\tDie vielleicht wörtlichste Anwendung")
    assert lines[4].startswith("it\tForse l’applicazione più letterale")
    assert len(lines) == 5


def test_every_section_aligns(lastmile: Lastmile) -> None:
    data = json.loads(lastmile("compare", "English", "español", "-f", "json").out)
    assert data["languages"] == ["en", "es"]
    assert [s["id"] for s in data["sections"]] == list(SECTION_IDS)
    for section in data["sections"]:
        assert set(section) == {"id", "titles", "pairs"}
        assert set(section["titles"]) == {"first", "second"}
        assert all(
            set(pair) == {"first", "second"} and all(pair.values()) for pair in section["pairs"]
        )


def test_a_missing_counterpart_is_null(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("qaa")
    data = json.loads(
        lastmile("compare", "qaa", "de", "-f", "json", "--data-dir", str(path.parent)).out
    )
    summary = data["sections"][0]
    assert summary["id"] == "summary"
    assert summary["titles"] == {"first": None, "second": "Zusammenfassung"}
    assert summary["pairs"][0]["first"] is None


def test_markdown_is_a_table_per_section(lastmile: Lastmile) -> None:
    out = lastmile("compare", "fr", "it", "-s", "conclusion", "-f", "markdown").out
    lines = out.splitlines()[5:]  # (after the metadata block: title and lang)
    assert out.startswith("---\ntitle: \"Qu'est-ce qu'un échec du dernier kilomètre? · ")
    assert lines[0] == "| fr: Conclusion | it: Conclusione |"
    assert lines[1] == "|---|---|"
    assert lines[2].startswith("| Sceller l'accord")


def test_unknown_language_exits_2(lastmile: Lastmile) -> None:
    result = lastmile("compare", "de", "xx")
    assert (result.code, result.out) == (2, "")
    assert "unknown language 'xx'" in result.err


def test_two_languages_are_required(lastmile: Lastmile) -> None:
    result = lastmile("compare", "de")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "lastmile: Missing argument 'LANG'. Try 'lastmile compare --help' for help.\n"
    )


def test_lang_gets_a_hint_not_a_did_you_mean(lastmile: Lastmile) -> None:
    for option in ("--lang", "-l"):
        result = lastmile("compare", "de", "it", option, "fr")
        assert (result.code, result.out) == (2, "")
        assert result.err == (
            "lastmile: compare takes its two languages as arguments, not --lang, such as:"
            " lastmile compare de it. Try 'lastmile compare --help' for help.\n"
        )


def test_one_language_named_twice_is_a_usage_error(lastmile: Lastmile) -> None:
    for second in ("de", "German", "Deutsch", "de_AT.UTF-8"):
        result = lastmile("compare", "de", second, "-f", "json")
        assert (result.code, result.out) == (2, "")
        assert result.err == (
            f"lastmile: 'de' and '{second}' are both de; name two different languages,"
            " such as: lastmile compare de it\n"
        )


@pytest.mark.slow
def test_terminal_columns_are_headed_by_their_language(
    terminal: Callable[..., Any],
) -> None:
    screen = terminal(["compare", "de", "it", "-s", "summary", "--color", "never"], columns=60)
    first = screen.screen.splitlines()[0]
    assert first.startswith("de · Deutsch ") and first.endswith("│ it · Italiano")


@pytest.mark.parametrize("sections", [[], ["--section", "marathon"]])
def test_the_bundled_languages_by_sentence_are_read_from_the_build(
    lastmile: Lastmile, monkeypatch: pytest.MonkeyPatch, sections: list[str]
) -> None:
    """Their sentences were split and aligned when the package was built: comparing them needs
    neither the splitter nor the aligner (start-up), and gives what those would."""
    expected = lastmile("compare", "de", "en", "--by", "sentence", *sections, "-f", "json")
    assert expected.code == 0, expected.err
    for name in ("sentencex", "lastmile_cli.sentences", "lastmile_cli.alignment"):
        monkeypatch.setitem(sys.modules, name, None)  # (`import` of it now fails)
    found = lastmile("compare", "de", "en", "--by", "sentence", *sections, "-f", "json")
    assert (found.code, found.out, found.err) == (0, expected.out, "")
