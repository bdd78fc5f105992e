"""Start-up benchmark: lastmile against the interpreter's floor (`python -c pass`), as whole
processes. The common forms are answered without Click (shortcut.py); `piped explain vs Click`
and `shortcut vs Click path` keep the earlier floor and show what the shortcut saves.

Each scenario runs many times, alternating with its baseline in the same interpreter and venv,
with a warm parsed-content cache (as every run after the first has). It prints the median wall
time, the ratio to the baseline, the middle half of the ratios of each alternating pair (how
noisy the machine was), and each child's own peak memory (VmHWM, in separate runs), as a table
or as JSON.
Bytecode is compiled first and PYTHONDONTWRITEBYTECODE is dropped, as for a user.

When valgrind is installed, each scenario and its baseline also run once under callgrind, which
counts the instructions they execute: a figure that does not move with the machine's load, so
a change of a fraction of a millisecond can be seen, and a noisy run told from a regression.

Issue 11's scenarios: `cold explain` is a run with no cache against a warm one (the bundled
article is built into the package, so the two should be equal); `user file, parsed` is a user
language file checked on every run (no cache) against the same file read from the cache; and
`lastmile validate` on three hostile files as large as the loader takes (1 MiB of valid text,
1 MiB of control characters, 2,000 duplicate sections) must each finish in well under a second.

Peers on PATH (`eg`, the Python `tldr` client, tealdeer) print one page to a pipe, alternating
with `lastmile example marathon`; the tldr clients read a stand-in `tar` page seeded into a
temporary HOME, so no network is needed.

    uv run python benchmarks/startup.py [--runs 60] [--json] [--no-instructions]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pty
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# The console script users run (`lastmile`), from the same venv as the interpreter.
LASTMILE = [str(Path(PY).with_name("lastmile"))]
TARGETS = {
    # issue 15: the common forms against the interpreter's floor, without Click
    "piped explain": 1.50,
    "piped example": 1.50,
    "terminal explain": 0.75,
    "user file, cached": 2.00,
    # earlier targets, against Click's floor
    "piped explain vs Click": 1.20,
    "100 extra languages": 1.05,
    "piped memory": 1.15,
    "cold explain": 1.05,
    # a German interface against the same run in English: "a few milliseconds more" at most
    "German interface": 1.10,
}
# issue 27: every command's common piped form against `python -c pass`, by instructions
# (callgrind), with the wall-time ratio beside; and each form's German interface against its
# English one (within 3%). `--forms` runs these alone.
FORMS: list[tuple[str, list[str], float | None]] = [
    ("--version", ["--version"], 1.5),
    ("explain --lang de", ["explain", "--lang", "de"], 1.5),
    ("example marathon", ["example", "marathon"], 1.5),
    ("sections", ["sections"], 2.0),
    ("languages", ["languages"], 2.0),
    ("search turnout", ["search", "turnout"], 2.0),
    ("compare de it", ["compare", "de", "it"], 2.0),
    ("compare --by sentence", ["compare", "de", "en", "--by", "sentence"], 2.0),
    ("explain --with en", ["explain", "--lang", "it", "--with", "en"], 2.0),
    ("template pt", ["template", "pt"], 2.0),
    ("status", ["status"], 2.0),
    ("export de", ["export", "de"], 2.0),
    ("paths", ["paths"], 2.0),
    ("validate (no arguments)", ["validate"], None),
    ("validate one user file", ["validate", "USER_FILE"], 5.0),
    ("completion bash", ["completion", "bash"], None),
    ("--help", ["--help"], None),
    ("usage error", ["explain", "--width", "0"], None),
]
# One TAB of shell completion, as bash's script asks for it.
TABS = {
    "TAB: explain --lang ": "lastmile explain --lang ",
    "TAB: example ": "lastmile example ",
}
CHECK_RUNS = 5
CHECK_TARGET_S = 1.0


# Peak memory is read by the child itself, from its own /proc/self/status (VmHWM) at exit, through
# a sitecustomize on PYTHONPATH. getrusage cannot be used: a child's ru_maxrss includes the
# memory of the process that spawned it (fork and exec keep the high-water mark), so every
# small child would show this runner's size.
PEAK_HOOK = """import atexit, os

def _lastmile_bench_peak():
    target = os.environ.get("LASTMILE_BENCH_PEAK")
    if target:
        with open("/proc/self/status") as status:
            kib = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "")
        with open(target, "w") as out:
            out.write(kib)

