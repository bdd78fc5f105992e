"""The manual page, lastmile(1), written from the Click commands themselves at build time.

hatch_build.py calls `page` and ships the result in the wheel's data as
`share/man/man1/lastmile.1`, where `man` looks (beside the `bin/` that holds `lastmile`). Every
command, its usage, help, options (with their defaults and ranges, as `--help` shows them) and
examples come from the same definitions as `--help`, so the page cannot drift from the program;
what Click does not know (the environment, the files, the exit codes) is written here.
The page is in English, whatever the build machine's locale: nothing here calls `i18n.setup`.
"""

from __future__ import annotations

import re

import click

from lastmile_cli.exits import TABLE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

SUMMARY = "explain the last-mile failure, in five languages"

ENVIRONMENT = (
    (
        "LASTMILE_CONFIG",
        "The configuration file to read instead of the usual one; empty: none.",
    ),
    (
        "LASTMILE_LANG",
        "The article's language when --lang is not given: a code, a locale or a name. A value"
        " that is not available falls through to the locale.",
    ),
    (
        "LANGUAGE, LC_ALL, LC_MESSAGES, LANG",
        "The locale, with gettext's precedence: it chooses the article's language after"
        " LASTMILE_LANG, and the interface's (help, errors, notes). C and POSIX mean English.",
    ),
    (
        "LASTMILE_DATA_DIR",
        "Directories of your own language files, separated by colons; earlier ones win."
        " --data-dir replaces them.",
    ),
    ("NO_COLOR", "Set and non-empty: no colour, unless --color says otherwise."),
    ("FORCE_COLOR", "Set and non-empty: colour even in a pipe."),
    ("TERM", "dumb: no colour."),
    (
        "LASTMILE_PAGER, PAGER",
        "The pager for output taller than the terminal (default: less -FRX). Empty, or cat,"
        " turns paging off.",
    ),
    (
        "LASTMILE_CACHE_DIR",
        "Where checked language files of yours are remembered (default:"
        " $XDG_CACHE_HOME/lastmile, else ~/.cache/lastmile). Empty turns the cache off.",
    ),
    ("LASTMILE_SHORTCUT", "0: every command line goes through Click (for debugging)."),
    ("LASTMILE_DEBUG", "Set: an internal error shows its traceback."),
)

FILES = (
    (
        "$XDG_CONFIG_HOME/lastmile/config.toml",
        "The configuration file (else ~/.config/lastmile/config.toml): language, format,"
        " color, width, pager and data_dirs, as the options take them. An option wins over"
        " lastmile's own variable (LASTMILE_LANG, LASTMILE_PAGER, LASTMILE_DATA_DIR), which"
        " wins over the file, which wins over the locale, PAGER, NO_COLOR, FORCE_COLOR and"
        " TERM. A problem in it is a warning naming its line and key; the rest still applies.",
    ),
    (
        "$XDG_DATA_HOME/lastmile/",
        "Your own language files and stories (else ~/.local/share/lastmile/), read by every"
        " command without an option, after --data-dir, LASTMILE_DATA_DIR and data_dirs;"
        " lastmile paths shows where it is.",
    ),
    (
        "$XDG_CACHE_HOME/lastmile/",
        "The cache of your checked language files; delete it to clear it.",
    ),
)

EXIT_STATUS = tuple(  # exits.py's table, as sentences without Markdown's backticks
    (str(code), (when[0].upper() + when[1:]).replace("`", "") + ".") for code, when in TABLE
)

SEE_ALSO = "less(1), pandoc(1), jq(1)"


def escape(text: str) -> str:
    """Text as roff reads it literally: backslashes, a leading dot or quote, and characters
    beyond ASCII as `\\[uXXXX]` (read the same by groff and mandoc, whatever the locale)."""
    text = text.replace("\\", "\\e")
    text = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in text)
    return "\n".join(_guarded(line) for line in text.split("\n"))


def _guarded(line: str) -> str:
    """A line that would read as a request (a leading dot or quote) made text."""
    return f"\\&{line}" if line.startswith((".", "'")) else line


def filled(text: str) -> str:
    """Escaped running text on lines of at most 78 columns, as man pages keep their source
    (roff fills them again), broken only at spaces."""
    import textwrap

    lines = textwrap.wrap(text, 78, break_long_words=False, break_on_hyphens=False)
    return "\n".join(_guarded(line) for line in lines)


def prose(text: str) -> str:
    """Running text: escaped, with the dashes that start an option (`--lang`, `-f`) as minus
    signs, so a reader can copy them into a shell."""
    return re.sub(r"(?<![\w-])(--?)(?=\w)", lambda m: "\\-" * len(m[1]), escape(text))


def literal(text: str) -> str:
    """A command line or a name: escaped, every dash a minus sign."""
    return escape(text).replace("-", "\\-")


