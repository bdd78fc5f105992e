"""`lastmile completion SHELL`: a script to install, which completes in a real shell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Lastmile, subprocess_env


@pytest.mark.slow
@pytest.mark.parametrize(
    ("shell", "marks"),
    [
        ("bash", ["complete -o nosort -F _lastmile_completion lastmile"]),
        ("zsh", ["#compdef lastmile", "compdef _lastmile_completion lastmile"]),
        ("fish", ["complete --no-files --command lastmile"]),
    ],
)
def test_each_shell_gets_its_script(lastmile: Lastmile, shell: str, marks: list[str]) -> None:
    result = lastmile("completion", shell)
    assert result.code == 0, result.err
    for mark in marks:
        assert mark in result.out
    assert f"_LASTMILE_COMPLETE={shell}_complete" in result.out
    assert result.out.endswith("\n")


@pytest.mark.parametrize("shell", ["zsh", "fish"])  # (bash's asks a bash for its version)
def test_the_script_ends_in_one_newline(lastmile: Lastmile, shell: str) -> None:
    """Written to a file as the README says, the script ends its last line, and adds no blank."""
    result = lastmile("completion", shell)
    assert result.code == 0, result.err
    assert f"_LASTMILE_COMPLETE={shell}_complete" in result.out
    assert result.out.endswith("\n") and not result.out.endswith("\n\n")


def test_the_script_is_what_the_variable_gives(lastmile: Lastmile) -> None:
    """The command and `_LASTMILE_COMPLETE=SHELL_source` give the same script."""
    for shell in ("zsh", "fish"):  # (bash's also checks the version of bash, on stderr)
        by_variable = lastmile(env={"_LASTMILE_COMPLETE": f"{shell}_source"}).out
        assert lastmile("completion", shell.upper()).out.rstrip("\n") == by_variable.rstrip("\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["completion"], "Missing argument 'SHELL'. Choose one of: bash, zsh, fish."),
        (["completion", "tcsh"], "'tcsh' is not one of 'bash', 'zsh', 'fish'."),
        (["completion", "bash", "zsh"], "Got unexpected extra argument (zsh)"),
    ],
)
def test_a_bad_shell_is_one_line_and_2(lastmile: Lastmile, args: list[str], message: str) -> None:
    result = lastmile(*args)
    assert (result.code, result.out) == (2, "")
    assert message in result.err and result.err.count("\n") == 1


@pytest.fixture
def on_path(tmp_path: Path) -> Path:
    """A directory holding a `lastmile` that runs this checkout's, as an installed one would."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "lastmile"
    program.write_text(f'#!/bin/sh\nexec {sys.executable} -m lastmile_cli "$@"\n')
    program.chmod(0o755)
    return folder


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash here")
def test_the_bash_script_completes_in_bash(
    on_path: Path, tmp_path: Path, clean_env: Path, write_language: Callable[..., Path]
) -> None:
    """Installed as the README says, the script completes commands, examples, sections and
    languages (your own among them) in a real bash."""
    script = tmp_path / "lastmile.bash"
    env = subprocess_env(LASTMILE_CACHE_DIR=str(clean_env))
    env["PATH"] = f"{on_path}{os.pathsep}{env.get('PATH', '')}"
    made = subprocess.run(
        ["lastmile", "completion", "bash"], env=env, capture_output=True, text=True, timeout=60
    )
    assert made.returncode == 0, made.stderr
    script.write_text(made.stdout)
    env["LASTMILE_DATA_DIR"] = str(write_language("qaa").parent)

    def complete(*words: str) -> list[str]:
        line = " ".join(f"'{w}'" for w in words)
        program = (
            f"source {script}; COMP_WORDS=({line}); COMP_CWORD={len(words) - 1};"
            ' _lastmile_completion lastmile; printf "%s\\n" "${COMPREPLY[@]}"'
        )
        done = subprocess.run(
            ["bash", "--norc", "-c", program], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        return [line for line in done.stdout.splitlines() if line]

    assert complete("lastmile", "ex") == ["example", "explain", "export"]
    assert complete("lastmile", "com") == ["compare", "completion"]
    assert complete("lastmile", "completion", "") == ["bash", "zsh", "fish"]
    assert complete("lastmile", "example", "ma") == ["marathon"]
    assert complete("lastmile", "explain", "--section", "k") == ["key-point"]
    assert complete("lastmile", "explain", "--lang", "q") == ["qaa"]


def zsh_candidates(lastmile: Lastmile, words: str, **env: str) -> dict[str, str]:
    """What zsh is offered (value: description) for the command line `words`, in-process."""
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    full = {"_LASTMILE_COMPLETE": "zsh_complete", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = lastmile(env={**full, **env})
    assert result.code == 0, result.err
    lines = result.out.splitlines() if result.out.strip() else []
    return {lines[i + 1]: lines[i + 2] for i in range(0, len(lines), 3)}


def test_completion_reads_the_configuration_files_data_dirs(
    lastmile: Lastmile, tmp_path: Path, write_language: Callable[..., Path]
) -> None:
    folder = write_language("qaa").parent
    assert zsh_candidates(lastmile, "lastmile explain --lang q") == {}
    config = tmp_path / "config" / "lastmile" / "config.toml"  # (clean_env's XDG_CONFIG_HOME)
    config.parent.mkdir(parents=True)
    config.write_text(f"data_dirs = [{str(folder)!r}]\n", encoding="utf-8")
    assert zsh_candidates(lastmile, "lastmile explain --lang q") == {"qaa": "Test"}


def test_section_titles_are_englishs_when_the_chosen_file_is_broken(
    lastmile: Lastmile, write_language: Callable[..., Path]
) -> None:
    folder = write_language("qaa", "language: qaa\nsections: 3\n").parent
    found = zsh_candidates(lastmile, "lastmile example -l qaa ", LASTMILE_DATA_DIR=str(folder))
    assert found["marathon"] == "Marathon"
    assert found["car-sales"] == "Car sales"
