"""Where output goes and how it looks, decided once at the edge and passed down as `Output`.

Colour: `--color` wins; else NO_COLOR (non-empty) turns it off, FORCE_COLOR (non-empty) turns it
on even in a pipe, TERM=dumb turns it off, and otherwise a terminal gets colour. The pager runs
only on a terminal, for output taller than the window, as git does.
"""

from __future__ import annotations

import io
import os

from lastmile_cli.i18n import _, warning
from lastmile_cli.model import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import BinaryIO, TextIO

    from _typeshed import ReadableBuffer

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
            return page(text, output.pager, output.encoding, stream)
        write(text, stream)
    except BrokenPipeError:
        raise ReaderGone() from None
    return []


def write(text: str, stream: TextIO) -> None:
    """All of `text`, or an OSError saying why not (see write_all)."""
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's StringIO)
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    write_all(descriptor, text.encode(stream.encoding or "utf-8", stream.errors or "strict"))


def write_all(descriptor: int, data: bytes) -> None:
    """Every byte of `data`, or an OSError saying why not (ENOSPC, EIO, EFBIG, EPIPE): a short
    write (a nearly full disk) is continued until the system says what is wrong, and a full
    non-blocking pipe is waited for. Python's own writers lose both: an unbuffered stdout
    (PYTHONUNBUFFERED) drops the rest of a short write, a buffered one what a non-blocking
    descriptor refuses."""
    view = memoryview(data)
    while view:
        try:
            written = os.write(descriptor, view)
        except BlockingIOError:
            import select

            select.select([], [descriptor], [])  # until the reader has made room
            continue
        if written <= 0:  # (no system does this for a non-empty write; never loop on it)
            import errno

            raise OSError(errno.EIO, os.strerror(errno.EIO))
        view = view[written:]


class Whole(io.RawIOBase):
    """A process stream's descriptor, written whole by write_all: what sys.stdout and
    sys.stderr are wrapped around while lastmile runs (whole_stream), so that Click's output
    and lastmile's messages are as complete as the article."""

    def __init__(self, descriptor: int) -> None:
        super().__init__()
        self.descriptor = descriptor

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.descriptor

    def isatty(self) -> bool:
        return os.isatty(self.descriptor)

    def write(self, data: ReadableBuffer) -> int:
        chunk = bytes(data)
        write_all(self.descriptor, chunk)
        return len(chunk)


def whole_stream(stream: TextIO) -> TextIO:
    """A text stream like `stream` (the interpreter's own stdout or stderr) whose every write
    is complete or an OSError, and which replaces what the encoding cannot carry; `stream`
    itself when it is not a real file."""
    try:
        descriptor = stream.fileno()
        stream.flush()
    except (OSError, ValueError):
        return stream
    return io.TextIOWrapper(
        Whole(descriptor),  # type: ignore[type-var]  # (a raw stream: typeshed wants buffered)
        encoding=stream.encoding or "utf-8",
        errors="replace",
        newline="\n",
        write_through=True,
    )


class _Ended(Exception):
    """lastmile was told to end (SIGTERM, SIGHUP) while the pager ran."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _end(number: int, frame: object) -> None:
    raise _Ended(number)


def page(text: str, command: str, encoding: str, stream: TextIO) -> list[str]:
    """Run the pager through the shell, as git does; write directly if it cannot run.

    Ctrl-C belongs to the pager (less uses it) while it runs: lastmile ignores SIGINT from just
    before the pager starts until it ends, and the pager's own process starts with the default
    handler (an ignored signal would be inherited, and a shell cannot take it back). SIGTERM or
    SIGHUP to lastmile ends the pager first, so it never outlives lastmile holding the terminal.
    The pager's stderr is held until it ends: a shell's "not found" (127) or "permission denied"
    (126) becomes one warning and the text is shown without the pager; anything else a pager
    says is passed on as it said it.
    """
    import contextlib  # (only when paging)
    import signal
    import subprocess
    import tempfile

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    stream.flush()
    try:
        said: BinaryIO | None = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finally)
    except OSError:  # nowhere to hold it: the pager's stderr is the terminal's, as before
        said = None
    ending = (signal.SIGTERM, signal.SIGHUP)
    previous = {n: signal.getsignal(n) for n in (signal.SIGINT, *ending)}
    process = None
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for number in ending:
            signal.signal(number, _end)
        process = subprocess.Popen(
            command,
            shell=True,
            stdin=subprocess.PIPE,
            stderr=said,
            env=env,
            preexec_fn=_default_signals,
        )
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(encoding, "replace"))
            process.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit before the end, as `q` in less does
        process.wait()
    except _Ended as ended:  # end the pager first, then lastmile, by the signal it was sent
        if process is not None and process.poll() is None:
            for pid in (*_descendants(process.pid), process.pid):  # the pager, then its shell
                with contextlib.suppress(OSError):
                    os.kill(pid, ended.number)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        signal.signal(ended.number, signal.SIG_DFL)
        os.kill(os.getpid(), ended.number)
        raise SystemExit(128 + ended.number) from None
    except OSError as error:  # no shell to start it with
        write(text, stream)
        from lastmile_cli.files import reason_of

        failed = _("the pager could not start ({reason}); showing the text")
        return [warning(failed.format(reason=reason_of(error)))]
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        message = ""
        if said is not None:
            said.seek(0)
            message = said.read(64 * 1024).decode(encoding, "replace")
            said.close()
    if process.returncode in (126, 127):  # the shell could not find or run it: show the text
        write(text, stream)
        status = _("exit status {code}").format(code=process.returncode)
        failed = _("the pager did not run ({reason}); showing the text without it")
        reason = " ".join(message.split()) or status
        return [warning(failed.format(reason=reason))]
    _say(message)
    return []


def _descendants(parent: int) -> list[int]:
    """The processes below `parent`, deepest first, from /proc (a shell may not exec its one
    command, so the pager is its child); none where there is no /proc."""
    children: dict[int, list[int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                fields = handle.read().rpartition(b")")[2].split()
        except OSError:  # ended meanwhile, or not ours to read
            continue
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(name))
    found: list[int] = []
    pending = list(children.get(parent, []))
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children.get(pid, []))
    return found[::-1]


def _say(message: str) -> None:
    """The pager's own words on stderr, after it ended."""
    import sys

    if message:
        try:
            sys.stderr.write(message)
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


def _default_signals() -> None:
    """In the pager's process, before it starts: Ctrl-C, SIGTERM and SIGHUP do what they do by
    default."""
    import signal

    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
