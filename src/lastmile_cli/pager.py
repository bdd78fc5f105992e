"""The pager: the text through the user's pager on a terminal, as git runs it, with the signals
it needs handled (Ctrl-C is the pager's while it runs; an end of lastmile ends it too)."""

from __future__ import annotations

import os

from lastmile_cli.i18n import _, warning
from lastmile_cli.streams import write

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO, TextIO


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
        from lastmile_cli.errors import reason_of

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
