"""Mutation testing of lastmile's modules with mutmut, and a score per module.

Runs mutmut 3 in a throwaway copy of the working tree (so `mutants/` never lands here), then
reads each mutant's outcome and its diff. A mutant whose diff changes nothing but string
literals (mutmut's "XX…XX" and case changes, mostly in messages that tests compare in full
elsewhere) is counted apart, as the issue asks: the score is killed / (all − string-only),
per module. Surviving non-string mutants are listed with their diffs, for the record in
docs/mutation.md (each one either killed by a new test or explained as equivalent).

    uv run --with mutmut==3.8.1 python scripts/mutation.py --module pairing   # one module
    uv run --with mutmut==3.8.1 python scripts/mutation.py --sample 0.15 --keep DIR
    uv run --with mutmut==3.8.1 python scripts/mutation.py --keep DIR --report   # so far
    uv run --with mutmut==3.8.1 python scripts/mutation.py --keep DIR2 --mutants FILE --type-check

`--type-check` lets `mypy --strict` (as CI runs it) catch mutants before the tests run: a
mutant it refuses never passes CI.

The tests that run lastmile as a process (marked slow) are left out of mutmut's run: their
children would run the checkout's own code, not mutmut's, so they could never kill a mutant.
`--plant FILE` counts them: each survivor named there is written into the source itself
(`mutmut apply`), the process-level tests named beside it run against that source (their
children run it too), and the source is put back.

    uv run --with mutmut==3.8.1 python scripts/mutation.py --keep DIR --plant FILE

Every module has about 17,000 mutants: all of them take about three hours on two cores,
`--sample 0.15 --least 25` (a hash-drawn 15% of each module, 3,029 mutants) some two hours.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "lastmile_cli"
# Every module of the package (`render/text` for render/text.py), the default to mutate.
EVERY = tuple(sorted(str(p.relative_to(PACKAGE).with_suffix("")) for p in PACKAGE.rglob("*.py")))
TARGET = 0.90
# What counts as the tests noticing a mutant: a failure, a hang (a mutant that drops O_NONBLOCK
# blocks on a FIFO until mutmut's timeout), or the SIGINT that the Ctrl-C tests send reaching
# the test process itself (a mutant that stops ignoring it).
DETECTED = ("killed", "timeout", "check was interrupted by user", "caught by type check")
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


# `mypy --strict src`, as CI runs it, on mutmut's copy (run there, beside the project's
# settings): a mutant it refuses (`None` for a `bool`, say) never passes CI, so it counts as
# caught, as mutmut counts it with a `type_check_command`.
TYPE_CHECK = [
    "mypy",
    "--config-file",
    "../pyproject.toml",
    "--no-warn-unused-ignores",
    "src",
    "--output",
    "json",
]


def config(modules: tuple[str, ...], type_check: bool = False) -> str:
    """The [tool.mutmut] table: mutate `modules`, copy the rest of the package as it is, and run
    the in-process tests only (`-m "not slow"`: `--plant` counts the others); `type_check`
    lets mypy catch mutants first."""
    skip = [f"*/lastmile_cli/{name}.py" for name in EVERY if name not in modules]
    selection = ["tests/", *IGNORED, *FAST]
    return (
        "\n[tool.mutmut]\n"
        + (f"type_check_command = {json.dumps(TYPE_CHECK)}\n" if type_check else "")
        + 'source_paths = ["src/"]\n'
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
# again by an id with a non-ASCII character in it ("not found"), nor by one pytest escaped (a
# list of such tests is then a usage error, exit 4). Only in the throwaway copy; pytest's own
# escaping is replaced, so ids from an `ids=` function are plain too.
PLAIN_IDS = """

import _pytest.python as _pytest_python


def _plain_id(val: str | bytes, config: object = None) -> str:
    if isinstance(val, bytes):
        val = val.decode("latin-1")
    return "".join(
        c if c.isascii() and c.isprintable() and c not in "\\\\[]" else f"U{ord(c):04X}"
        for c in val
    )


