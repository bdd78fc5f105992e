"""Check data/*.yaml against the scraped seeds: every seed sentence is present, unchanged but for
the documented fixes (debris removed, stray spaces before punctuation, ". ," → "," (the stray full stop dropped)).

Maintainers and CI run it where the seeds are at hand (`../shared/seeds` beside the clone);
the test suite does not, because a user's clone has no seeds.

    uv run python scripts/check_seeds.py [SEEDS_DIR]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = {"es": "000_", "it": "001_", "en": "002_", "de": "003_", "fr": "004_"}
DEBRIS = re.compile(r"^\[wpdreams_ajaxsearchpro_results.*\]$|^\[ad_[12]\]$|^Asset Smart\.$")
FOOTER = "DANS D'AUTRES LANGUES"


def seed_paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if FOOTER in text:
        text = text[: text.index(FOOTER)]
    lines = [line.strip() for line in text.splitlines()]
    fixed = []
    for line in lines:
        if line and not DEBRIS.match(line):
            line = line.replace(". ,", ",")
            fixed.append(re.sub(r" +([,.:])", r"\1", line))
    return fixed


def main() -> int:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds"
    failures = 0
    for code, prefix in FILES.items():
        (seed,) = seeds.glob(prefix + "*.txt")
        data = yaml.load(
            (ROOT / "data" / f"{code}.yaml").read_text("utf-8"), Loader=yaml.BaseLoader
        )
        seeded = [s for s in data["sections"] if s.get("origin", "seed") == "seed"]
        ours = " ".join(p for s in seeded for p in s["paragraphs"])
        paragraphs = seed_paragraphs(seed)
        if data.get("title_origin", "seed") == "seed":
            title, paragraphs = paragraphs[0], paragraphs[1:]
            if data["title"] != title:
                print(f"{code}: title differs from the seed: {data['title']!r} != {title!r}")
                failures += 1
        if ours != " ".join(paragraphs):
            print(f"{code}: the seeded paragraphs differ from {seed.name}")
            failures += 1
    print("seeds: all languages match" if not failures else f"seeds: {failures} mismatch(es)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
