"""Start-up benchmark: lastmile against the floor Click sets, as whole processes.

Each scenario runs many times, alternating with its baseline in the same interpreter and venv,
with a warm parsed-content cache (as every run after the first has). It prints the median wall
time, the ratio to the baseline, and the peak memory (max RSS of the children), as a table or
as JSON. Bytecode is compiled first and PYTHONDONTWRITEBYTECODE is dropped, as for a user.

    uv run python benchmarks/startup.py [--runs 40] [--json]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import pty
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# The console script users run (`lastmile`), from the same venv as the interpreter.
LASTMILE = [str(Path(PY).with_name("lastmile"))]
TARGETS = {
    "piped explain": 1.20,
    "terminal explain": 1.20,
    "100 extra languages": 1.05,
    "piped memory": 1.15,
}


def measure(command: list[str], env: dict[str, str], terminal: bool) -> tuple[float, int]:
    """Wall time in ms and the child's max RSS in KiB for one run."""
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
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = (time.perf_counter_ns() - start) / 1e6
        os.close(master)
        process.returncode = os.waitstatus_to_exitcode(status)
    else:
        start = time.perf_counter_ns()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        assert process.stdout is not None
        process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = (time.perf_counter_ns() - start) / 1e6
        process.stdout.close()
    return elapsed, usage.ru_maxrss


def compare(
    name: str,
    command: list[str],
    baseline: list[str],
    env: dict[str, str],
    runs: int,
    terminal: bool = False,
    base_env: dict[str, str] | None = None,
) -> dict[str, object]:
    times: dict[str, list[float]] = {"ours": [], "base": []}
    memory: dict[str, list[int]] = {"ours": [], "base": []}
    for _ in range(3):  # warm the page cache and the parsed-content cache
        measure(command, env, terminal)
        measure(baseline, base_env or env, terminal)
    for _ in range(runs):
        for key, cmd, e in (("ours", command, env), ("base", baseline, base_env or env)):
            elapsed, rss = measure(cmd, e, terminal)
            times[key].append(elapsed)
            memory[key].append(rss)
    ours, base = statistics.median(times["ours"]), statistics.median(times["base"])
    ours_mem, base_mem = statistics.median(memory["ours"]), statistics.median(memory["base"])
    return {
        "scenario": name,
        "command": " ".join(["lastmile", *command[1:]] if command[0] == LASTMILE[0] else command),
        "baseline": " ".join(
            ["python", *baseline[1:]] if baseline[0] == PY else ["lastmile", *baseline[1:]]
        ),
        "median_ms": round(ours, 1),
        "baseline_ms": round(base, 1),
        "ratio": round(ours / base, 3),
        "peak_kib": int(ours_mem),
        "baseline_peak_kib": int(base_mem),
        "memory_ratio": round(ours_mem / base_mem, 3),
    }


def peers(env: dict[str, str], runs: int) -> list[dict[str, object]]:
    """Time the peers that are installed to print one page (not run when absent)."""
    found = []
    for name, command in (
        ("tldr (Python)", ["tldr", "tar"]),
        ("tealdeer", ["tldr", "tar"]),
        ("eg", ["eg", "tar"]),
    ):
        path = shutil.which(command[0])
        if path is None or name in {p["scenario"] for p in found}:
            continue
        times = [measure([path, *command[1:]], env, False)[0] for _ in range(runs)]
        found.append({"scenario": name, "median_ms": round(statistics.median(times), 1)})
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    compileall.compile_dir(sysconfig.get_paths()["purelib"], quiet=2)
    compileall.compile_dir(str(ROOT / "src"), quiet=2)
    work = Path(tempfile.mkdtemp(prefix="lastmile-bench-"))
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

    click = [PY, "-c", "import click"]
    rows = [
        compare("piped explain", [*LASTMILE, "explain", "--lang", "de"], click, env, args.runs),
        compare(
            "terminal explain",
            [*LASTMILE, "explain", "--lang", "de", "--no-pager"],
            [PY, "-c", "import click, rich.console"],
            env,
            args.runs,
            terminal=True,
        ),
        compare("piped example", [*LASTMILE, "example", "marathon"], click, env, args.runs),
        compare("piped search", [*LASTMILE, "search", "turnout"], click, env, args.runs),
        compare(
            "100 extra languages",
            [*LASTMILE, "explain", "--lang", "de", "--data-dir", str(extra)],
            [*LASTMILE, "explain", "--lang", "de", "--data-dir", str(empty)],
            env,
            args.runs,
        ),
    ]
    piped = rows[0]
    results = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "runs": args.runs,
        "scenarios": rows,
        "peers": peers(env, max(5, args.runs // 4)),
        "targets": {
            "piped explain": [piped["ratio"], TARGETS["piped explain"]],
            "terminal explain": [rows[1]["ratio"], TARGETS["terminal explain"]],
            "100 extra languages": [rows[4]["ratio"], TARGETS["100 extra languages"]],
            "piped memory": [piped["memory_ratio"], TARGETS["piped memory"]],
        },
    }
    shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"Python {results['machine']['python']} on {results['machine']['platform']}, {args.runs} alternating runs each\n"
    )
    print(
        f"{'scenario':22} {'median':>8} {'baseline':>9} {'ratio':>6} {'peak MiB':>9} {'base MiB':>9} {'mem':>6}  baseline"
    )
    for row in rows:
        print(
            f"{row['scenario']:22} {row['median_ms']:>6.1f}ms {row['baseline_ms']:>7.1f}ms {row['ratio']:>6.2f} "
            f"{row['peak_kib'] / 1024:>9.1f} {row['baseline_peak_kib'] / 1024:>9.1f} {row['memory_ratio']:>6.2f}  {row['baseline']}"
        )
    for peer in results["peers"]:
        print(f"{peer['scenario']:22} {peer['median_ms']:>6.1f}ms  (peer, one page)")
    print()
    for name, (value, target) in results["targets"].items():
        print(
            f"{'met ' if value <= target else 'MISS'} {name}: {value:.2f}x (target <= {target:.2f}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
