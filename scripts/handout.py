"""The README's picture of an HTML handout (docs/handout.png), drawn by headless Chromium.

    apt-get install chromium                  # Debian's; not part of .ci/run (see the README)
    uv run python scripts/handout.py

It writes the page `lastmile compare es en --section marathon --by sentence -f html` prints to a
temporary file and has Chromium screenshot it, with a fresh profile and nothing that talks to
the network (no sync, no component updates, no background requests).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PICTURE = ROOT / "docs" / "handout.png"
COMMAND = ["compare", "es", "en", "--section", "marathon", "--by", "sentence", "-f", "html"]
SIZE = "1000,560"


def main() -> int:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("handout.py: no chromium here; apt-get install chromium", file=sys.stderr)
        return 1
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME")}
    env.update(LASTMILE_CONFIG="", LASTMILE_CACHE_DIR="", LANG="C.UTF-8")
    page = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", *COMMAND],
        capture_output=True,
        check=True,
        env=env,
    ).stdout
    with tempfile.TemporaryDirectory(prefix="lastmile-handout-") as work:
        source = Path(work) / "handout.html"
        source.write_bytes(page)
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={Path(work) / 'profile'}",
                f"--window-size={SIZE}",
                f"--screenshot={PICTURE}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    print(f"wrote {PICTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
