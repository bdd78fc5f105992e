"""Your own languages: added, overriding, partial or broken, never stopping the tool."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from conftest import Lastmile

PORTUGUESE = """\
language: pt
name: Português
english_name: Portuguese
title: O que é uma falha da última milha?
sections:
  - id: definition
    kind: section
    title: Definição
    paragraphs:
      - A falha da última milha é uma expressão.
  - id: marathon
    kind: example
    title: Maratona
    aliases: [corredor]
    paragraphs:
      - Um corredor pode passar meses a preparar-se.
"""


def test_a_user_file_adds_a_language(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("pt", PORTUGUESE)
    result = lastmile("example", "corredor", "--lang", "português", "--data-dir", str(path.parent))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "O que é uma falha da última milha?",
        "",
        "Maratona",
        "Um corredor pode passar meses a preparar-se.",
    ]
    assert result.err == ""


def test_a_partial_language_borrows_english_with_one_note(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("pt", PORTUGUESE)
    result = lastmile("explain", "-l", "pt", "--data-dir", str(path.parent), "-f", "json")
    sections = json.loads(result.out)["sections"]
    assert [s["id"] for s in sections] == [
        "summary",
        "definition",
        "telecom",
        "key-point",
        "marathon",
        "politics",
        "car-sales",
        "conclusion",
    ]
    assert sections[1]["title"] == "Definição"
    assert sections[0]["title"] == "Summary"
    assert result.err == (
        f"lastmile: note: pt ({path}) has no summary, telecom, key-point, politics, car-sales, conclusion; showing English\n"
    )


def test_a_user_file_replaces_a_bundled_language(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("de", None)
    result = lastmile("explain", "-l", "de", "-s", "definition", "--data-dir", str(path.parent))
    assert result.out == "A test\n\nDef\nOne paragraph.\n"


def test_earlier_directories_win(lastmile: Lastmile, write_language: Callable[..., Path]) -> None:
    first = write_language("qaa", None, directory="one")
    second = write_language("qaa", None, directory="two")
    second.write_text(second.read_text().replace("A test", "Second"), encoding="utf-8")
    env = {"LASTMILE_DATA_DIR": f"{second.parent}{os.pathsep}{first.parent}"}
    assert lastmile("explain", "-l", "qaa", env=env).out.startswith("Second\n")
    both = ("--data-dir", str(first.parent), "--data-dir", str(second.parent))
    assert lastmile("explain", "-l", "qaa", *both).out.startswith("A test\n")


def test_data_dir_option_beats_the_environment(
    lastmile: Lastmile, write_language: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_language("qaa")
    env = {"LASTMILE_DATA_DIR": str(tmp_path / "missing")}
    result = lastmile(
        "explain", "-l", "qaa", "-s", "definition", "--data-dir", str(path.parent), env=env
    )
    assert (result.code, result.err) == (0, "")


def test_a_missing_environment_directory_is_a_warning(lastmile: Lastmile, tmp_path: Path) -> None:
    result = lastmile(
        "explain", "-s", "definition", env={"LASTMILE_DATA_DIR": str(tmp_path / "gone")}
    )
    assert result.code == 0
    assert (
        result.err
        == f"lastmile: warning: LASTMILE_DATA_DIR entry {tmp_path / 'gone'} is not a directory; ignored\n"
    )


def test_a_broken_user_file_warns_and_the_rest_works(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    broken = write_language("de", "language: de\nname: [oops\n")
    write_language("pt", PORTUGUESE)
    result = lastmile("explain", "-l", "de", "-s", "definition", "--data-dir", str(broken.parent))
    assert result.code == 0
    assert result.out.startswith("Was ist ein Scheitern der letzten Meile?")  # the bundled German
    assert result.err.startswith(f"lastmile: warning: {broken}:")
    assert result.err.endswith("skipping this file\n")
    listing = lastmile("languages", "--data-dir", str(broken.parent))
    assert [line.split("\t")[0] for line in listing.out.splitlines()] == [
        "de",
        "en",
        "es",
        "fr",
        "it",
        "pt",
    ]
    assert "warning" in listing.err


def test_asking_for_a_broken_language_is_a_content_error(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    broken = write_language("qaa", "language: qaa\nname: Test\ntitle: [\n")
    result = lastmile("explain", "-l", "qaa", "--data-dir", str(broken.parent))
    assert (result.code, result.out) == (1, "")
    assert f"{broken}:4:1: YAML syntax" in result.err


def test_a_broken_language_chosen_by_the_locale_falls_back_to_english(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    broken = write_language("qaa", "language: qaa\n")
    result = lastmile(
        "explain", "-s", "definition", "--data-dir", str(broken.parent), env={"LANG": "qaa"}
    )
    assert result.code == 0
    assert result.out.startswith("What’s a last mile failure?")


def test_languages_shows_source_and_completeness(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("pt", PORTUGUESE)
    rows = [
        line.split("\t")
        for line in lastmile(
            "languages", "--data-dir", str(path.parent), "-l", "pt"
        ).out.splitlines()
    ]
    assert rows[-1] == ["pt", "Português", "Portuguese", "2/8", str(path), "from --lang pt"]
    assert rows[0][3:5] == ["8/8", "bundled"]


def test_a_missing_data_dir_is_a_usage_error_naming_it(lastmile: Lastmile, tmp_path: Path) -> None:
    result = lastmile("languages", "--data-dir", str(tmp_path / "nowhere"))
    assert (result.code, result.out) == (2, "")
    assert str(tmp_path / "nowhere") in result.err
