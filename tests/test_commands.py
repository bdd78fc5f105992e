"""The commands' functions called directly, in-process: what each returns for a run's settings
and article (the console script's own tests watch the same from outside)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from conftest import SECTION_IDS
from lastmile_cli import alignment, content, sentences
from lastmile_cli.bundle import Bundle
from lastmile_cli.cache import Cache
from lastmile_cli.commands.example import example
from lastmile_cli.commands.explain import explain
from lastmile_cli.commands.languages import languages
from lastmile_cli.content import Article
from lastmile_cli.render.rows import language_list
from lastmile_cli.settings import Settings, build
from lastmile_cli.views import Interlinear

ROOT = Path(__file__).resolve().parent.parent


def settings(**options: object) -> Settings:
    return build(options, {}, io.StringIO())


@pytest.fixture
def nothing_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Splitting or aligning anything fails the test: the bundled article's sentences and their
    alignments were made when it was built (prepared.py)."""

    def split(paragraph: str, code: str) -> tuple[str, ...]:
        raise AssertionError(f"split at run time: {code} {paragraph[:30]!r}")

    def align(*args: object) -> list[alignment.Link]:
        raise AssertionError("aligned at run time")

    monkeypatch.setattr(sentences, "split", split)
    monkeypatch.setattr(alignment, "align", align)


# -- explain and example with --with ----------------------------------------------------------


def test_explain_with_reads_the_bundled_article_as_the_build_prepared_it(
    nothing_computed: None,
) -> None:
    view = explain(settings(lang="it"), Article([], Cache(None)), (), "en")
    assert isinstance(view, Interlinear)
    assert (view.document.code, view.code) == ("it", "en")
    assert [s.id for s in view.document.sections] == list(SECTION_IDS)
    assert len(view.sentences) == len(SECTION_IDS)
    assert all(text and answer for reading in view.sentences for text, answer in reading)


def test_example_with_reads_the_bundled_example_as_the_build_prepared_it(
    nothing_computed: None,
) -> None:
    view = example(settings(lang="de"), Article([], Cache(None)), "marathon", "en")
    assert isinstance(view, Interlinear)
    assert (view.document.code, view.code) == ("de", "en")
    assert [s.id for s in view.document.sections] == ["marathon"]
    (reading,) = view.sentences
    assert reading and all(text and answer for text, answer in reading)


# -- languages -------------------------------------------------------------------------------


@pytest.fixture
def english_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source checkout whose data/en.yaml does not load (a developer's edit half done): the
    bundled article is built from its other files, without English."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "data", root / "data")
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    package = root / "src" / "lastmile_cli"
    package.mkdir(parents=True)
    english = root / "data" / "en.yaml"
    english.write_text(english.read_text("utf-8").replace("name:", "nombre:", 1), "utf-8")
    monkeypatch.setattr(content, "Bundle", lambda: Bundle(str(package)))


def test_languages_without_english_counts_each_language_against_the_outline(
    english_broken: None,
) -> None:
    """With no English to measure translation against, each language counts the sections it
    has, out of the article's."""
    article = Article([], Cache(None))
    view = languages(settings(), article)
    assert view.english is None and view.progress == ()
    assert view.total == len(article.outline()) == len(SECTION_IDS)
    _columns, rows = language_list(view)
    assert [(row[0], row[3]) for row in rows] == [
        (code, f"{len(SECTION_IDS)}/{len(SECTION_IDS)}") for code in ("de", "es", "fr", "it")
    ]
