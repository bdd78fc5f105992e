"""Every command's common forms, answered without loading Click.

Most runs are a handful of shapes: `lastmile explain --lang de`, `example marathon`, `search
turnout -l de`, `compare de it --by sentence`, `validate pt.yaml`, in a pipe or on a
terminal. Click costs more than the rest of such a run (BENCHMARKS.md), so the console script
(entry.py) first asks `recognize` whether it understands the whole command line; if it does, the
run goes through the same library code as Click's (perform.py), byte for byte.

What it understands is read from the one table of options and arguments (option_table.py),
which Click's commands are built from too, with the spellings Click accepts: `--opt value`,
`--opt=value`, `-o value`, `-ovalue`, repeats (the last wins, or all are kept for a repeatable
option), in any order. Anything else — an unknown or hidden option, `--help`, a value that
starts with `-`, `--`, a value of the wrong kind (a directory that is not there, a width out
of range, a choice in capitals), too many or too few arguments, shell completion — is left to
Click untouched, so Click stays the parser of record and the shortcut never prints an error of
its own. tests/test_shortcut.py runs both ways on generated command lines and environments.
`LASTMILE_SHORTCUT=0` turns the shortcut off (for debugging).
"""

from __future__ import annotations

import os

from lastmile_cli.option_table import COMMANDS, COMPLETE_VAR, WIDTHS, Argument, Option, module_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from lastmile_cli.perform import Call

SWITCH = "LASTMILE_SHORTCUT"  # "0": every command line goes to Click
# Commands whose work is Click's own (the completion script is made from Click's command tree):
# answering them here would save nothing, so they are left to Click.
CLICKS_OWN = ("completion",)
_NO = object()  # a value the shortcut leaves to Click


def parse(argv: list[str]) -> tuple[str, dict[str, object]] | None:
    """The command and its parameters, as Click would pass them, or None when any part of the
    command line is beyond the shortcut."""
    if not argv or argv[0] not in COMMANDS or argv[0] in CLICKS_OWN:
        return None
    command = argv[0]
    table = COMMANDS[command]
    spelled: dict[str, tuple[Option, bool]] = {}
    arguments: list[Argument] = []
    params: dict[str, object] = {}
    for param in table:
        if isinstance(param, Argument):
            arguments.append(param)
        elif param.hidden:  # (compare's --lang, there to say it is not for compare)
            continue
        else:
            spelled.update((name, (param, True)) for name in param.names)
            if param.off:
                spelled[param.off] = (param, False)
        params[param.dest] = param.passed
    repeated: dict[str, list[object]] = {}
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
        found = spelled.get(name)
        if found is None:  # --help, --, -, an option of Click's alone: Click answers
            return None
        option, on = found
        if option.flag:
            if attached is not None:
                return None
            params[option.dest] = on
            continue
        if attached is None:
            if index >= len(rest):
                return None
            attached = rest[index]
            index += 1
        if attached.startswith("-"):  # Click may read it as a value or as an option: its call
            return None
        converted = _value(option.kind, option.choices, attached)
        if converted is _NO:
            return None  # Click says what is wrong with it
        if option.multiple:
            repeated.setdefault(option.dest, []).append(converted)
        else:
            params[option.dest] = converted
    if not _place(arguments, positional, params):
        return None
    for dest, values in repeated.items():
        params[dest] = tuple(values)
    return command, params


def _place(arguments: list[Argument], positional: list[str], params: dict[str, object]) -> bool:
    """Put the positional values in `params` as Click would, or False to leave it to Click."""
    if len(arguments) == 1 and arguments[0].many:
        (argument,) = arguments
        if argument.required and not positional:
            return False
        values = [_value(argument.kind, argument.choices, value) for value in positional]
        if _NO in values:
            return False
        params[argument.dest] = tuple(values)
        return True
    if any(argument.many for argument in arguments):  # (no command has such a mix)
        return False
    required = sum(1 for argument in arguments if argument.required)
    if not required <= len(positional) <= len(arguments):
        return False
    for argument, value in zip(arguments, positional, strict=False):
        if argument.nonblank and not _has_words(value):  # (Click's path says why: the query)
            return False
        converted = _value(argument.kind, argument.choices, value)
        if converted is _NO:
            return False
        params[argument.dest] = converted
    return True


def _has_words(value: str) -> bool:
    """Whether a value has a word to look for, as the command's own check (commands/search.py)
    judges it: hyphens and apostrophes alone are none."""
    from lastmile_cli.passages import words

    return bool(words(value))


def _value(kind: str, choices: tuple[str, ...], value: str) -> object:
    """The value as Click's type for `kind` (options.py) passes it, or _NO when Click might
    refuse it or change it."""
    if kind == "text":
        return value
    if kind in ("choice", "shell"):
        return value if value in choices else _NO  # (another case: Click's to fold)
    if kind == "width":
        if value.isascii() and value.isdigit() and WIDTHS[0] <= int(value) <= WIDTHS[1]:
            return int(value)
        return _NO
    try:
        if kind == "directory":
            return value if os.path.isdir(value) and os.access(value, os.R_OK) else _NO
        if kind == "new file":  # (Click's Path(dir_okay=False): anything but a directory)
            return _NO if os.path.lexists(value) else value
        if kind in ("path", "file"):
            readable = os.path.exists(value) and os.access(value, os.R_OK)
            return value if readable and (kind == "path" or os.path.isfile(value)) else _NO
    except (OSError, ValueError):  # an embedded NUL, a name too long
        return _NO
    return _NO


def version() -> str | None:
    """`lastmile --version`'s line, from the installed package's metadata (what Click reads,
    found without importlib.metadata), or None when it cannot be found here."""
    import sys

    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except (OSError, ValueError):
            continue
        for name in names:
            if name.lower().startswith("lastmile_cli-") and name.endswith(".dist-info"):
                try:
                    with open(os.path.join(entry, name, "METADATA"), encoding="utf-8") as meta:
                        for line in meta:
                            if line.startswith("Version:"):
                                return f"lastmile {line[8:].strip()}\n"
                            if not line.strip():
                                break
                except OSError:
                    pass
                return None
    return None


def recognize(argv: list[str], env: Mapping[str, str]) -> Call | None:
    """The call Click would make for this command line, or None to let Click parse it."""
    if env.get(SWITCH) == "0" or COMPLETE_VAR in env:
        return None
    parsed = parse(argv)
    if parsed is None:
        return None
    command, params = parsed
    name = module_of(command)
    module = __import__(f"lastmile_cli.commands.{name}", fromlist=[name])
    from lastmile_cli.perform import Call

    return Call.of(getattr(module, name), params)