atexit.register(_lastmile_bench_peak)
"""
MEMORY_RUNS = 10


def measure(command: list[str], env: dict[str, str], terminal: bool) -> float:
    """Wall time in ms of one run, to the last byte of output and the exit."""
    if terminal:
        master, slave = pty.openpty()
        start = time.perf_counter_ns()
        process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL, env=env
        )
        os.close(slave)
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
        process.wait()
        elapsed = (time.perf_counter_ns() - start) / 1e6
        os.close(master)
    else:
        start = time.perf_counter_ns()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        assert process.stdout is not None
        process.stdout.read()
        process.wait()
        elapsed = (time.perf_counter_ns() - start) / 1e6
        process.stdout.close()
    return elapsed


def peak(command: list[str], env: dict[str, str], terminal: bool, hook: Path) -> int | None:
    """The child's own peak resident memory in KiB (Python children on Linux), else None."""
    report = hook / "peak"
    report.unlink(missing_ok=True)
    path = os.pathsep.join(p for p in (str(hook), env.get("PYTHONPATH", "")) if p)
    measure(command, {**env, "PYTHONPATH": path, "LASTMILE_BENCH_PEAK": str(report)}, terminal)
    try:
        return int(report.read_text())
    except (OSError, ValueError):
        return None


def instructions(command: list[str], env: dict[str, str], terminal: bool, work: Path) -> int | None:
    """Instructions one run executes, counted by callgrind (hash seed fixed, so repeatable)."""
    log = work / "callgrind.log"
    counted = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        f"--log-file={log}",
        *command,
    ]
    measure(counted, {**env, "PYTHONHASHSEED": "0"}, terminal)
    try:
        found = re.search(r"Collected : (\d+)", log.read_text())
    except OSError:
        return None
    return int(found.group(1)) if found else None


def count(row: dict[str, Any], commands: dict[str, list[str]], work: Path) -> None:
    """Add the instruction counts of a scenario (`row`) and of its baseline."""
    env, base_env, terminal = commands["env"], commands["base_env"], row["terminal"]
    ours = instructions(commands["ours"], env, terminal, work)
    base = instructions(commands["base"], base_env, terminal, work)
    row["instructions"], row["baseline_instructions"] = ours, base
    row["instruction_ratio"] = round(ours / base, 3) if ours and base else None


