"""The whole surface a person meets, as one transcript: every command with no arguments, with
`--help`, with an unknown option, with a bad value, and in each format, run as a real process
with stdout and stderr as pipes. The transcript (tests/golden/surface.txt) is reviewed as a diff
after `pytest --update-golden`, so a change anywhere on the surface (a bare `lastmile` printing
its help as one escaped line, a traceback, a message on the wrong stream) cannot hide.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import check_golden, subprocess_env
from lastmile_cli.bundle import Bundle
from lastmile_cli.cli import COMMANDS
from lastmile_cli.content import Article
from lastmile_cli.option_table import FORMATS
from lastmile_cli.po import export

# Every test here runs lastmile or a build as a process.
pytestmark = pytest.mark.slow

# What each command needs to show something in each format.
ARGUMENTS = {
    "compare": ["de", "it", "--section", "definition"],
    "completion": ["zsh"],
    "example": ["marathon"],
    "explain": ["--section", "definition"],
    "export": ["it"],
    "fingerprint": ["de.yaml"],
    "import": [
        "de.po"
    ],  # `lastmile export de`, in the directory the runs start in  # a copy of data/de.yaml, in the directory the runs start in
    "languages": [],
    "paths": [],
    "search": ["turnout", "--lang", "en"],
    "sections": ["--lang", "fr"],
    "status": ["de", "it"],
    "template": ["qaa"],
    "validate": [],
}
# A value no option of the command accepts.
BAD_VALUES = {
    "compare": ["de", "klingon"],
    "completion": ["tcsh"],
    "example": ["marathn"],
    "explain": ["--section", "nowhere"],
    "export": ["Klingon"],
    "fingerprint": ["de.yaml", "--section", "nowhere"],
    "import": ["de.po", "--output", "fr.yaml"],
    "languages": ["--lang", "xx"],
    "paths": ["nowhere"],
    "search": ["turnout", "--lang", "xx"],
    "sections": ["--width", "0"],
    "status": ["klingon"],
    "template": ["not a tag"],
    "validate": ["/no/such/file.yaml"],
}

# Options only some commands have, each with a good value in every format and its bad values.
EXTRA = [
    *(["compare", "de", "en", "-s", "key-point", "--by", "sentence", "-f", f] for f in FORMATS),
    ["compare", "de", "en", "--by", "word"],
    ["compare", "de", "en", "--by"],
    *(["explain", "-l", "it", "-s", "summary", "--with", "en", "-f", f] for f in FORMATS),
    ["explain", "--with", "klingon"],
    ["explain", "--with"],
    ["explain", "--lang", "de", "--with", "Deutsch"],
    *(["example", "politics", "-l", "fr", "--with", "es", "-f", f] for f in FORMATS),
    ["example", "--with", "en"],
    ["status", "-f", "csv"],
]


def invocations() -> list[list[str]]:
    runs: list[list[str]] = [[], ["--help"], ["--version"], ["--no-such-option"], ["explian"]]
    for command in COMMANDS:
        runs += [
            [command],
            [command, "--help"],
            [command, "--no-such-option"],
            [command, *BAD_VALUES[command]],
            [command, *ARGUMENTS[command], "--format", "yaml"],
        ]
        runs += [[command, *ARGUMENTS[command], "-f", fmt] for fmt in FORMATS]
    return runs + EXTRA


def shown(args: list[str]) -> str:
    return " ".join(["lastmile", *(a if a and " " not in a else repr(a) for a in args)])


ROOT = Path(__file__).resolve().parent.parent


def transcript(cache: Path, start: Path) -> str:
    """Every invocation's exit code, stdout and stderr, each run started in `start` (which
    holds the files the commands that take one are given); the folders of this machine
    (`lastmile paths` shows them) are written as $ROOT, $CACHE, $DATA_HOME and $START."""
    data_home = cache / "data-home"
    env = subprocess_env(LASTMILE_CACHE_DIR=str(cache), XDG_DATA_HOME=str(data_home))
    folders = {
        str(data_home): "$DATA_HOME",
        str(cache): "$CACHE",
        str(start): "$START",
        str(ROOT): "$ROOT",
    }

    def run(args: list[str]) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "lastmile_cli", *args],
            capture_output=True,
            env=env,
            cwd=start,
            timeout=120,
        )
        out = result.stdout.decode("utf-8", "backslashreplace")
        err = result.stderr.decode("utf-8", "backslashreplace")
        for folder, name in folders.items():  # as text shows it, and as Markdown escapes it
            for spelt in (folder, folder.replace("_", "\\_")):
                out, err = out.replace(spelt, name), err.replace(spelt, name)
        parts = [f"$ {shown(args)}", f"exit {result.returncode}"]
        parts += [f"--- stdout\n{out}" if out else "--- stdout (empty)"]
        parts += [f"--- stderr\n{err}" if err else "--- stderr (empty)"]
        return "\n".join(part.rstrip("\n") for part in parts) + "\n"

    with ThreadPoolExecutor(max_workers=4) as pool:
        return "\n".join(pool.map(run, invocations()))


@pytest.fixture(scope="module")
def surface(tmp_path_factory: pytest.TempPathFactory) -> str:
    start = tmp_path_factory.mktemp("start")
    shutil.copy(Path(Bundle().yaml_dir) / "de.yaml", start / "de.yaml")  # never the data itself
    english, german = Article([], None).load("en"), Article([], None).load("de")
    assert english is not None and german is not None
    (start / "de.po").write_text(export("de", german, english), encoding="utf-8")
    return transcript(tmp_path_factory.mktemp("cache"), start)


def test_the_whole_surface_is_as_reviewed(request: pytest.FixtureRequest, surface: str) -> None:
    check_golden(request, "surface.txt", surface)


def test_no_traceback_and_no_escape_anywhere_on_the_surface(surface: str) -> None:
    assert "Traceback" not in surface
    assert "\x1b" not in surface
    assert "internal error" not in surface


def test_every_error_is_one_line_on_stderr_and_nothing_on_stdout(surface: str) -> None:
    """Bare `lastmile` (the help, on stderr) aside, a failure is one line naming lastmile."""
    blocks = surface.split("\n\n$ ")
    failures = [b for b in blocks if "\nexit 0\n" not in b and not b.startswith("$ lastmile\n")]
    assert len(failures) >= 3 * len(COMMANDS)  # unknown option, bad value, bad format
    for block in failures:
        assert "--- stdout (empty)" in block, block
        err = block.split("--- stderr\n", 1)[1].removesuffix("\n")  # (the last block ends in one)
        assert err.count("\n") == 0 and err.startswith("lastmile: "), block
