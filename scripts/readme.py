"""Regenerate the README's example outputs and the terminal screenshot from the real program.

Every block in README.md of the form

    <!-- run: [VAR=value ...] lastmile ARGS -->
    ```text
    ...output...
    ```

is re-run as `python -m lastmile_cli ARGS` with a clean environment (an empty data home unless
the command sets XDG_DATA_HOME; `{root}` in a value is this repository), and its output replaces
the block. `--check` changes nothing and exits 1 when the README is stale (the test suite does this).

    uv run python scripts/readme.py           # rewrite README.md and docs/screenshot.svg
    uv run python scripts/readme.py --check
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SCREENSHOT = ROOT / "docs" / "screenshot.svg"
SCREENSHOT_COMMAND = "lastmile example marathon --lang de"
BLOCK = re.compile(
    r"(<!-- run: (?P<command>[^>]*?) -->\n```[a-z]*\n)(?P<output>.*?)(```)", re.DOTALL
)
KEEP = ("PATH", "HOME", "SYSTEMROOT", "VIRTUAL_ENV")


def run(command: str, extra_env: dict[str, str] | None = None) -> str:
    words = shlex.split(command)
    env = {k: v for k, v in os.environ.items() if k in KEEP}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value.replace("{root}", str(ROOT))  # (a folder of this repository)
    assert words[0] == "lastmile", command
    with tempfile.TemporaryDirectory() as cache:
        # (an empty data home unless the command names one: no file of the developer's is read)
        env.setdefault("XDG_DATA_HOME", os.path.join(cache, "data-home"))
        env.update(LASTMILE_CACHE_DIR=cache, LASTMILE_CONFIG="", PYTHONIOENCODING="utf-8")
        env.update(extra_env or {})
        result = subprocess.run(
            [sys.executable, "-m", "lastmile_cli", *words[1:]],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
        )
    return result.stdout + result.stderr


def readme_text() -> str:
    text = README.read_text(encoding="utf-8")
    return BLOCK.sub(lambda m: m.group(1) + run(m.group("command")) + m.group(4), text)


def screenshot() -> str:
    from rich.console import Console
    from rich.text import Text

    words = SCREENSHOT_COMMAND + " --width 84 --color always"
    ansi = run(words, {"COLORTERM": "truecolor"})
    console = Console(record=True, width=84, file=open(os.devnull, "w"), color_system="truecolor")  # noqa: SIM115
    console.print(Text.from_ansi(ansi), soft_wrap=True)
    return console.export_svg(title=SCREENSHOT_COMMAND)


def main() -> int:
    check = "--check" in sys.argv[1:]
    wanted = {README: readme_text()}
    if not check:
        wanted[SCREENSHOT] = screenshot()
    stale = [
        p for p, text in wanted.items() if not p.exists() or p.read_text(encoding="utf-8") != text
    ]
    if check:
        for path in stale:
            print(f"{path.name} is stale: run 'uv run python scripts/readme.py'")
        return 1 if stale else 0
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8")
        print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