def compare(
    name: str,
    command: list[str],
    baseline: list[str],
    env: dict[str, str],
    runs: int,
    hook: Path,
    terminal: bool = False,
    base_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    times: dict[str, list[float]] = {"ours": [], "base": []}
    memory: dict[str, list[int | None]] = {"ours": [], "base": []}
    for _ in range(3):  # warm the page cache and the parsed-content cache
        measure(command, env, terminal)
        measure(baseline, base_env or env, terminal)
    both = [("ours", command, env), ("base", baseline, base_env or env)]
    for index in range(runs):
        # ABBA order, so that a drift in the machine's speed falls on both sides alike
        for key, cmd, e in both if index % 2 == 0 else both[::-1]:
            times[key].append(measure(cmd, e, terminal))
    for _ in range(MEMORY_RUNS):  # separate runs: the hook must not touch the timed ones
        for key, cmd, e in both:
            memory[key].append(peak(cmd, e, terminal, hook))
    ours, base = statistics.median(times["ours"]), statistics.median(times["base"])
    pairs = sorted(a / b for a, b in zip(times["ours"], times["base"], strict=True))
    low, high = pairs[len(pairs) // 4], pairs[(3 * len(pairs)) // 4]
    peaks = {
        key: int(statistics.median([v for v in values if v])) if all(values) else None
        for key, values in memory.items()
    }
    return {
        "scenario": name,
        "terminal": terminal,
        "commands": {"ours": command, "base": baseline, "env": env, "base_env": base_env or env},
        "command": " ".join(["lastmile", *command[1:]] if command[0] == LASTMILE[0] else command),
        "baseline": " ".join(
            ["python", *baseline[1:]] if baseline[0] == PY else ["lastmile", *baseline[1:]]
        ),
        "median_ms": round(ours, 1),
        "baseline_ms": round(base, 1),
        "ratio": round(ours / base, 3),
        "pair_ratio_iqr": [round(low, 3), round(high, 3)],
        "peak_kib": peaks["ours"],
        "baseline_peak_kib": peaks["base"],
        "memory_ratio": (
            round(peaks["ours"] / peaks["base"], 3) if peaks["ours"] and peaks["base"] else None
        ),
    }


# A stand-in page in tldr's format, so the tldr clients print one page without the network.
TAR_PAGE = """# tar

> Pack files into an archive, or unpack them, optionally compressed.

- Pack a directory into a new archive:

`tar cf {{archive.tar}} {{path/to/directory}}`

- Pack and compress with gzip:

`tar czf {{archive.tar.gz}} {{path/to/directory}}`

- List what an archive holds:

`tar tvf {{archive.tar}}`

- Unpack an archive here:

`tar xf {{archive.tar}}`

- Unpack an archive into another directory:

`tar xf {{archive.tar}} -C {{path/to/directory}}`
"""


def find_peers() -> dict[str, str]:
    """The peers on PATH: the Python tldr client and tealdeer are both called `tldr`."""
    found: dict[str, str] = {}
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        for name in ("tldr", "tealdeer", "eg"):
            path = os.path.join(directory, name)
            if not (os.path.isfile(path) and os.access(path, os.X_OK)):
                continue
            with open(path, "rb") as handle:
                head = handle.read(256)
            if name == "eg":
                label = "eg"
            elif head.startswith(b"#!") and b"python" in head:
                label = "tldr (Python client)"
            else:
                label = "tealdeer"
            found.setdefault(label, path)
    return found


def peers(work: Path, env: dict[str, str], runs: int, hook: Path) -> list[dict[str, Any]]:
    """Each installed peer printing one page to a pipe, alternating with `lastmile example`."""
    home = work / "peer-home"
    for pages in ("tldr/pages/common", "tealdeer/tldr-pages/pages/common"):
        (home / ".cache" / pages).mkdir(parents=True)
        (home / ".cache" / pages / "tar.md").write_text(TAR_PAGE, encoding="utf-8")
    peer_env = {**env, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")}
    rows = []
    for label, path in sorted(find_peers().items()):
        row = compare(
            label,
            [path, "tar"],
            [*LASTMILE, "example", "marathon"],
            peer_env,
            runs,
            hook,
            base_env=env,
        )
        row["command"] = f"{Path(path).name} tar"
        rows.append(row)
    return rows


def hostile_files(directory: Path) -> dict[str, Path]:
    """The files of the linear-time scenario: each as large as the loader accepts, or as many."""
    mib = 1024 * 1024
    source = (ROOT / "data" / "en.yaml").read_text(encoding="utf-8")
    head, rest = source.split("    paragraphs:\n", 1)
    words = " ".join(["the last mile decides what all the work before it was worth"] * 20)
    item = f"      - >-\n        {words}\n"
    room = mib - len((head + "    paragraphs:\n" + rest).encode()) - 10
    valid = head + "    paragraphs:\n" + item * (room // len(item.encode())) + rest
    body = "  - id: summary\n    kind: section\n    title: S\n    paragraphs: [x]\n"
    files = {
        "1 MiB of valid text": valid.replace("language: en", "language: qaa", 1),
        "1 MiB of control characters": "\x1b" * mib,
        "2,000 duplicate sections": "language: qaa\nname: Q\ntitle: T\nsections:\n" + body * 2000,
    }
    paths = {}
    for index, (name, text) in enumerate(files.items()):
        folder = directory / f"hostile{index}"
        folder.mkdir()
        (folder / "qaa.yaml").write_text(text, encoding="utf-8")
        paths[name] = folder / "qaa.yaml"
    return paths


def checks(work: Path, env: dict[str, str]) -> list[dict[str, Any]]:
    """Seconds `lastmile validate` takes for each hostile file (median of CHECK_RUNS)."""
    rows = []
    for name, path in hostile_files(work).items():
        times = [measure([*LASTMILE, "validate", str(path)], env, False) for _ in range(CHECK_RUNS)]
        size = path.stat().st_size
        rows.append(
            {"scenario": name, "bytes": size, "median_s": round(statistics.median(times) / 1000, 3)}
        )
    return rows


def line(row: dict[str, Any]) -> str:
    low, high = row["pair_ratio_iqr"]

    def mib(kib: int | None) -> str:
        return f"{kib / 1024:>9.1f}" if kib else f"{'n/a':>9}"

    memory = f"{row['memory_ratio']:>6.2f}" if row["memory_ratio"] else f"{'n/a':>6}"
    return (
        f"{row['scenario']:22} {row['median_ms']:>6.1f}ms {row['baseline_ms']:>7.1f}ms {row['ratio']:>6.2f} "
        f"{low:>5.2f}–{high:<5.2f} {mib(row['peak_kib'])} {mib(row['baseline_peak_kib'])} "
        f"{memory}  {row['baseline']}"
    )


def forms(
    work: Path, env: dict[str, str], runs: int, hook: Path, user: Path
) -> list[dict[str, Any]]:
    """Each command's common piped form against the floor, and in German against English."""
    floor = [PY, "-c", "pass"]
    rows = []
    counting = shutil.which("valgrind") is not None
    for name, args, target in FORMS:
        argv = [str(user / "qaa.yaml") if a == "USER_FILE" else a for a in args]
        row = compare(name, [*LASTMILE, *argv], floor, env, runs, hook)
        commands = row.pop("commands")
        if counting:
            count(row, commands, work)
            german = instructions([*LASTMILE, *argv], {**env, "LANG": "de_DE.UTF-8"}, False, work)
            row["german_ratio"] = round(german / row["instructions"], 3) if german else None
        row["target"] = target
        rows.append(row)
    for name, words in TABS.items():
        tab = {
            **env,
            "_LASTMILE_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split())),
        }
        row = compare(name, [*LASTMILE], floor, tab, runs, hook, base_env=env)
        commands = row.pop("commands")
        if counting:
            count(row, commands, work)
        row["target"] = None
        rows.append(row)
    return rows


def print_forms(rows: list[dict[str, Any]]) -> None:
    print("every command's common piped form against python -c pass:")
    print(f"{'form':26} {'instr':>8} {'ratio':>6} {'wall':>6} {'German':>7}  target")
    for row in rows:
        ratio = row.get("instruction_ratio")
        german = row.get("german_ratio")
        target = row["target"]
        verdict = "" if target is None or ratio is None else ("met " if ratio <= target else "MISS")
        german_ok = "" if german is None else ("" if abs(german - 1) <= 0.03 else " (German MISS)")
        print(
            f"{row['scenario']:26} {(row.get('instructions') or 0) / 1e6:>7.1f}M "
            f"{ratio or 0:>6.2f} {row['ratio']:>6.2f} "
            f"{'n/a' if german is None else format(german, '.3f'):>7}  "
            f"{verdict} {'' if target is None else f'<= {target:.1f}x'}{german_ok}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--no-instructions", action="store_true", help="skip the callgrind instruction counts"
    )
    parser.add_argument(
        "--forms", action="store_true", help="only every command's common form (issue 27)"
    )
    args = parser.parse_args()

    subprocess.run(
        [PY, "-m", "compileall", "-q", sysconfig.get_paths()["purelib"], str(ROOT / "src")],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    work = Path(tempfile.mkdtemp(prefix="lastmile-bench-"))
    hook = work / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(PEAK_HOOK, encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")
    }
    env.update(LASTMILE_CACHE_DIR=str(work / "cache"), LANG="C.UTF-8", TERM="xterm-256color")
    env.pop("LC_ALL", None)
    extra, empty = work / "extra", work / "empty"
    extra.mkdir()
    empty.mkdir()
    source = (ROOT / "data" / "en.yaml").read_text(encoding="utf-8")
    for index in range(100):
        code = f"q{chr(97 + index // 26)}{chr(97 + index % 26)}"
        text = source.replace("language: en", f"language: {code}", 1)
        (extra / f"{code}.yaml").write_text(text, encoding="utf-8")
        past = 1_600_000_000
        os.utime(
            extra / f"{code}.yaml", (past, past)
        )  # old enough to be cached, as a user's files are

    user = work / "user"
    user.mkdir()
    (user / "qaa.yaml").write_text(source.replace("language: en", "language: qaa", 1), "utf-8")
    os.utime(user / "qaa.yaml", (1_600_000_000, 1_600_000_000))
    if args.forms:
        rows = forms(work, env, args.runs, hook, user)
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            print_forms(rows)
            print("\npeers, one page to a pipe, against lastmile example marathon:")
            for peer in peers(work, env, max(10, args.runs // 2), hook):
                commands = peer.pop("commands")
                if shutil.which("valgrind"):
                    count(peer, commands, work)
                print(line(peer), f"instructions {peer.get('instruction_ratio')}")
        shutil.rmtree(work, ignore_errors=True)
        return 0
    click = [PY, "-c", "import click"]
    floor = [PY, "-c", "pass"]  # the interpreter's own floor: what any Python program costs
    rows = [
        compare(
            "piped explain", [*LASTMILE, "explain", "--lang", "de"], floor, env, args.runs, hook
        ),
        compare(
            "terminal explain",
            [*LASTMILE, "explain", "--lang", "de", "--no-pager"],
            [PY, "-c", "import rich.console"],
            env,
            args.runs,
            hook,
            terminal=True,
        ),
        compare("piped example", [*LASTMILE, "example", "marathon"], floor, env, args.runs, hook),
        compare("piped search", [*LASTMILE, "search", "turnout"], click, env, args.runs, hook),
        compare(
            "cold explain",
            [*LASTMILE, "explain", "--lang", "de"],
            [*LASTMILE, "explain", "--lang", "de"],
            {**env, "LASTMILE_CACHE_DIR": ""},
            args.runs,
            hook,
            base_env=env,
        ),
        compare(
            "user file, parsed",
            [*LASTMILE, "explain", "--lang", "qaa", "--data-dir", str(user)],
            [*LASTMILE, "explain", "--lang", "qaa", "--data-dir", str(user)],
            {**env, "LASTMILE_CACHE_DIR": ""},
            args.runs,
            hook,
            base_env=env,
        ),
        compare(  # the interface in German against the same run in English: the catalog's cost
            "German interface",
            [*LASTMILE, "explain", "--lang", "de"],
            [*LASTMILE, "explain", "--lang", "de"],
            {**env, "LANG": "de_DE.UTF-8"},
            args.runs,
            hook,
            base_env=env,
        ),
        compare(
            "German --help",
            [*LASTMILE, "--help"],
            [*LASTMILE, "--help"],
            {**env, "LANG": "de_DE.UTF-8"},
            args.runs,
            hook,
            base_env=env,
        ),
        compare(
            "user file, cached",
            [*LASTMILE, "explain", "--lang", "qaa", "--data-dir", str(user)],
            floor,
            env,
            args.runs,
            hook,
        ),
        compare(
            "piped explain vs Click",
            [*LASTMILE, "explain", "--lang", "de"],
            click,
            env,
            args.runs,
            hook,
        ),
        compare(  # the shortcut against the same run through Click (LASTMILE_SHORTCUT=0)
            "shortcut vs Click path",
            [*LASTMILE, "explain", "--lang", "de"],
            [*LASTMILE, "explain", "--lang", "de"],
            env,
            args.runs,
            hook,
            base_env={**env, "LASTMILE_SHORTCUT": "0"},
        ),
        compare(
            "100 extra languages",
            [*LASTMILE, "explain", "--lang", "de", "--data-dir", str(extra)],
            [*LASTMILE, "explain", "--lang", "de", "--data-dir", str(empty)],
            env,
            args.runs,
            hook,
        ),
    ]
    counting = not args.no_instructions and shutil.which("valgrind") is not None
    for row in rows:
        commands = row.pop("commands")
        if counting:
            count(row, commands, work)
    by_name = {row["scenario"]: row for row in rows}
    results = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "runs": args.runs,
        "scenarios": rows,
        "peers": [
            {k: v for k, v in row.items() if k != "commands"}
            for row in peers(work, env, max(10, args.runs // 2), hook)
        ],
        "targets": {
            name: [
                by_name["piped explain vs Click" if name == "piped memory" else name][
                    "memory_ratio" if name == "piped memory" else "ratio"
                ],
                target,
            ]
            for name, target in TARGETS.items()
        },
        "checks": checks(work, env),
    }
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"Python {results['machine']['python']} on {results['machine']['platform']}, {args.runs} alternating runs each\n"
    )
    print(
        f"{'scenario':22} {'median':>8} {'baseline':>9} {'ratio':>6} {'pairs IQR':>11} {'peak MiB':>9} {'base MiB':>9} {'mem':>6}  baseline"
    )
    for row in rows:
        print(line(row))
    if counting:
        print("\ninstructions executed (callgrind, one run each; does not depend on the load):")
        for row in rows:
            if row["instruction_ratio"] is not None:
                ours, base = row["instructions"] / 1e6, row["baseline_instructions"] / 1e6
                print(
                    f"{row['scenario']:22} {ours:>7.1f}M {base:>8.1f}M {row['instruction_ratio']:>6.3f}"
                )
    print(f"\nchecking a hostile file with lastmile validate (median of {CHECK_RUNS}):")
    for row in results["checks"]:
        verdict = "met " if row["median_s"] < CHECK_TARGET_S else "MISS"
        print(f"{verdict} {row['scenario']:30} {row['bytes']:>8} bytes {row['median_s']:>7.3f} s")
    if results["peers"]:
        print("\npeers, one page to a pipe, against lastmile printing one example:")
        for peer in results["peers"]:
            print(line(peer))
    print()
    for name, (value, target) in results["targets"].items():
        if value is None:
            print(f"n/a  {name}: not measurable here (needs Linux's /proc)")
            continue
        print(
            f"{'met ' if value <= target else 'MISS'} {name}: {value:.2f}x (target <= {target:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
