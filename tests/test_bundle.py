"""The bundled article built into the package: equal to the YAML, never stale in a checkout.

A checkout is copied into a temporary directory (pyproject.toml, src/, data/), so these tests
edit, break and lock their own copy, never the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env
from lastmile_cli.bundle import ARTICLE, Bundle, PackedArticle, build
from lastmile_cli.model import Language
from lastmile_cli.prepared import SENTENCES

ROOT = Path(__file__).resolve().parent.parent


def unpacked(blob: bytes) -> dict[str, object]:
    """Every language of a built article (Corrupt when it is not one)."""
    article = PackedArticle(blob)
    return {code: article.get(code) for code in article.codes()}


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    copy = tmp_path / "checkout"
    copy.mkdir()
    for name in ("pyproject.toml", "hatch_build.py", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    shutil.copytree(ROOT / "data", copy / "data")
    shutil.copytree(
        ROOT / "src",
        copy / "src",
        ignore=shutil.ignore_patterns("__pycache__", ARTICLE, SENTENCES),
    )
    return copy


def run(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = subprocess_env(PYTHONPATH=str(checkout / "src"), LASTMILE_CACHE_DIR="")
    return subprocess.run(
        [sys.executable, "-m", "lastmile_cli", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.mark.slow
def test_a_checkout_without_a_built_article_builds_it_on_first_run(checkout: Path) -> None:
    article = checkout / "src" / "lastmile_cli" / ARTICLE
    assert not article.exists()
    result = run(checkout, "example", "marathon", "--lang", "it")
    assert result.returncode == 0 and result.stdout.splitlines()[2] == "Maratona"
    made = unpacked(article.read_bytes())
    assert sorted(made) == ["de", "en", "es", "fr", "it"]


@pytest.mark.slow
def test_an_edit_in_data_shows_on_the_next_run_even_with_the_old_mtime(checkout: Path) -> None:
    """`cp -p` and `git checkout -p` style edits: the ctime and inode still tell."""
    run(checkout, "explain")
    source = checkout / "data" / "de.yaml"
    before = os.stat(source)
    source.write_text(
        source.read_text(encoding="utf-8").replace("Kernpunkt", "Kernpunkt (neu)"), "utf-8"
    )
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    result = run(checkout, "explain", "--lang", "de", "--section", "key-point")
    assert result.returncode == 0, result.stderr
    assert "Kernpunkt (neu)" in result.stdout


def test_a_read_only_checkout_rebuilds_in_memory(checkout: Path) -> None:
    package = checkout / "src" / "lastmile_cli"
    source = checkout / "data" / "fr.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("Résumé", "Aperçu"), "utf-8")
    package.chmod(0o555)
    try:
        bundle = Bundle(str(package))
        made = bundle.languages()["fr"]
        assert isinstance(made, Language) and made.sections[0].title == "Aperçu"
    finally:
        package.chmod(0o755)


@pytest.mark.slow
def test_a_broken_data_file_in_a_checkout_warns_and_the_rest_works(checkout: Path) -> None:
    source = checkout / "data" / "es.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("name:", "nombre:", 1), "utf-8")
    result = run(checkout, "languages")
    assert result.returncode == 0 and "es\t" not in result.stdout and "de\t" in result.stdout
    assert "data/es.yaml:3:1: the file is missing 'name'" in result.stderr
    assert run(checkout, "explain", "--lang", "es").returncode == 1


@pytest.mark.slow
def test_a_broken_data_file_fails_the_build(checkout: Path, tmp_path: Path) -> None:
    source = checkout / "data" / "it.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "extra: 1\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path / "d")],
        cwd=checkout,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "data/it.yaml" in result.stderr and "unknown key 'extra'" in result.stderr
    assert not list((tmp_path / "d").glob("*.whl"))


@pytest.mark.slow
def test_a_damaged_article_in_a_checkout_is_rebuilt(checkout: Path) -> None:
    run(checkout, "explain")
    article = checkout / "src" / "lastmile_cli" / ARTICLE
    article.write_bytes(b"LMB2\x00garbage")
    result = run(checkout, "example", "telecom", "--lang", "de")
    assert result.returncode == 0 and "Telekommunikation" in result.stdout
    unpacked(article.read_bytes())  # whole again


def test_build_and_parse_agree(checkout: Path) -> None:
    blob, made = build(str(checkout / "data"), str(checkout / "src" / "lastmile_cli"))
    assert unpacked(blob) == made
