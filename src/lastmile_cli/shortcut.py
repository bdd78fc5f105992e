"""The common forms of the command line, answered without loading Click.

Most runs are a handful of shapes: `lastmile explain`, `explain --lang de`, `explain -l de
--section marathon`, `example marathon`, with `--data-dir` and `--pager/--no-pager`, in a pipe
or on a terminal. Click costs some three quarters of such a run (BENCHMARKS.md), so the
console script (entry.py) first asks `recognize` whether it understands the whole command line;
if it does, the run goes through the same library code as Click's (perform.py), byte for byte.
Anything else — another command or option, `--help`, a value that starts with `-`, `--`, a
directory Click would refuse, shell completion — is left to Click untouched, so Click stays the
parser of record and the shortcut never prints an error of its own. tests/test_shortcut.py
checks OPTIONS and DEFAULTS against the Click commands, and runs both ways on generated command
lines and environments. `LASTMILE_SHORTCUT=0` turns the shortcut off (for debugging).
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from lastmile_cli.perform import Call

SWITCH = "LASTMILE_SHORTCUT"  # "0": every command line goes to Click
COMPLETION = "_LASTMILE_COMPLETE"

# Every spelling the shortcut accepts, per command, and the parameter it sets (Click's names).
OPTIONS: dict[str, dict[str, str]] = {
    "explain": {
        "--lang": "lang",
        "-l": "lang",
        "--section": "sections",
        "-s": "sections",
        "--data-dir": "data_dir",
        "--pager": "pager",
        "--no-pager": "pager",
    },
    "example": {
        "--lang": "lang",
        "-l": "lang",
        "--data-dir": "data_dir",
        "--pager": "pager",
        "--no-pager": "pager",
    },
}
FLAGS = {"--pager": True, "--no-pager": False}  # options that take no value
REPEATABLE = ("sections", "data_dir")  # collected in order, as Click's `multiple=True` does
ARGUMENTS = {"explain": (), "example": ("name",)}  # positional, at most one value each
# What Click passes for every parameter the command line does not give.
_COMMON: dict[str, object] = {
    "with_lang": None,
    "lang": None,
    "fmt": None,
    "color": None,
    "width": None,
    "pager": None,
    "data_dir": (),
}
DEFAULTS: dict[str, dict[str, object]] = {
    "explain": {"sections": (), **_COMMON},
    "example": {"name": None, **_COMMON},
}


def parse(argv: list[str]) -> tuple[str, dict[str, object]] | None:
    """The command and its parameters, as Click would pass them, or None when any part of the
    command line is beyond the shortcut."""
    if not argv or argv[0] not in OPTIONS:
        return None
    command, known = argv[0], OPTIONS[argv[0]]
    params = dict(DEFAULTS[command])
    repeated: dict[str, list[str]] = {name: [] for name in REPEATABLE}
    positional: list[str] = []
    rest = argv[1:]
    index = 0
    while index < len(rest):
        arg = rest[index]
        index += 1
        if not arg.startswith("-"):
            positional.append(arg)
            continue
        if arg.startswith("--"):  # --lang de, --lang=de
            name, equals, value = arg.partition("=")
            attached: str | None = value if equals else None
        else:  # -l de, -lde (Click reads -l=de as the value "=de", and so does this)
            name, attached = arg[:2], (arg[2:] or None)
        dest = known.get(name)
        if dest is None:  # --help, --, -, an option of Click's alone: Click answers
            return None
        if name in FLAGS:
            if attached is not None:
                return None
            params[dest] = FLAGS[name]
            continue
        if attached is None:
            if index >= len(rest):
                return None
            attached = rest[index]
            index += 1
        if attached.startswith("-"):  # Click may read it as a value or as an option: its call
            return None
        if dest == "data_dir" and not _directory(attached):
            return None  # Click says what is wrong with it
        if dest in repeated:
            repeated[dest].append(attached)
        else:
            params[dest] = attached
    names = ARGUMENTS[command]
    if len(positional) > len(names):
        return None
    params.update(zip(names, positional, strict=False))
    for dest, values in repeated.items():
        if dest in params and values:
            params[dest] = tuple(values)
    return command, params


def _directory(path: str) -> bool:
    """Whether Click's directory type (options.Directory) takes `path` as it is."""
    try:
        return os.path.isdir(path) and os.access(path, os.R_OK)
    except (OSError, ValueError):  # an embedded NUL, a name too long
        return False


def recognize(argv: list[str], env: Mapping[str, str]) -> Call | None:
    """The call Click would make for this command line, or None to let Click parse it."""
    if env.get(SWITCH) == "0" or COMPLETION in env:
        return None
    parsed = parse(argv)
    if parsed is None:
        return None
    command, params = parsed
    from lastmile_cli.perform import Call

    if command == "explain":
        from lastmile_cli.commands.explain import explain

        return Call.of(explain, params)
    from lastmile_cli.commands.example import example

    return Call.of(example, params)
