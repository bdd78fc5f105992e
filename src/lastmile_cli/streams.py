"""Writing to stdout and stderr: every byte, or an OSError saying why not (a full disk, a
terminal gone, a reader gone), whatever the stream is and whatever its encoding cannot hold."""

from __future__ import annotations

import io
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

    from _typeshed import ReadableBuffer


class ReaderGone(Exception):
    """The reader of stdout went away (EPIPE). Not an OSError, so Click does not swallow it."""


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

    def __init__(self, descriptor: int, stdout: bool = False) -> None:
        super().__init__()
        self.descriptor = descriptor
        self.stdout = stdout

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.descriptor

    def isatty(self) -> bool:
        return os.isatty(self.descriptor)

    def write(self, data: ReadableBuffer) -> int:
        chunk = bytes(data)
        try:
            write_all(self.descriptor, chunk)
        except BrokenPipeError:
            if not self.stdout:
                raise
            # Not an OSError: Click would make a broken pipe in its own output (help,
            # --version) exit 1, where a reader gone is 141 (exits.READER_GONE) for the article.
            raise ReaderGone() from None
        return len(chunk)


def whole_stream(stream: TextIO, stdout: bool = False) -> TextIO:
    """A text stream like `stream` (the interpreter's own stdout or stderr) whose every write
    is complete or an OSError, and which replaces what the encoding cannot carry; `stream`
    itself when it is not a real file. On `stdout`, a reader gone is ReaderGone."""
    try:
        descriptor = stream.fileno()
        stream.flush()
    except (OSError, ValueError):
        return stream
    return io.TextIOWrapper(
        Whole(descriptor, stdout),  # type: ignore[type-var]  # (a raw stream: typeshed wants buffered)
        encoding=stream.encoding or "utf-8",
        errors="replace",
        newline="\n",
        write_through=True,
    )
