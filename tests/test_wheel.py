"""The wheel carries the built article (and the YAML, for translators and `validate`)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import subprocess_env

# Every test here runs lastmile or a build as a process.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_contains_every_language(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    yaml_files = sorted(n for n in names if n.endswith(".yaml"))
    assert yaml_files == [f"lastmile_cli/data/{c}.yaml" for c in ("de", "en", "es", "fr", "it")]
    assert "lastmile_cli/render/terminal.py" in names
    assert "lastmile_cli/article.lmp" in names
    assert "lastmile_cli/sentences.lmp" in names  # (the sentences, split and aligned)
    from lastmile_cli.render.json import KINDS

    assert {f"lastmile_cli/schemas/{kind}.json" for kind in KINDS} <= set(names)


def test_the_wheel_carries_the_manual_page_where_man_looks(wheel: Path) -> None:
    """lastmile(1) in the wheel's data, installed as PREFIX/share/man/man1/lastmile.1 beside
    PREFIX/bin/lastmile; written from the same commands as the page the code makes."""
    from lastmile_cli.cli import cli
    from lastmile_cli.manpage import page

    archive = zipfile.ZipFile(wheel)
    (name,) = [n for n in archive.namelist() if n.endswith("lastmile.1")]
    assert re.fullmatch(r"lastmile_cli-[^/]+\.data/data/share/man/man1/lastmile\.1", name)
    shipped = archive.read(name).decode("ascii")
    made = page(cli, "VERSION", "DATE")
    assert shipped.split("\n", 1)[1] == made.split("\n", 1)[1]  # all but the .TH line


def test_the_installed_article_needs_no_yaml(wheel: Path, tmp_path: Path) -> None:
    """With its YAML deleted, an installed lastmile still prints every language, without PyYAML."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    for yaml_file in (site / "lastmile_cli" / "data").glob("*.yaml"):
        yaml_file.unlink()
    env = subprocess_env(PYTHONPATH=str(site), LASTMILE_CACHE_DIR="")
    probe = (
        "import sys; from lastmile_cli.cli import run; code = run(sys.argv[1:]); "
        "sys.stdout.flush(); print(code, 'yaml' in sys.modules, file=sys.stderr)"
    )
    for code in ("de", "en", "es", "fr", "it"):
        result = subprocess.run(
            [sys.executable, "-c", probe, "explain", "--lang", code],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        assert result.stderr == "0 False\n"
        golden = ROOT / "tests" / "golden" / f"explain-{code}.txt"
        assert result.stdout == golden.read_text(encoding="utf-8")


def test_the_installed_layout_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = subprocess_env(PYTHONPATH=str(site), LASTMILE_CACHE_DIR=str(tmp_path / "cache"))
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import lastmile_cli.content as c, lastmile_cli.bundle as b; print(c.__file__);"
            " print(b.Bundle().yaml_dir)",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module, data = probe.stdout.splitlines()
    assert module.startswith(str(site)) and data == str(site / "lastmile_cli" / "data")
    result = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", "example", "marathon", "--lang", "it"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2] == "Maratona"


def test_the_wheel_carries_the_licence_and_the_notice(wheel: Path) -> None:
    """MIT, as pyproject says, and where the article comes from, in the wheel's metadata."""
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    (licence,) = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    (notice,) = [n for n in names if n.endswith(".dist-info/licenses/NOTICE")]
    assert archive.read(licence).decode().startswith("MIT License\n")
    assert b"machine-translated" in archive.read(notice)
    (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    assert "License-Expression: MIT" in archive.read(metadata).decode().splitlines()


def test_the_sdist_carries_what_the_tests_use(tmp_path: Path) -> None:
    """An unpacked sdist passes its own tests (.ci/run runs them there): it holds every file the
    repository tracks but git's own, so nothing a test or a README link names is missing."""
    import shutil
    import tarfile

    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist has no history to compare with)")
    tracked = subprocess.run(
        [git, "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (built,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(built) as archive:
        shipped = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = sorted(n for n in tracked if n not in shipped and not n.startswith(".git"))
    assert missing == []
    assert {"LICENSE", "NOTICE"} <= shipped


def test_the_installed_wheel_reads_its_prepared_sentences(wheel: Path, tmp_path: Path) -> None:
    """Built with this environment's sentencex, the wheel's sentences.lmp counts once
    installed: the bundled reading sentence by sentence loads neither sentencex nor the aligner,
    and prints what the checkout prints."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = subprocess_env(PYTHONPATH=str(site), LASTMILE_CACHE_DIR="")
    probe = (
        "import sys; from lastmile_cli.cli import run; code = run(sys.argv[1:]); "
        "sys.stdout.flush(); print(code, sorted(m for m in ('sentencex', 'lastmile_cli.alignment')"
        " if m in sys.modules), file=sys.stderr)"
    )
    for args, golden in (
        (["compare", "de", "en", "--by", "sentence"], "compare-de-en-sentence.txt"),
        (["explain", "--lang", "it", "--with", "en"], "explain-it-with-en.txt"),
    ):
        result = subprocess.run(
            [sys.executable, "-c", probe, *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
        assert result.stderr == "0 []\n"
        assert result.stdout == (ROOT / "tests" / "golden" / golden).read_text(encoding="utf-8")
