"""What the plain path imports: Rich only for a terminal, PyYAML only on a cache miss.

Timing is measured by benchmarks/startup.py, never here; these tests pin down *what* runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env

PROBE = """
import sys
from lastmile_cli.cli import run
code = run(sys.argv[1:])
sys.stdout.flush()
heavy = ["rich", "rich.console", "yaml", "json", "textwrap", "difflib", "subprocess", "importlib.metadata", "lastmile_cli.loader", "click.shell_completion", "locale", "zlib"]
commands = [m for m in sys.modules if m.startswith("lastmile_cli.commands.")]
sys.stderr.write("\\n" + repr([sorted(m for m in heavy if m in sys.modules), sorted(commands)]))
"""


def probe(args: list[str], cache: Path, **env: str) -> tuple[list[str], list[str]]:
    """The heavy modules a run imported, and the command modules it imported."""
    full = subprocess_env(LASTMILE_CACHE_DIR=str(cache), **env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=full, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    heavy, commands = json.loads(result.stderr.splitlines()[-1].replace("'", '"'))
    return heavy, commands


def imported(args: list[str], cache: Path, **env: str) -> list[str]:
    return probe(args, cache, **env)[0]


@pytest.fixture
def warm_cache(tmp_path: Path) -> Path:
    """A cache that already holds every bundled language (their files are old enough to cache)."""
    cache = tmp_path / "cache"
    imported(["languages"], cache)
    assert len(list(cache.iterdir())) == 5
    return cache


def test_a_warm_piped_explain_imports_neither_rich_nor_yaml(warm_cache: Path) -> None:
    assert imported(["explain", "--lang", "de"], warm_cache) == []


@pytest.mark.parametrize(
    "args",
    [
        ["example", "marathon"],
        ["sections"],
        ["languages"],
        ["search", "turnout"],
        ["compare", "de", "it"],
    ],
)
def test_other_piped_commands_stay_light(warm_cache: Path, args: list[str]) -> None:
    assert imported(args, warm_cache) == []


def test_forced_colour_imports_rich(warm_cache: Path) -> None:
    assert imported(["explain"], warm_cache, FORCE_COLOR="1") == ["rich"]


def test_a_cold_cache_parses_with_yaml(tmp_path: Path) -> None:
    assert imported(["explain", "--lang", "de"], tmp_path / "cold") == [
        "lastmile_cli.loader",
        "yaml",
    ]


def test_json_output_imports_json_only(warm_cache: Path) -> None:
    # The long form: Click's parser tries a short option as a long one first, and its
    # NoSuchOption imports difflib before the fallback succeeds (Click's cost, not ours).
    assert imported(["explain", "--format", "json"], warm_cache) == ["json"]


@pytest.mark.parametrize(
    "args", [["explain"], ["example", "marathon"], ["search", "turnout"], ["validate"]]
)
def test_a_run_imports_only_its_own_command(warm_cache: Path, args: list[str]) -> None:
    assert probe(args, warm_cache)[1] == [f"lastmile_cli.commands.{args[0]}"]


def test_help_imports_every_command_to_list_them(warm_cache: Path) -> None:
    assert len(probe(["--help"], warm_cache)[1]) == 7
