"""Writing a file lastmile made, so that nothing half-written is ever left in its place.

The new bytes go to a temporary file beside the target (created exclusively, never through a
link), are flushed to the disk, and replace the target in one rename. A file that exists is
replaced only when asked (`overwrite`), keeping its permissions; a link's file is replaced, the
link kept. A failure leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import os


def write_file(path: str, data: bytes, overwrite: bool) -> None:
    """Write `data` to `path`; FileExistsError when it exists and `overwrite` is false."""
    target = os.path.realpath(path)
    try:
        mode = os.stat(target).st_mode & 0o7777
        exists = True
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode, exists = 0o666 & ~umask, False
    if exists and not overwrite:
        raise FileExistsError(path)
    directory = os.path.dirname(target)
    temporary = os.path.join(directory, f".{os.path.basename(target)}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if not exists and not overwrite:
            os.link(temporary, target)  # fails if the file appeared meanwhile: never replaced
            os.unlink(temporary)
        else:
            os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
