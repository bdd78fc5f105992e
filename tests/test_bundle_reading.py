"""The bundled article as a run reads it, in-process: where a rebuild is written, what it is
made from, and a built file trusted as built (test_bundle.py runs the tree as its own program)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lastmile_cli.bundle import ARTICLE, HERE, Bundle, PackedArticle, build, fingerprint
from lastmile_cli.packed import CODE, decode, encode

ROOT = Path(__file__).resolve().parent.parent


def package_at(folder: Path) -> Path:
    """A package directory holding copies of the loader's modules, but no built article."""
    folder.mkdir(parents=True)
    for name in CODE:
        shutil.copy(Path(HERE) / name, folder / name)
    return folder


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A source checkout's shape (pyproject.toml, data/, src/lastmile_cli/): its package."""
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return package_at(tmp_path / "src" / "lastmile_cli")


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    """An installed package's shape (no checkout around it, the YAML in its data/)."""
    package = package_at(tmp_path / "site-packages" / "lastmile_cli")
    shutil.copytree(ROOT / "data", package / "data")
    return package


def test_a_checkout_writes_the_article_it_rebuilt_and_reads_it_next_time(checkout: Path) -> None:
    assert Bundle(str(checkout)).codes() == ["de", "en", "es", "fr", "it"]
    article = checkout / ARTICLE
    written = os.stat(article)
    again = Bundle(str(checkout))
    assert again.stamp() == fingerprint(str(checkout.parent.parent / "data"), str(checkout))
    assert again.codes() == ["de", "en", "es", "fr", "it"]
    assert os.stat(article).st_ino == written.st_ino  # current: read, not built and written again


def test_an_installed_package_without_its_article_builds_it_in_memory_only(
    installed: Path,
) -> None:
    bundle = Bundle(str(installed))
    assert bundle.checkout is None
    assert bundle.codes() == ["de", "en", "es", "fr", "it"]
    assert bundle.stamp() == fingerprint(str(installed / "data"), str(installed))
    assert sorted(os.listdir(installed)) == sorted([*CODE, "data"])  # nothing written


def test_a_built_article_is_read_as_built_not_checked_as_bytes_from_outside(
    installed: Path,
) -> None:
    blob, made = build(str(installed / "data"), str(installed))
    atoms = decode(blob)
    atoms[2] = "made\x1b[2Jhere"  # the stamp: a character no language file may hold
    article = PackedArticle(encode(atoms))
    assert article.stamp == "made\x1b[2Jhere"
    assert {code: article.get(code) for code in article.codes()} == made
