"""Each localized screen reads as if a native speaker wrote it: under each locale, the help, a
usage error, a content error, a validate of a broken file and a borrowed-section note hold no
English word outside the article, the commands, the options and what the file holds, and keep
the language's typography (po/glossary.md)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import subprocess_env

ROOT = Path(__file__).resolve().parent.parent
LOCALES = {"de": "de_DE.UTF-8", "es": "es_ES.UTF-8", "fr": "fr_FR.UTF-8", "it": "it_IT.UTF-8"}
Run = Callable[..., tuple[int, str, str]]

# English words a localized screen must not show. Each language keeps out of its list the words
# it shares with English ("options", "section" and "message" are French too, "note" and "file"
# Italian, "terminal" Spanish); the match is case-sensitive, so German "Text" is not "text".
ENGLISH = {
    "the",
    "and",
    "of",
    "is",
    "are",
    "not",
    "file",
    "files",
    "error",
    "errors",
    "note",
    "notes",
    "missing",
    "unknown",
    "found",
    "expected",
    "while",
    "must",
    "usage",
    "Usage",
    "Options",
    "Commands",
    "Show",
    "this",
    "message",
    "exit",
    "Try",
    "help",
    "for",
    "bundled",
    "checked",
    "showing",
    "English",
    "section",
    "Did",
    "you",
    "mean",
    "Missing",
    "argument",
    "Invalid",
    "value",
    "such",
    "command",
    "option",
    "allowed",
    "key",
    "has",
    "text",
    "with",
    "or",
    "line",
    "column",
    "Print",
    "List",
    "Check",
    "Find",
    "Read",
    "Only",
    "repeatable",
    "default",
    "pipe",
    "terminal",
    "window",
    "Wrap",
    "Page",
    "Extra",
    "Output",
    "format",
    "Colour",
    "whole",
    "article",
    "chosen",
    "story",
    "plain",
    "when",
    "piped",
    "scripts",
    "runtime",
    "content",
    "counterpart",
    "code",
    "locale",
    "directory",
    "path",
    "does",
    "exist",
    "empty",
    "blank",
    "mapping",
    "list",
    "tab",
    "quote",
    "quoted",
    "colon",
    "indented",
    "never",
    "closed",
    "syntax",
    "skipping",
    "skipped",
    "see",
    "more",
    "problem",
    "problems",
    "translated",
    "untranslated",
    "stale",
    "yet",
    "still",
    "integer",
    "range",
    "Aborted",
    "Error",
    "there",
    "here",
    "which",
    "out",
    "order",
    "Available",
}
SHARED = {
    "de": set(),
    "es": {"terminal", "scripts", "error"},
    "fr": {
        "Options",
        "options",
        "section",
        "message",
        "option",
        "argument",
        "format",
        "code",
        "article",
        "content",
        "notes",
        "or",
        "locale",
        "scripts",
        "terminal",
        "list",
    },
    "it": {"file", "note", "pipe", "locale", "scripts"},
}
# What is code, not prose, and may be English in any language: commands, section ids, kinds,
# the values of choices, YAML keys, and the example names of a language in the help.
CODE_WORDS = {
    "lastmile",
    "compare",
    "example",
    "explain",
    "languages",
    "search",
    "sections",
    "template",
    "validate",
    "summary",
    "definition",
    "telecom",
    "key-point",
    "marathon",
    "politics",
    "car-sales",
    "conclusion",
    "paragraph",
    "sentence",
    "text",
    "markdown",
    "json",
    "auto",
    "always",
    "never",
    "id",
    "kind",
    "title",
    "name",
    "english_name",
    "language",
    "aliases",
    "paragraphs",
    "origin",
    "seed",
    "added",
    "German",
    "Deutsch",
    "YAML",
    "JSON",
    "README",
}
CODE = re.compile(
    r"(?m:^[ \t]+(?:lastmile|LANG=)\S*(?: \S+)*)"  # an example's command line
    r"|\S+\.yaml(?::\d+:\d+)?:?"  # a file and its location
    r"|(?<![\w-])--?[\w-]+|\[[\w|.]+\]|\b[A-Z][A-Z_]+\b|\S*[=_/<>]\S*"  # options, choices, metavariables
    r"|„[^“]*“|«[^»]*»"  # a value in quotation marks
)

BROKEN = (
    "language: qaa\nname: Q\ntitle: T\nsections:\n"
    "  - id: summary\n    kind: example\n    titel: S\n    paragraphs: []\n"
    "  - id: defintion\n    kind: section\n    title: '  '\n    paragraphs: [x]\n"
)
PARTIAL = (
    "language: qaa\nname: Q\ntitle: T\nsections:\n  - id: summary\n    kind: section\n"
    "    title: S\n    paragraphs: [x]\n"
)
SYNTAX = "language: qaa\nname: Q\ntitle: 'l'ultimo miglio'\n"
STORY = (  # a story of one's own, which every bundled language borrows
    "language: qaa\nname: Q\ntitle: T\nsections:\n  - id: own-story\n    kind: example\n"
    "    title: S\n    paragraphs: [x]\n"
)


def catalogs() -> object:
    spec = importlib.util.spec_from_file_location("catalogs", ROOT / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def run(clean_env: Path, tmp_path: Path) -> Run:
    def call(*args: str, **env: str) -> tuple[int, str, str]:
        result = subprocess.run(
            [sys.executable, "-c", "from lastmile_cli.entry import main; main()", *args],
            capture_output=True,
            env=subprocess_env(LASTMILE_CACHE_DIR=str(clean_env), **env),
            cwd=tmp_path,
            timeout=60,
        )
        return result.returncode, result.stdout.decode(), result.stderr.decode()

    return call


def screens(run: Run, tmp_path: Path, locale: str) -> dict[str, str]:
    """What a reader in `locale` sees for each kind of screen (stdout and stderr)."""
    broken, partial, syntax, story = (
        tmp_path / d for d in ("broken", "partial", "syntax", "story")
    )
    for directory, text in (
        (broken, BROKEN),
        (partial, PARTIAL),
        (syntax, SYNTAX),
        (story, STORY),
    ):
        directory.mkdir()
        (directory / "qaa.yaml").write_text(text, encoding="utf-8")
    calls = {  # what is run, and its exit status
        "help": (0, ["--help"]),
        "command help": (0, ["search", "--help"]),
        "validate help": (0, ["validate", "--help"]),
        "no such command": (2, ["explian"]),
        "no such option": (2, ["explain", "--lnag", "de"]),
        "bad value": (2, ["explain", "--width", "abc"]),
        "bad choice": (2, ["explain", "-f", "xml"]),
        "missing argument": (2, ["search"]),
        "unknown section": (2, ["explain", "--section", "nowhere"]),
        "content error": (1, ["explain", "--lang", "qaa", "--data-dir", str(broken)]),
        "validate": (1, ["validate", str(broken / "qaa.yaml")]),
        "yaml syntax": (1, ["validate", str(syntax / "qaa.yaml")]),
        "borrowed": (0, ["explain", "--lang", "qaa", "--data-dir", str(partial)]),
        "languages": (0, ["languages", "--data-dir", str(partial)]),
        "borrowed by a bundled language": (0, ["example", "own-story", "--data-dir", str(story)]),
        "status": (0, ["status", "qaa", "--data-dir", str(partial), "-f", "markdown"]),
    }
    seen = {}
    for what, (expected, args) in calls.items():
        status, out, err = run(*args, LANG=locale)
        assert (status, "Traceback" in err) == (expected, False), (what, err)
        if what.startswith("borrowed"):  # the article's own text is not the interface's
            out = ""
        elif what == "languages":  # each language's names are its own: the source and reason
            out = "\n".join("\t".join(row.split("\t")[4:]) for row in out.splitlines())
        seen[what] = out + err
    return seen


def english_words(code: str, screen: str) -> list[str]:
    prose = CODE.sub(" ", screen)
    words = re.findall(r"[^\W\d_][\w’'-]*", prose)
    return [w for w in words if w in ENGLISH - SHARED[code] and w not in CODE_WORDS]


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(LOCALES))
def test_every_screen_speaks_the_language(run: Run, tmp_path: Path, code: str) -> None:
    found = {
        what: english_words(code, screen)
        for what, screen in screens(run, tmp_path, LOCALES[code]).items()
    }
    assert {what: words for what, words in found.items() if words} == {}


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(LOCALES))
def test_every_screen_keeps_the_typography(run: Run, tmp_path: Path, code: str) -> None:
    check = catalogs().typographic_faults  # type: ignore[attr-defined]
    faults = {
        what: check(code, screen) for what, screen in screens(run, tmp_path, LOCALES[code]).items()
    }
    assert {what: found for what, found in faults.items() if found} == {}


@pytest.mark.slow
@pytest.mark.parametrize("code", sorted(LOCALES))
def test_the_english_screens_would_be_caught(run: Run, tmp_path: Path, code: str) -> None:
    """The lists are not empty in effect: every screen of an English run fails each language's
    check, and so does a localized line with one English word left in it."""
    english = screens(run, tmp_path, "C")
    assert {what: bool(english_words(code, screen)) for what, screen in english.items()} == {
        what: True for what in english
    }
    assert english_words(code, "qaa.yaml:5:5: „title“ «title» while") == ["while"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("locale", "progress"),
    [
        ("C", "8/9, 1 missing"),
        ("fr_FR.UTF-8", "8/9, 1 absente"),
        ("es_ES.UTF-8", "8/9, 1 ausente"),
        ("it_IT.UTF-8", "8/9, 1 mancante"),
    ],
)
def test_the_progress_of_languages_has_real_plurals(
    run: Run, tmp_path: Path, locale: str, progress: str
) -> None:
    """`8/9, 1 missing`: one section missing is said in the singular, in every language."""
    story = tmp_path / "story"
    story.mkdir()
    (story / "qaa.yaml").write_text(STORY, encoding="utf-8")
    status, out, err = run("languages", "--data-dir", str(story), LANG=locale)
    assert status == 0, err
    german = next(row for row in out.splitlines() if row.startswith("de\t"))
    assert german.split("\t")[3] == progress
