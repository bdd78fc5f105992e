"""Mutation testing of lastmile's core modules with mutmut, and a score per module.

Runs mutmut 3 in a throwaway copy of the working tree (so `mutants/` never lands here), then
reads each mutant's outcome and its diff. A mutant whose diff changes nothing but string
literals (mutmut's "XX…XX" and case changes, mostly in messages that tests compare in full
elsewhere) is counted apart, as the issue asks: the score is killed / (all − string-only),
per module. Surviving non-string mutants are listed with their diffs, for the record in
docs/mutation.md (each one either killed by a new test or explained as equivalent).

    uv run --with mutmut==3.8.1 python scripts/mutation.py [--max-children 2] [--keep DIR]
    uv run --with mutmut==3.8.1 python scripts/mutation.py --module pairing   # one module
    uv run --with mutmut==3.8.1 python scripts/mutation.py --fast   # in-process tests only

Takes a while (about 20 minutes for every core module on two cores).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = (
    "language_choice",
    "locales",
    "article_language",
    "exits",
    "pairing",
    "alignment",
    "sentences",
    "cache",
    "passages",
    "render/text",
    "render/layout",
    "output",
    "loader",
    "strict_yaml",
    "schema",
    "language_yaml",
    "shortcut",
    "perform",
    "i18n",
)
TARGET = 0.92
# What counts as the tests noticing a mutant: a failure, a hang (a mutant that drops O_NONBLOCK
# blocks on a FIFO until mutmut's timeout), or the SIGINT that the Ctrl-C tests send reaching
# the test process itself (a mutant that stops ignoring it).
DETECTED = ("killed", "timeout", "check was interrupted by user")
# Tests that build or copy the source tree and run it as its own program: under mutmut that tree
# holds mutmut's trampolines, which run only inside mutmut, so these cannot test a mutant.
IGNORED = ("--ignore=tests/test_wheel.py", "--ignore=tests/test_bundle.py")
FAST = ("-m", "not slow")
COPY = (
    "src",
    "tests",
    "data",
    "docs",
    "scripts",
    "benchmarks",
    "po",
    ".ci",
    "README.md",
    "BENCHMARKS.md",
    "CHANGELOG.md",
    "LICENSE",
    "NOTICE",
    "hatch_build.py",
    "pyproject.toml",
)


def config(modules: tuple[str, ...], fast: bool = False) -> str:
    """The [tool.mutmut] table: mutate `modules`, copy the rest of the package as it is; `fast`
    runs the in-process tests only (`-m "not slow"`: a lower bound on each score)."""
    package = ROOT / "src" / "lastmile_cli"
    every = sorted(str(p.relative_to(package).with_suffix("")) for p in package.rglob("*.py"))
    skip = [f"*/lastmile_cli/{name}.py" for name in every if name not in modules]
    selection = ["tests/", *IGNORED, *(FAST if fast else ())]
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src/"]\n'
        f"do_not_mutate = {json.dumps(skip)}\n"
        'also_copy = ["data/", "docs/", "scripts/", "benchmarks/", "po/", ".ci/", "README.md",'
        ' "BENCHMARKS.md", "CHANGELOG.md", "LICENSE", "NOTICE", "hatch_build.py"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(selection)}\n"
    )


def for_mutmut(pyproject: str) -> str:
    """The project's pytest settings as mutmut needs them: in one process (mutmut's trampolines
    run only there, so no xdist workers)."""
    table = "[tool.pytest.ini_options]\n"
    head, found, rest = pyproject.partition(table)
    if not found:
        raise SystemExit("pyproject.toml has no [tool.pytest.ini_options]")
    rest = re.sub(r"(?m)^addopts = .*$", 'addopts = "-ra -p no:xdist"', rest, count=1)
    return head + table + rest


# Test ids in plain ASCII, without pytest's backslash escapes: mutmut could not find a test
# again by an id with a non-ASCII character in it ("not found"). Only in the throwaway copy.
PLAIN_IDS = """

def pytest_make_parametrize_id(config: object, val: object, argname: str) -> str | None:
    if isinstance(val, bytes):
        val = val.decode("latin-1")
    if not isinstance(val, str):
        return None
    return "".join(
        c if c.isascii() and c.isprintable() and c not in "\\\\[]" else f"U{ord(c):04X}"
        for c in val
    )
