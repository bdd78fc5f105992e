"""content.py by value: its helpers, and an Article's layers, errors, warnings and documents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from lastmile_cli import i18n
from lastmile_cli.bundle import Bundle
from lastmile_cli.cache import Cache
from lastmile_cli.content import Article, cache_context, fallback_digest
from lastmile_cli.errors import ContentError, LastmileError
from lastmile_cli.files import identity
from lastmile_cli.model import Language, Section


def test_the_fallback_digest_is_the_english_section_s_own_or_empty() -> None:
    english = Language(
        "en",
        "English",
        "English",
        "Title",
        (
            Section("intro", "section", "Intro", ("p",), code="en", digest="0123abcd"),
            Section("marathon", "example", "Marathon", ("q",), code="en", digest="89abcdef"),
        ),
    )
    assert fallback_digest(english, "marathon") == "89abcdef"
    assert fallback_digest(english, "intro") == "0123abcd"
    assert fallback_digest(english, "parcel-delivery") == ""


# -- Article: loading, requiring, showing ------------------------------------------------------

QAA_UNTITLED = """\
language: qaa
name: Q
sections:
  - id: summary
    kind: section
    title: S
    paragraphs:
      - P.
"""

QAA_BROKEN = """\
language: qaa
name: Q
title: T
nonsense: 1
sections:
  - id: summary
    kind: section
    title: S
    bogus: 2
    paragraphs:
      - P.
"""


def folder(tmp_path: Path, name: str, files: dict[str, str]) -> str:
    """A user directory holding `files` (file name → text)."""
    directory = tmp_path / name
    directory.mkdir()
    for file_name, text in files.items():
        (directory / file_name).write_text(text, encoding="utf-8")
    return str(directory)


def test_the_file_this_run_writes_to_is_not_read_as_content(tmp_path: Path) -> None:
    user = folder(tmp_path, "user", {"es.yaml": ""})  # emptied by the shell's `>`
    status = os.stat(os.path.join(user, "es.yaml"))
    article = Article([user], None, writing=(status.st_dev, status.st_ino))
    assert [file.bundled for file in article.files()["es"]] == [True]
    spanish = article.load("es")
    assert spanish is not None and spanish.source == "bundled"
    assert article.warnings == []


def test_a_cache_entry_the_article_s_outline_refuses_is_not_used(tmp_path: Path) -> None:
    user = folder(
        tmp_path, "user", {"qaa.yaml": QAA_UNTITLED.replace("name: Q\n", "name: Q\ntitle: T\n")}
    )
    path = os.path.join(user, "qaa.yaml")
    os.utime(path, (1_600_000_000, 1_600_000_000))  # old enough to be cached
    outline = Bundle().outline()
    first, second = outline.ids[:2]
    forged = Language(
        "qaa",
        "Q",
        "Q",
        "T",
        tuple(  # two bundled sections in the reverse of the article's order
            Section(i, outline.kinds[i], "Forged", ("Forged.",), code="qaa", digest="0123abcd")
            for i in (second, first)
        ),
        source=path,
    )
    cache = Cache(str(tmp_path / "cache"))
    cache.put(path, identity(os.stat(path)), forged, cache_context(Bundle(), patch=False))
    assert [n for n in os.listdir(tmp_path / "cache") if n.endswith(".lmc")]  # the forged entry
    language = Article([user], cache).load("qaa")
    assert language is not None
    assert [(s.id, s.paragraphs) for s in language.sections] == [("summary", ("P.",))]


def test_a_language_no_file_provides_is_none_and_required_an_error(tmp_path: Path) -> None:
    article = Article([folder(tmp_path, "user", {})], None)
    assert article.load("qaa") is None
    with pytest.raises(LastmileError) as raised:
        article.require("qaa")
    assert type(raised.value) is LastmileError
    assert str(raised.value) == "no usable file for language 'qaa'"


def test_a_required_language_whose_file_is_broken_is_that_file_s_first_error(
    tmp_path: Path,
) -> None:
    article = Article([folder(tmp_path, "user", {"qaa.yaml": QAA_BROKEN})], None)
    with pytest.raises(ContentError) as raised:
        article.require("qaa")
    path = os.path.join(tmp_path, "user", "qaa.yaml")
    assert str(raised.value) == (
        f"{path}:4:1: unknown key 'nonsense' in the file; allowed: language, name,"
        " english_name, title, title_origin, term, sections"
        " (and 1 more problem; run 'lastmile validate')"
    )
    assert article.warnings == []  # the error says it: no warning that the file was skipped


def test_a_patch_with_a_name_but_no_title_whose_next_layer_is_broken_is_skipped(
    tmp_path: Path,
) -> None:
    first = folder(tmp_path, "first", {"qaa.yaml": QAA_UNTITLED})
    second = folder(tmp_path, "second", {"qaa.yaml": QAA_BROKEN})
    article = Article([first, second], None)
    assert article.load("qaa") is None
    assert article.warnings[-1] == (
        f"warning: {os.path.join(first, 'qaa.yaml')}: the file has no 'title', and no other"
        " file for qaa gives one; skipping it"
    )


@pytest.fixture
def german() -> Iterator[None]:
    """The interface in German for one test."""
    assert i18n.setup({"LANG": "de_DE.UTF-8"}) == "de"
    try:
        yield
    finally:
        i18n.setup({})


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (QAA_BROKEN, "(und 1 weiteres Problem); die Datei wird übersprungen"),
        (
            QAA_BROKEN.replace("title: T\n", "title: T\nmore: 3\n"),
            "(und 2 weitere Probleme); die Datei wird übersprungen",
        ),
    ],
    ids=["one more", "two more"],
)
def test_a_skipped_file_s_further_problems_are_counted_in_the_interface_s_language(
    tmp_path: Path, german: None, text: str, said: str
) -> None:
    first = folder(tmp_path, "first", {"qaa.yaml": text})
    second = folder(
        tmp_path,
        "second",
        {"qaa.yaml": QAA_BROKEN.replace("nonsense: 1\n", "").replace("    bogus: 2\n", "")},
    )
    article = Article([first, second], None)
    assert article.load("qaa") is not None  # from the next layer
    (warned,) = article.warnings
    assert warned.endswith(said), warned


OLDER_GERMAN = """\
language: de
sections:
  - id: summary
    kind: section
    title: Zusammenfassung
    fingerprint: 0badf00d
    paragraphs:
      - Eine ältere Übersetzung.
"""

NEWER_ENGLISH = """\
language: en
sections:
  - id: summary
    kind: section
    title: Summary
    paragraphs:
      - The English, rewritten since it was translated.
"""


def test_a_user_s_section_translated_from_another_english_is_shown_as_stale(
    tmp_path: Path,
) -> None:
    article = Article([folder(tmp_path, "user", {"de.yaml": OLDER_GERMAN})], None)
    shown = article.document(article.require("de"), article.outline().ids)
    assert shown.stale == ("summary",)
    assert shown.untranslated == ()


def test_a_user_s_english_makes_the_bundled_translation_of_what_it_rewrites_stale(
    tmp_path: Path,
) -> None:
    article = Article([folder(tmp_path, "user", {"en.yaml": NEWER_ENGLISH})], None)
    german = article.require("de")
    assert german.source == "bundled"
    assert article.document(german, article.outline().ids).stale == ("summary",)
    bundled = Article([], None)
    assert bundled.document(bundled.require("de"), bundled.outline().ids).stale == ()
