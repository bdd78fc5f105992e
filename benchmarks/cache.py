"""Cache benchmark: a run with the cache of user files against the same run without it.

For 1, 100, 1,000 and 10,000 user language files (`qaa-n00000.yaml` …, each a small partial
file of one section, in one data directory, their mtimes in the past so they may be cached),
`lastmile languages` and `lastmile search` run as whole processes, alternating in ABBA order:

- warm: `LASTMILE_CACHE_DIR` set, after two runs that filled it;
- none: `LASTMILE_CACHE_DIR=` (empty), which turns the cache off;
- cold: the first run with an empty cache directory (it parses every file and writes entries),
  once per size, against one run without a cache.

The table shows median wall times and warm / none; the target is a ratio at most 1 for every
size (issue 22: the cache never loses to no cache). It also counts what a warm run wrote to
the cache directory (entries changed: none expected) and how many entries the directory holds.

    uv run python benchmarks/cache.py [--runs 9] [--sizes 1,100,1000,10000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAST = 1_600_000_000
FILE = """\
language: {code}
name: Test {index}
english_name: Test {index}
title: A test
sections:
  - id: definition
    kind: section
    title: Definition {index}
    paragraphs:
      - A definition, number {index}, with a word to find: turnout.
"""


def make_files(directory: Path, count: int) -> None:
    directory.mkdir(parents=True)
    for index in range(count):
        code = f"qaa-n{index:05d}"
        path = directory / f"{code}.yaml"
        path.write_text(FILE.format(code=code, index=index), encoding="utf-8")
        os.utime(path, (PAST, PAST))


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "lastmile_cli", *args], env=env, capture_output=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"{args}: exit {result.returncode}: {result.stderr[-500:]!r}")
    return elapsed


def snapshot(directory: Path) -> dict[str, int]:
    """Entry name → mtime (ns), to tell whether a run wrote anything."""
    if not directory.exists():
        return {}
    return {p.name: p.stat().st_mtime_ns for p in directory.iterdir()}


def measure(size: int, runs: int, work: Path) -> list[dict[str, object]]:
    data = work / f"data-{size}"
    make_files(data, size)
    rows: list[dict[str, object]] = []
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LASTMILE_", "LC_", "LANG"))}
    for command in (["languages"], ["search", "turnout"]):
        args = [*command, "--data-dir", str(data)]
        cache = work / f"cache-{size}-{command[0]}"
        with_cache = {**base, "LASTMILE_CACHE_DIR": str(cache)}
        without = {**base, "LASTMILE_CACHE_DIR": ""}
        cold = timed(args, with_cache)
        cold_none = timed(args, without)
        timed(args, with_cache)  # the second run: what the first could not settle
        before = snapshot(cache)
        warm_times: list[float] = []
        none_times: list[float] = []
        for index in range(runs):  # ABBA
            order = (with_cache, without) if index % 2 == 0 else (without, with_cache)
            for env in order:
                (warm_times if env is with_cache else none_times).append(timed(args, env))
        after = snapshot(cache)
        changed = sum(1 for name, mtime in after.items() if before.get(name) != mtime)
        changed += sum(1 for name in before if name not in after)
        warm, none = statistics.median(warm_times), statistics.median(none_times)
        rows.append(
            {
                "files": size,
                "command": command[0],
                "warm": warm,
                "none": none,
                "ratio": warm / none,
                "cold": cold,
                "cold none": cold_none,
                "entries": sum(1 for name in after if name.endswith(".lmc")),
                "written by warm runs": changed,
            }
        )
    return rows


HEADER = (
    f"{'files':>6} {'command':10}{'warm':>10}{'none':>10}{'warm/none':>10}"
    f"{'cold':>10}{'cold none':>10}{'entries':>9}{'written':>9}"
)


def row_line(row: dict[str, object]) -> str:
    ms = {k: float(str(row[k])) * 1000 for k in ("warm", "none", "cold", "cold none")}
    return (
        f"{row['files']:>6} {row['command']:10}{ms['warm']:>8.0f}ms{ms['none']:>8.0f}ms"
        f"{ms['warm'] / ms['none']:>10.2f}{ms['cold']:>8.0f}ms{ms['cold none']:>8.0f}ms"
        f"{row['entries']:>9}{row['written by warm runs']:>9}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=9, help="pairs of timed runs (default 9)")
    parser.add_argument("--sizes", default="1,100,1000,10000")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    if not args.json:
        print(HEADER)
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            measured = measure(size, args.runs, Path(folder))
            rows += measured
            if not args.json:
                for row in measured:
                    print(row_line(row), flush=True)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