"""


def string_only(diff: str) -> bool:
    """Whether a mutant's unified diff changes only string literals."""
    removed = [
        line[1:]
        for line in diff.splitlines()
        if line.startswith("-") and not line.startswith("---")
    ]
    added = [
        line[1:]
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]
    if len(removed) != len(added) or not removed:
        return False

    def tokens(line: str) -> list[tuple[int, str]] | None:
        try:
            found = tokenize.generate_tokens(io.StringIO(line.strip() + "\n").readline)
            return [
                (t.type, t.string)
                for t in found
                if t.type not in (tokenize.NEWLINE, tokenize.ENDMARKER)
            ]
        except (tokenize.TokenError, IndentationError, SyntaxError):
            return None

    for before, after in zip(removed, added, strict=True):
        a, b = tokens(before), tokens(after)
        if a is None or b is None or len(a) != len(b):
            return False
        for (kind_a, text_a), (kind_b, text_b) in zip(a, b, strict=True):
            if text_a != text_b and not (kind_a == kind_b == tokenize.STRING):
                return False  # (an f-string is one STRING token on Python 3.11)
    return True


def module_of(mutant: str) -> str:
    """`lastmile_cli.render.text.x_document__mutmut_3` → `render/text`."""
    dotted = mutant.split(".x")[0] if ".x" in mutant else mutant.rsplit(".", 1)[0]
    dotted = re.sub(r"\.x[A-Za-zǁ_]*$", "", dotted)
    return dotted.removeprefix("lastmile_cli.").replace(".", "/")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--module", action="append", help="only this core module (repeatable)")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--keep", help="run in this directory and keep it (to resume or browse)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--fast", action="store_true", help="in-process tests only: a lower bound, in minutes"
    )
    args = parser.parse_args()
    modules = tuple(args.module or CORE)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lastmile-mutation-"))
    if not (work / "pyproject.toml").exists():
        for name in COPY:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, work / name)
        project = work / "pyproject.toml"
        settings = for_mutmut(project.read_text("utf-8")) + config(modules, args.fast)
        project.write_text(settings, "utf-8")
        with open(work / "tests" / "conftest.py", "a", encoding="utf-8") as handle:
            handle.write(PLAIN_IDS)
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run(
        [*mutmut, "run", "--max-children", str(args.max_children)], cwd=work, check=False
    )
    listing = subprocess.run(
        [*mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=False
    )
    outcomes: dict[str, str] = {}
    for line in listing.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith("lastmile_cli."):
            outcomes[name] = status

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    survivors: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, status in sorted(outcomes.items()):
        module = module_of(name)
        diff = ""
        if status not in DETECTED:
            diff = subprocess.run(
                [*mutmut, "show", name], cwd=work, capture_output=True, text=True, check=False
            ).stdout
        if status not in DETECTED and string_only(diff):
            counts[module]["string-only"] += 1
            continue
        counts[module]["all"] += 1
        if status in DETECTED:
            counts[module]["killed"] += 1
        else:
            counts[module][status] += 1
            survivors[module].append((name, diff))

    scores = {
        module: {
            **dict(c),
            "score": round(c["killed"] / c["all"], 3) if c["all"] else None,
        }
        for module, c in sorted(counts.items())
    }
    if args.json:
        print(json.dumps({"scores": scores, "survivors": survivors}, indent=2))
    else:
        print(f"\n{'module':18} {'killed':>7} {'of':>5} {'score':>6}  string-only  other")
        for module, c in scores.items():
            other = ", ".join(
                f"{k} {v}"
                for k, v in c.items()
                if k not in ("all", "killed", "score", "string-only")
            )
            mark = "met " if c["score"] is not None and c["score"] >= TARGET else "MISS"
            print(
                f"{module:18} {c.get('killed', 0):>7} {c['all']:>5} {c['score']!s:>6}  {c.get('string-only', 0):>11}  {other}  {mark}"
            )
        for module, found in survivors.items():
            print(f"\n## {module}: {len(found)} surviving")
            for name, diff in found:
                print(f"### {name}\n{diff.strip()}\n")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
