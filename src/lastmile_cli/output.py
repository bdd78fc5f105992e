"""Where output goes and how it looks, decided once at the edge and passed down as `Output`.

Colour: `--color` wins; else NO_COLOR (non-empty) turns it off, FORCE_COLOR (non-empty) turns it
on even in a pipe, TERM=dumb turns it off, and otherwise a terminal gets colour. The pager runs
only on a terminal, for output taller than the window, as git does (pager.py runs it; the
writing itself, every byte or an error, is streams.py's).
"""

from __future__ import annotations

import os

from lastmile_cli.model import Record
from lastmile_cli.streams import ReaderGone, write

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO


MAX_TERMINAL_WIDTH = 100
MIN_TERMINAL_WIDTH = 20
PIPE_STYLED_WIDTH = 80
DEFAULT_PAGER = "less -FRX"


class Output(Record):
    """How one command's output is rendered and delivered."""

    format: str = "text"
    styled: bool = False
    color_system: str | None = None
    width: int | None = None
    pager: str | None = None
    always_page: bool = False
    height: int = 24
    encoding: str = "utf-8"


def wants_color(option: str, env: Mapping[str, str], is_tty: bool) -> bool:
    if option != "auto":
        return option == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return is_tty


def color_system(env: Mapping[str, str]) -> str:
    if env.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        return "truecolor"
    return "256" if "256" in env.get("TERM", "") else "standard"


def pager_command(env: Mapping[str, str], configured: str | None = None) -> str | None:
    """LASTMILE_PAGER, else the configuration file's pager, else PAGER, else `less -FRX`, as
    git ranks GIT_PAGER, core.pager and PAGER; empty or `cat` means no pager."""
    if "LASTMILE_PAGER" in env:
        command = env["LASTMILE_PAGER"]
    elif configured is not None:
        command = configured
    else:
        command = env.get("PAGER", DEFAULT_PAGER)
    command = command.strip()
    return None if command in ("", "cat") else command


def decide(
    fmt: str,
    color: str,
    width: int | None,
    pager: bool | None,
    env: Mapping[str, str],
    stream: TextIO,
    configured_pager: str | None = None,
) -> Output:
    """The single terminal-or-pipe decision for a command writing to `stream`."""
    try:
        is_tty = stream.isatty()
    except (ValueError, OSError):
        is_tty = False
    colored = wants_color(color, env, is_tty)
    styled = fmt == "text" and (is_tty or colored)
    columns, rows = 0, 24
    if is_tty:
        try:
            columns, rows = os.get_terminal_size(stream.fileno())
        except (OSError, ValueError):
            columns, rows = 0, 24
    if width is None and styled:
        usable = columns if columns > 0 else PIPE_STYLED_WIDTH
        width = max(MIN_TERMINAL_WIDTH, min(usable, MAX_TERMINAL_WIDTH))
    return Output(
        format=fmt,
        styled=styled,
        color_system=color_system(env) if colored else None,
        width=width,
        pager=pager_command(env, configured_pager) if is_tty and pager is not False else None,
        always_page=bool(pager),
        height=rows if rows > 0 else 24,
        encoding=getattr(stream, "encoding", None) or "utf-8",
    )


def emit(text: str, output: Output, stream: TextIO) -> list[str]:
    """Write the rendered text, through the pager when it is taller than the window; returns
    the warnings the edge prints (a pager that could not run)."""
    try:
        if output.pager and (output.always_page or text.count("\n") >= output.height):
            from lastmile_cli.pager import page  # (only a terminal pages)

            return page(text, output.pager, output.encoding, stream)
        write(text, stream)
    except BrokenPipeError:
        raise ReaderGone() from None
    return []
