"""Where output goes and how it looks, decided once at the edge and passed down as `Output`.

Colour: `--color` wins; else NO_COLOR (non-empty) turns it off, FORCE_COLOR (non-empty) turns it
on even in a pipe, TERM=dumb turns it off, and otherwise a terminal gets colour. The pager runs
only on a terminal, for output taller than the window, as git does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from lastmile_cli.model import Record

MAX_TERMINAL_WIDTH = 100
MIN_TERMINAL_WIDTH = 20
PIPE_STYLED_WIDTH = 80
DEFAULT_PAGER = "less -FRX"


class ReaderGone(Exception):
    """The reader of stdout went away (EPIPE). Not an OSError, so Click does not swallow it."""


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


def pager_command(env: Mapping[str, str]) -> str | None:
    """LASTMILE_PAGER, else PAGER, else `less -FRX`; empty or `cat` means no pager."""
    command = env.get("LASTMILE_PAGER", env.get("PAGER", DEFAULT_PAGER)).strip()
    return None if command in ("", "cat") else command


def decide(
    fmt: str,
    color: str,
    width: int | None,
    pager: bool | None,
    env: Mapping[str, str],
    stream: TextIO,
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
        pager=pager_command(env) if is_tty and pager is not False else None,
        always_page=bool(pager),
        height=rows if rows > 0 else 24,
        encoding=getattr(stream, "encoding", None) or "utf-8",
    )


def emit(text: str, output: Output, stream: TextIO) -> None:
    """Write the rendered text, through the pager when it is taller than the window."""
    try:
        if output.pager and (output.always_page or text.count("\n") >= output.height):
            page(text, output.pager, output.encoding, stream)
        else:
            stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise ReaderGone() from None


def page(text: str, command: str, encoding: str, stream: TextIO) -> None:
    """Run the pager through the shell, as git does; write directly if it cannot start.

    Ctrl-C belongs to the pager (less uses it) while it runs: lastmile ignores SIGINT from just
    before the pager starts until it ends, and the pager's own process starts with the default
    handler (an ignored signal would be inherited, and a shell cannot take it back).
    """
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    stream.flush()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            process = subprocess.Popen(
                command, shell=True, stdin=subprocess.PIPE, env=env, preexec_fn=_default_sigint
            )
        except OSError:
            stream.write(text)
            return
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(encoding, "replace"))
            process.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit before the end, as `q` in less does
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    if process.returncode == 127:  # the shell could not find the pager: show the text anyway
        stream.write(text)


def _default_sigint() -> None:
    """In the pager's process, before it starts: Ctrl-C does what it does by default."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