def paragraphs(text: str, between: str = ".PP") -> list[str]:
    """Click's help text as roff paragraphs (blank lines separate them, as in `--help`), with
    `between` (a paragraph request) between each two: roff fills adjacent lines as one."""
    parts = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip())]
    lines: list[str] = []
    for part in parts:
        if part:
            lines += [between, filled(prose(part))] if lines else [filled(prose(part))]
    return lines


def _blocks(epilog: str, headed: bool = True) -> Iterable[str]:
    """A command's epilog (`Examples:` and its indented lines, maybe `Exit codes: …`) as roff:
    a heading line (but the first, unless `headed`), then the indented lines as they are."""
    text = epilog.replace("\b", "").strip("\n")
    for index, block in enumerate(re.split(r"\n\s*\n", text)):
        lines = block.split("\n")
        head, body = lines[0].strip(), [line.strip() for line in lines[1:] if line.strip()]
        if index or headed:
            yield ".PP"
            yield filled(prose(head))
        if not body:
            continue
        yield ".RS 4" if index or headed else ".RS 0"
        yield ".nf"
        yield from (literal(line) for line in body)
        yield ".fi"
        yield ".RE"


def _option(param: click.Parameter, ctx: click.Context) -> list[str]:
    record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
    if record is None:  # hidden, or an argument (the usage line names those)
        return []
    names, help_text = record
    metavar = "" if getattr(param, "is_flag", False) else param.make_metavar(ctx)
    spelled = names.removesuffix(f" {metavar}") if metavar else names
    head = ", ".join(
        " / ".join(f"\\fB{literal(alternative)}\\fR" for alternative in name.split(" / "))
        for name in spelled.split(", ")
    )
    if metavar:
        head += f" \\fI{literal(metavar)}\\fR"
    return [".TP", head, *(paragraphs(help_text, between=".IP") or [""])]


def _usage(command: click.Command, ctx: click.Context) -> str:
    pieces = " ".join(command.collect_usage_pieces(ctx))
    return f"\\fB{literal(ctx.command_path)}\\fR {literal(pieces)}".rstrip()


def _section(name: str) -> str:
    return f".SH {name}"


def _table(rows: Iterable[tuple[str, str]], font: str = "B") -> list[str]:
    """Terms and their text; a term in bold (a name to type), or `font="I"` (a file's path, in
    italics as man-pages(7) sets them)."""
    lines = []
    for term, text in rows:
        lines += [".TP", f"\\f{font}{literal(term)}\\fR", filled(prose(text))]
    return lines


def page(cli: click.Group, version: str, date: str) -> str:
    """lastmile(1) in roff (man(7)), for the group `cli` and every command it has."""
    root = click.Context(cli, info_name="lastmile", **cli.context_settings)
    lines = [
        f'.TH LASTMILE 1 {date} "lastmile {literal(version)}" "User Commands"',
        _section("NAME"),
        f"lastmile \\- {escape(SUMMARY)}",
        _section("SYNOPSIS"),
        _usage(cli, root),
        _section("DESCRIPTION"),
    ]
    lines += paragraphs(cli.help or "")
    lines += [
        ".PP",
        "Each command is described below, as",
        "\\fBlastmile\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR shows it.",
        _section("OPTIONS"),
    ]
    for param in cli.get_params(root):
        lines += _option(param, root)
    lines.append(_section("COMMANDS"))
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        assert command is not None
        ctx = command.make_context(name, [], parent=root, resilient_parsing=True)
        lines += [f'.SS "{literal(name)}"', _usage(command, ctx)]
        described = paragraphs(command.help or "")
        lines += [".PP", *described] if described else []
        for param in command.get_params(ctx):
            lines += _option(param, ctx)
        lines += _blocks(command.epilog or "")
    lines.append(_section("EXAMPLES"))
    lines += _blocks(cli.epilog or "", headed=False)
    lines.append(_section("ENVIRONMENT"))
    lines += _table(ENVIRONMENT)
    lines.append(_section("FILES"))
    lines += _table(FILES, font="I")
    lines.append(_section("EXIT STATUS"))
    lines += _table(EXIT_STATUS)
    lines += [_section("SEE ALSO"), SEE_ALSO]
    return "\n".join(lines) + "\n"


def installed() -> str | None:
    """Where an installed lastmile's page is (the wheel's data goes beside its `bin/`, in the
    environment's or the user's data directory), or None: `lastmile paths` shows it, and
    `man PATH` reads it where `man lastmile` does not look (`uv tool install` links no pages)."""
    import os
    import site
    import sysconfig

    for base in (sysconfig.get_path("data"), site.getuserbase()):
        path = os.path.join(base, "share", "man", "man1", "lastmile.1")
        if os.path.isfile(path):
            return path
    return None
