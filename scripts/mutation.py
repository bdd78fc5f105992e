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
    uv run --with mutmut==3.8.1 python scripts/mutation.py --keep DIR2 --mutants FILE

The tests that run lastmile as a process (marked slow) are left out: their children would run
the checkout's own code, not mutmut's, so they could never kill a mutant. `--processes` counts
them (their children run the mutant: see CHILDREN below), one module at a time, since a child
that imports many mutated modules starts in seconds; it is not finished (see PROCESS_BLIND).
Every module has about 17,000 mutants: all of them take about three hours on two cores,
`--sample 0.15` (a hash-drawn 15% of each module) about forty minutes.
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
    skip = [f"*/lastmile_cli/{name}.py" for name in EVERY if name not in modules]
    blind = () if fast else tuple(f"--deselect={test}" for test in PROCESS_BLIND)
    selection = ["tests/", *IGNORED, *(FAST if fast else blind)]
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


# Not finished: a `--processes` run stopped at its first step (mutmut's record of which tests call
# what), because some tests watch what a child process imports or how it ends (nothing heavy
# on the piped path, the quick end without Python's teardown), and a child under mutmut
# imports mutmut's trampolines and its record. Those tests are left out of such a run (their
# subject is the instrument itself): the ones known so far, which may not be all of them.
PROCESS_BLIND = (
    "tests/test_startup.py",
    "tests/test_shortcut.py::test_a_piped_common_form_loads_nothing_heavy",
    "tests/test_shortcut.py::test_a_german_run_that_says_nothing_in_words_loads_no_catalog",
    "tests/test_imports.py::test_a_run_ends_without_python_s_teardown_and_says_the_same",
    "tests/test_imports.py::test_a_common_run_makes_no_pass_of_the_cycle_collector",
    "tests/test_imports.py::test_a_run_loads_every_module_of_ours_through_the_finder",
    "tests/test_cli.py::test_version_without_package_metadata_is_one_line",
    "tests/test_toolchain.py::test_the_catalog_check_reads_no_click",
    # (reads the source, which under mutmut holds every mutant's strings)
    "tests/test_i18n.py::test_the_catalogs_are_whole",
)
# What lets mutmut see lastmile's own processes (the tests that run `python -m lastmile_cli`, in
# a pipe or a pseudo-terminal): appended to the throwaway copy's conftest, it points every child
# at mutmut's copy of the package (PYTHONPATH, so a child runs the mutant the test process has
# chosen: MUTANT_UNDER_TEST is inherited) and, while mutmut records which tests call which
# function, gathers the calls each child recorded (CHILD_SITE's sitecustomize writes them when
# the child ends) into the test's own record. The in-process tests run first, so a mutant they
# kill never waits for a process.
CHILDREN = """

import sys as _sys

if "mutmut" in _sys.modules:
    _HITS = Path({hits!r})
    _HITS.mkdir(exist_ok=True)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [{site!r}, str(Path(__file__).resolve().parent.parent / "src")]
    )
    os.environ["LASTMILE_MUTMUT_HITS"] = str(_HITS)

    def _children_calls() -> set[str]:
        found: set[str] = set()
        for record in _HITS.glob("*.hits"):
            found |= set(record.read_text("utf-8").split())
            record.unlink()
        return found

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
        from mutmut.state import state

        calls = _children_calls()
        if os.environ.get("MUTANT_UNDER_TEST") == "stats":
            state()._stats |= calls

    def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
        items.sort(key=lambda item: item.get_closest_marker("slow") is not None)
"""
# Run by every child Python of a test under mutmut (it is first on the children's PYTHONPATH):
# while mutmut records calls, the trampolines' record goes to a file the test's teardown reads.
SITECUSTOMIZE = """\
import os

if os.environ.get("MUTANT_UNDER_TEST") == "stats" and os.environ.get("LASTMILE_MUTMUT_HITS"):
    import mutmut.mutation.trampoline as _trampoline

    _calls = set()
    _record_file = None

    def _record(name, caller=None):
        # Written as each new function is first called, not at exit: an exit handler would
        # keep lastmile from its quick end (entry._end), which the tests watch.
        global _record_file
        if name in _calls:
            return
        _calls.add(name)
        if _record_file is None:
            path = os.path.join(os.environ["LASTMILE_MUTMUT_HITS"], f"{os.getpid()}.hits")
            _record_file = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        os.write(_record_file, (name + "\\n").encode())

    _trampoline.record_trampoline_hit = _record
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
        "--processes",
        action="store_true",
        help="count the tests that run lastmile as a process too (one module at a time; see"
        " PROCESS_BLIND for the state of this)",
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
    modules = tuple(args.module or EVERY)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lastmile-mutation-"))
    if not (work / "pyproject.toml").exists():
        for name in COPY:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, work / name)
        project = work / "pyproject.toml"
        settings = for_mutmut(project.read_text("utf-8")) + config(modules, fast=not args.processes)
        project.write_text(settings, "utf-8")
        with open(work / "tests" / "conftest.py", "a", encoding="utf-8") as handle:
            handle.write(PLAIN_IDS)
            if args.processes:
                site = work / "child-site"
                site.mkdir()
                (site / "sitecustomize.py").write_text(SITECUSTOMIZE, "utf-8")
                handle.write(CHILDREN.format(hits=str(work / "child-hits"), site=str(site)))
    mutmut = [sys.executable, "-m", "mutmut"]
    run = [*mutmut, "run", "--max-children", str(args.max_children)]
    chosen: list[str] | None = None
    if args.mutants:
        # (mutmut makes every mutant on its first run; only these are run and scored)
        chosen = sorted(set(Path(args.mutants).read_text("utf-8").split()))
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
