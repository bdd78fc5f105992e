"""Your own languages: added, overriding, partial or broken, never stopping the tool."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import GOLDEN, Lastmile

GERMAN = (GOLDEN / "explain-de.txt").read_text(encoding="utf-8")
ENGLISH = (GOLDEN / "explain-en.txt").read_text(encoding="utf-8")
ENGLISH_MARATHON = ENGLISH.splitlines()[ENGLISH.splitlines().index("Marathon") + 1]

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


def patch(code: str, section: str = "summary", text: str = "Patched.") -> str:
    """A user file with one section, for a language that has all eight."""
    return (
        f"language: {code}\nname: Mine\ntitle: My title\nsections:\n  - id: {section}\n"
        f"    kind: {'example' if section == 'marathon' else 'section'}\n    title: Mine\n"
        f"    paragraphs: [{text}]\n"
    )


def test_a_partial_user_file_patches_the_bundled_language_it_names(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    """The rest of a patched German is the bundled German, not English, and needs no note."""
    path = write_language("de", patch("de"))
    result = lastmile("explain", "-l", "de", "--data-dir", str(path.parent))
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[:5] == ["My title", "", "Mine", "Patched.", ""]
    assert lines[5:] == GERMAN.splitlines()[5:]


def test_a_partial_english_never_hides_a_section(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("en", patch("en"))
    explain = lastmile("explain", "-l", "en", "--data-dir", str(path.parent))
    assert (explain.code, explain.err) == (0, "")
    assert explain.out.splitlines()[5:] == ENGLISH.splitlines()[5:]
    marathon = lastmile("example", "marathon", "-l", "en", "--data-dir", str(path.parent))
    assert marathon.out.splitlines()[2:] == ["Marathon", ENGLISH_MARATHON]
    other = lastmile("explain", "-l", "pt", "--data-dir", str(path.parent))
    assert other.code == 2  # no pt at all: unaffected


def test_layers_go_through_every_directory_before_the_bundle(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    top = write_language("it", patch("it", "summary", "Top."), directory="top")
    middle = write_language("it", patch("it", "definition", "Middle."), directory="middle")
    both = ("--data-dir", str(top.parent), "--data-dir", str(middle.parent))
    lines = lastmile("explain", "-l", "it", *both).out.splitlines()
    assert lines[2:9] == ["Mine", "Top.", "", "Mine", "Middle.", "", "Telecomunicazioni"]


def test_every_borrowed_section_is_named(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("pt", PORTUGUESE)
    listed = lastmile("example", "-l", "pt", "--data-dir", str(path.parent))
    assert listed.out.splitlines() == [
        "telecom\tTelecom [en]",
        "marathon\tMaratona",
        "politics\tPolitics [en]",
        "car-sales\tCar sales [en]",
    ]
    assert (
        listed.err
        == f"lastmile: note: pt ({path}) has no telecom, politics, car-sales; showing English\n"
    )


def test_a_language_without_examples_shows_the_borrowed_ones_never_nothing(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    path = write_language("qaa")  # only a definition
    listed = lastmile("example", "-l", "qaa", "--data-dir", str(path.parent))
    assert listed.code == 0 and len(listed.out.splitlines()) == 4
    assert "has no telecom, marathon, politics, car-sales; showing English" in listed.err
    one = lastmile("example", "politics", "-l", "qaa", "--data-dir", str(path.parent))
    assert one.out.splitlines()[2] == "Politics [en]"
    assert "has no politics; showing English" in one.err


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
    assert result.err.count("YAML syntax") == 1  # the error, not also a warning before it


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "-l", "qaa"],
        ["validate"],
        ["compare", "en", "qaa"],
        ["example", "x", "-l", "qaa"],
    ],
)
def test_each_problem_is_reported_once(
    lastmile: Lastmile, write_language: Callable[..., Path], args: list[str]
) -> None:
    broken = write_language("qaa", 'language: qaa\nname: "open\n')
    result = lastmile(*args, "--data-dir", str(broken.parent))
    assert result.code == 1
    assert (result.out + result.err).count("is never closed") == 1


def test_an_unreadable_data_directory_is_said_not_taken_for_empty(
    lastmile: Lastmile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    real = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(folder))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    warning = f"lastmile: warning: {folder}: cannot read this directory: permission denied; "
    listing = lastmile("languages", "--data-dir", str(folder))
    assert listing.code == 0 and listing.err.startswith(warning)
    shown = lastmile("explain", "-s", "summary", "--data-dir", str(folder))  # every command
    assert shown.code == 0 and shown.err.startswith(warning)
    check = lastmile("validate", "--data-dir", str(folder))
    assert check.code == 1
    assert f"{folder}:1:1: cannot read this directory: permission denied" in check.out
    assert "cannot write" not in check.out + check.err


def test_languages_warns_of_a_misnamed_file(lastmile: Lastmile, tmp_path: Path) -> None:
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "portuguese.yaml").write_text(PORTUGUESE, encoding="utf-8")
    (folder / "it.yml").write_text("language: it\n", encoding="utf-8")
    result = lastmile("languages", "--data-dir", str(folder))
    assert result.code == 0
    assert f"warning: {folder}/portuguese.yaml: the file name must be a language tag" in result.err
    assert f"warning: {folder}/it.yml: rename to it.yaml" in result.err


def test_an_unknown_language_names_the_files_skipped_for_their_name(
    lastmile: Lastmile, tmp_path: Path
) -> None:
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "portuguese.yaml").write_text(PORTUGUESE, encoding="utf-8")
    result = lastmile("explain", "--lang", "pt", "--data-dir", str(folder))
    assert result.code == 2
    assert result.err == (
        "lastmile: unknown language 'pt'. Available: de, en, es, fr, it."
        f" Skipped {folder}/portuguese.yaml: the file name must be a language tag, such as"
        " pt-BR.yaml (see 'lastmile languages').\n"
    )


def test_an_unknown_language_without_data_dirs_says_how_to_add_one(lastmile: Lastmile) -> None:
    result = lastmile("compare", "en", "pt")
    assert result.code == 2
    assert result.err.endswith(
        " To add one, put its file in your data folder ('lastmile paths data' shows where), or in a directory you pass with --data-dir DIR.\n"
    )


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
    completeness = "2/8, 6 missing"
    assert rows[-1] == ["pt", "Português", "Portuguese", completeness, str(path), "from --lang pt"]
    assert rows[0][3:5] == ["8/8", "bundled"]


def test_a_missing_data_dir_is_a_usage_error_naming_it(lastmile: Lastmile, tmp_path: Path) -> None:
    result = lastmile("languages", "--data-dir", str(tmp_path / "nowhere"))
    assert (result.code, result.out) == (2, "")
    assert str(tmp_path / "nowhere") in result.err


def special_files(directory: Path) -> dict[str, str]:
    """A FIFO, a link to a terminal device, a socket and a directory, each named like a language."""
    import socket

    directory.mkdir(exist_ok=True)
    os.mkfifo(directory / "pt.yaml")
    (directory / "ru.yaml").symlink_to("/dev/tty")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(directory / "sv.yaml"))
    server.close()
    (directory / "nl.yaml").mkdir()
    (directory / "ja.yaml").symlink_to(directory / "nowhere")
    return {
        "pt": "is a FIFO, not a regular file",
        "ru": "is a character device, not a regular file",
        "sv": "is a socket, not a regular file",
        "nl": "is a directory, not a regular file",
        "ja": "is a broken link",
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["languages"], ["search", "turnout"], ["validate"], ["explain", "-s", "summary"]]
)
def test_special_files_in_a_data_directory_are_skipped_with_a_warning(
    spawn: Callable[..., subprocess.CompletedProcess[bytes]], tmp_path: Path, args: list[str]
) -> None:
    reasons = special_files(tmp_path / "traps")
    result = spawn(
        *args, env={"LASTMILE_DATA_DIR": str(tmp_path / "traps")}, stdin=subprocess.DEVNULL
    )
    err = result.stderr.decode()
    assert result.returncode == (1 if args == ["validate"] else 0), err  # validate: errors
    both = err + result.stdout.decode()
    for code, reason in reasons.items():
        path = tmp_path / "traps" / f"{code}.yaml"
        assert f"{path}: {reason}" in both or f"{path}:1:1: {reason}" in both


def test_a_file_that_turns_into_a_fifo_is_refused_when_read(tmp_path: Path) -> None:
    """Between the scan and the read a file may be replaced: the read itself never blocks."""
    from lastmile_cli.cache import Cache
    from lastmile_cli.content import Article
    from lastmile_cli.files import LanguageFile

    os.mkfifo(tmp_path / "pt.yaml")
    article = Article([], Cache(None))
    assert article.read(LanguageFile("pt", str(tmp_path / "pt.yaml"), False)) is None
    assert "pt.yaml:1:1: is a FIFO, not a regular file" in article.warnings[0]


@pytest.mark.parametrize(
    ("fmt", "mark"),
    [
        ("text", "\nPolitics [en]\n"),
        ("markdown", "\n## Politics \\[en\\]\n"),
        ("json", '"language": "en",\n      "title": "Politics"'),
    ],
)
def test_a_borrowed_section_is_marked_in_every_format(
    lastmile: Lastmile, write_language: Callable[..., Path], fmt: str, mark: str
) -> None:
    path = write_language("pt", PORTUGUESE)
    args = ("-l", "pt", "--data-dir", str(path.parent), "-f", fmt)
    shown = lastmile("explain", "-s", "marathon", "-s", "politics", *args).out
    assert mark in shown
    assert "Maratona [" not in shown and "Maratona \\[" not in shown  # translated: no mark
    if fmt == "json":
        sections = json.loads(shown)["sections"]
        assert [s["language"] for s in sections] == ["pt", "en"]


@pytest.mark.slow
def test_a_borrowed_section_is_marked_on_a_terminal(
    terminal: Callable[..., Any], write_language: Callable[..., Path]
) -> None:
    path = write_language("pt", PORTUGUESE)
    screen = terminal(["explain", "-l", "pt", "--data-dir", str(path.parent), "--color", "never"])
    assert "┃ Politics [en]\n" in screen.screen
    assert "┃ Maratona\n" in screen.screen
