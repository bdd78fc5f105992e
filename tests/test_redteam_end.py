"""Red-team findings on how a run ends: the exit code when the reader of stdout is gone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env


@pytest.mark.slow
@pytest.mark.parametrize("shortcut", ["1", "0"])
@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["explain", "--help"], ["sections"], ["completion", "bash"]],
    ids=" ".join,
)
def test_a_reader_already_gone_is_141_on_click_s_path_too(
    clean_env: Path, args: list[str], shortcut: str
) -> None:
    """docs/reliability.md: a reader of stdout gone is exit 141, silently, as `cat` gives. Click
    turns a broken pipe in its own output (help, --version, completion's script) into exit 1, so
    `lastmile --help | true` exited 1, and `--version` exited 141 through the shortcut but 1
    with LASTMILE_SHORTCUT=0."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    process = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", *args],
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=subprocess_env(LASTMILE_CACHE_DIR=str(clean_env), LASTMILE_SHORTCUT=shortcut),
        timeout=60,
    )
    os.close(write_end)
    assert (process.returncode, process.stderr) == (141, b"")


@pytest.mark.slow
@pytest.mark.parametrize("shortcut", ["1", "0"])
def test_a_tracer_that_prints_leaves_stdout_writable(clean_env: Path, shortcut: str) -> None:
    """`python -m trace --trace` prints every line run to stdout. Re-configuring lastmile's own
    stdout (already errors="replace") calls back into Python, the tracer printed into the half
    re-configured stream, and stdout was left unable to write: `--version` and `--help` said
    "cannot write output: not writable" and exited 1."""
    process = subprocess.run(
        [sys.executable, "-m", "trace", "--trace", "--module", "lastmile_cli", "--version"],
        capture_output=True,
        env=subprocess_env(LASTMILE_CACHE_DIR=str(clean_env), LASTMILE_SHORTCUT=shortcut),
        timeout=120,
    )
    assert (process.returncode, process.stderr) == (0, b"")
    assert b"\nlastmile " in process.stdout