_pytest_python._ascii_escaped_by_config = _plain_id


def pytest_make_parametrize_id(config: object, val: object, argname: str) -> str | None:
    return _plain_id(val) if isinstance(val, str | bytes) else None
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


def first_few(modules: tuple[str, ...]) -> str:
    """A mutmut pattern for the first mutant of each function of one module that has any."""
    for module in modules:
        if "def " in (PACKAGE / f"{module}.py").read_text("utf-8"):
            return f"lastmile_cli.{module.replace('/', '.')}.x*__mutmut_1"
    raise SystemExit("none of these modules has a function to mutate")


def every_mutant(work: Path) -> list[str]:
    """The names of every mutant mutmut made in `work`, from its per-file records."""
    names: list[str] = []
    for meta in sorted((work / "mutants" / "src").rglob("*.py.meta")):
        names += json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return names


def sample(names: list[str], share: float, least: int) -> list[str]:
    """`share` of each module's mutants, and at least `least` (all of a smaller module), chosen
    by a hash of each mutant's name: the same mutants on every run of the same code, and a
    mutant keeps its place when others are added or removed."""
    by_module: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_module[module_of(name)].append(name)
    chosen: list[str] = []
    for found in by_module.values():
        found.sort(key=lambda name: hashlib.sha256(name.encode()).hexdigest())
        chosen += found[: min(len(found), max(least, math.ceil(share * len(found))))]
    return sorted(chosen)


