"""The README's example outputs are the real program's output (scripts/readme.py rewrites them)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_readme_outputs_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_starts_a_newcomer_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "$ uv run lastmile explain --lang de\n$ uv run pytest\n" in text


# -- every invocation the README shows at a prompt runs as the README says ---------------------

# The file the README's validate example describes: `name` a list, the marathon's `title` misspelt.
README_PT = """\
language: pt
name: [Português]
title: O que é uma falha da última milha?
sections:
  - id: definition
    kind: section
    title: Definição
    paragraphs:
      - A falha da última milha é uma expressão.
  # the marathon, with a typo
  - id: marathon
    kind: example
    titel: Maratona
    paragraphs:
      - Um corredor pode passar meses a preparar-se.
"""


def prompt_blocks() -> list[tuple[str, str]]:
    """Each `$ lastmile …` line of the README's console blocks, with the lines printed after it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        lines = block.splitlines()
        for index, line in enumerate(lines):
            command = line.removeprefix("$ ").removeprefix("uv run ")
            if not line.startswith("$ ") or not command.startswith("lastmile "):
                continue
            shown = []
            for after in lines[index + 1 :]:
                if after.startswith("$ "):
                    break
                shown.append(after)
            found.append((command, "".join(f"{s}\n" for s in shown)))
    return found


PROMPTS = prompt_blocks()


def test_the_readme_shows_commands_at_a_prompt() -> None:
    commands = [command for command, _ in PROMPTS]
    assert "lastmile explain --lang de" in commands
    assert "lastmile validate pt.yaml" in commands
    assert len(commands) >= 6


@pytest.mark.slow
@pytest.mark.parametrize(("command", "printed"), PROMPTS, ids=[c for c, _ in PROMPTS])
def test_every_readme_invocation_runs_as_shown(
    command: str, printed: str, tmp_path: Path, clean_env: Path
) -> None:
    words = shlex.split(command)
    for program in (words[i + 1] for i, word in enumerate(words[:-1]) if word == "|"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed here")
    (tmp_path / "pt.yaml").write_text(README_PT, encoding="utf-8")
    home = tmp_path / "home"  # a teacher's home, whose data folder the README's `mkdir` made
    (home / ".local" / "share" / "lastmile").mkdir(parents=True)
    here = f"{shlex.quote(sys.executable)} -m lastmile_cli"
    script = "set -o pipefail 2>/dev/null; " + command.replace("lastmile ", f"{here} ", 1)
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            **subprocess_env(LASTMILE_CACHE_DIR=str(clean_env), HOME=str(home)),
            "XDG_DATA_HOME": "",  # so ~/.local/share/lastmile is the data folder
        },
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    if printed:  # what the README prints after the prompt is exactly what a user sees
        assert result.stdout + result.stderr == printed
        return
    assert result.returncode == 0, result.stderr
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "pt.yaml"]
    assert result.stdout or written


def test_the_teachers_story_in_the_readme_is_the_one_in_docs() -> None:
    """The README shows docs/story/lastmile/es.yaml as the file the teacher writes; the outputs
    after it are made from that folder (scripts/readme.py), so the two must be one file."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    story = (ROOT / "docs" / "story" / "lastmile" / "es.yaml").read_text(encoding="utf-8")
    assert f"```yaml\n{story}```\n" in text


def test_every_test_docs_reliability_names_exists() -> None:
    """Each row of docs/reliability.md names the test that keeps it: that test must exist."""
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(?:\w+\.py::)?(test_\w+)`?", doc)) | set(
        re.findall(r", (test_\w+)`", doc)
    )
    defined = {
        match
        for path in (ROOT / "tests").glob("test_*.py")
        for match in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    files = {path.stem for path in (ROOT / "tests").glob("test_*.py")}
    assert named - defined - files == set()
    assert len(named & defined) > 60


def test_the_changelog_starts_with_this_version() -> None:
    """The version in pyproject.toml is the changelog's newest entry: no release without one."""
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = re.findall(r"^## (\d+\.\d+\.\d+) - \d{4}-\d{2}-\d{2}$", changelog, flags=re.M)
    assert entries[0] == version and "0.1.0" in entries