def plant(work: Path, listing: Path, mutmut: list[str]) -> int:
    """Each mutant of `listing` (a line: its name, then the tests that should notice it) written
    into `work`'s source by mutmut, those tests run there in a project environment of their own
    (so the processes they start import the mutated source), and the source put back. The same
    tests run first on the source as it is, and must pass there. Prints a line a mutant: killed
    (a test failed), survived (all passed), or what else pytest said."""

    def run_tests(tests: list[str]) -> int:
        command = ["uv", "run", "pytest", "-q", "-p", "no:cacheprovider", *tests]
        return subprocess.run(command, cwd=work, capture_output=True, check=False).returncode

    def forget_compiled(source: Path) -> None:
        # (a compiled file records its source's size and time in whole seconds: one made from
        # the mutant could pass for the source put back within the same second)
        for stale in (source.parent / "__pycache__").glob(f"{source.stem}.*.pyc"):
            stale.unlink()

    killed = 0
    passing: set[tuple[str, ...]] = set()
    lines = [line.split() for line in listing.read_text("utf-8").splitlines() if line.strip()]
    for name, *tests in lines:
        if tuple(tests) not in passing:
            if run_tests(tests) != 0:
                raise SystemExit(f"{name}: its tests fail without the mutant: {' '.join(tests)}")
            passing.add(tuple(tests))
        source = work / "src" / "lastmile_cli" / f"{module_of(name)}.py"
        original = source.read_bytes()
        try:
            subprocess.run([*mutmut, "apply", name], cwd=work, check=True, capture_output=True)
            if source.read_bytes() == original:
                raise SystemExit(f"{name}: mutmut changed nothing")
            forget_compiled(source)
            code = run_tests(tests)
        finally:
            source.write_bytes(original)
            forget_compiled(source)
        outcome = {0: "survived", 1: "killed"}.get(code, f"pytest exit {code}")
        killed += outcome == "killed"
        print(f"{name}: {outcome} ({' '.join(tests)})", flush=True)
    print(f"{killed} of {len(lines)} killed by the tests named")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--module",
        action="append",
        help="only this module, as render/text (repeatable; default: every module)",
    )
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--keep", help="run in this directory and keep it (to resume or browse)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument(
        "--fast",
        action="store_true",
        help="in-process tests only (the default; kept for the commands docs/mutation.md records)",
    )
    parser.add_argument(
        "--type-check",
        action="store_true",
        help="count a mutant that mypy --strict refuses as caught (CI runs mypy --strict src)",
    )
    parser.add_argument(
        "--plant",
        help="with --keep: write each mutant named in this file into the source, run the tests"
        " named after it on its line (those that run lastmile as a process), put the source back",
    )
    parser.add_argument(
        "--sample",
        type=float,
        help="test this share of each module's mutants (0.2: a fifth), drawn the same way each run",
    )
    parser.add_argument(
        "--least", type=int, default=30, help="with --sample: at least this many of each module"
    )
    parser.add_argument(
        "--mutants",
        help="run and score only the mutants named in this file (one a line: a run's survivors)",
    )
    parser.add_argument(
        "--report", action="store_true", help="with --keep: score what a run there has found so far"
    )
    args = parser.parse_args()
    named = Path(args.mutants).read_text("utf-8").split() if args.mutants else []
    # (the modules of the mutants named, when no module is: mutmut mutates no more than that)
    modules = tuple(args.module or sorted({module_of(name) for name in named}) or EVERY)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lastmile-mutation-"))
    if not (work / "pyproject.toml").exists():
        for name in COPY:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, work / name)
        project = work / "pyproject.toml"
        settings = for_mutmut(project.read_text("utf-8")) + config(modules, args.type_check)
        project.write_text(settings, "utf-8")
        with open(work / "tests" / "conftest.py", "a", encoding="utf-8") as handle:
            handle.write(PLAIN_IDS)
    mutmut = [sys.executable, "-m", "mutmut"]
    if args.plant:
        if not args.keep:
            raise SystemExit("--plant needs the --keep directory of a run")
        return plant(work, Path(args.plant), mutmut)
    run = [*mutmut, "run", "--max-children", str(args.max_children)]
    chosen: list[str] | None = None
    if args.mutants:
        # (mutmut makes every mutant on its first run; only these are run and scored)
        chosen = sorted(set(named))
        if not args.report:
            subprocess.run([*run, *chosen], cwd=work, check=False)
    elif args.sample is not None:
        if not (work / "mutants").is_dir():
            # mutmut makes its mutants only as it runs: a first run of a handful of them makes
            # them all (and records which tests call what), so the sample can be drawn.
            subprocess.run([*run, first_few(modules)], cwd=work, check=False)
        chosen = sample(every_mutant(work), args.sample, args.least)
        if not args.report:
            subprocess.run([*run, *chosen], cwd=work, check=False)
    elif not args.report:
        subprocess.run(run, cwd=work, check=False)
    listing = subprocess.run(
        [*mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=False
    )
    outcomes: dict[str, str] = {}
    for line in listing.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith("lastmile_cli.") and (chosen is None or name in chosen):
            outcomes[name] = status
    totals = Counter(module_of(name) for name in every_mutant(work))

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    survivors: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, status in sorted(outcomes.items()):
        module = module_of(name)
        if status == "not checked":  # (not run yet: --report while a run goes on)
            counts[module]["pending"] += 1
            continue
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
            "mutants": totals[module],
            "score": round(c["killed"] / c["all"], 3) if c.get("all") else None,
        }
        for module, c in sorted(counts.items())
    }
    if args.json:
        print(json.dumps({"scores": scores, "survivors": survivors}, indent=2))
    else:
        print(f"\n{'module':22} {'killed':>7} {'of':>5} {'score':>6}  string-only  mutants  other")
        for module, c in scores.items():
            other = ", ".join(
                f"{k} {v}"
                for k, v in c.items()
                if k not in ("all", "killed", "score", "string-only", "mutants")
            )
            mark = "met " if c["score"] is not None and c["score"] >= TARGET else "MISS"
            print(
                f"{module:22} {c.get('killed', 0):>7} {c.get('all', 0):>5} {c['score']!s:>6}"
                f"  {c.get('string-only', 0):>11}  {c['mutants']:>7}  {other}  {mark}"
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
