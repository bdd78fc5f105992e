"""Language files on disk: which ones a directory holds, and reading one without being fooled.

Only regular files are read. A FIFO, a device, a socket or a link to one in a data directory is
skipped with a reason, never opened for reading in a way that could block. A file is opened
once, non-blocking; its size is checked on that descriptor before anything is read, and the
identity that keys the cache comes from the same descriptor, so a file replaced while it is read
is never mistaken for the new one.
"""

from __future__ import annotations

import os
import stat

from lastmile_cli.errors import reason_of
from lastmile_cli.i18n import N_, _
from lastmile_cli.model import Record, is_tag

MAX_BYTES = 1024 * 1024
Identity = tuple[int, int, int, int, int]


class LanguageFile(Record):
    """One file that provides a language; `display` is how messages name it."""

    code: str
    path: str
    bundled: bool

    @property
    def display(self) -> str:
        return f"data/{os.path.basename(self.path)}" if self.bundled else self.path

    @property
    def source(self) -> str:
        return "bundled" if self.bundled else self.path


class Skipped(Record):
    """A file in a data directory that lastmile does not read, and why; `special` when it is
    not a regular file (every command warns of those, as they may be a trap)."""

    path: str
    reason: str
    special: bool = False


class SourceError(Exception):
    """A language file that cannot be read; the message says why, without the path, and
    `code` names the kind for scripts (unreadable-file, not-a-file, too-large)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def identity(status: os.stat_result) -> Identity:
    """What tells one version of a file from another, even an edit that keeps size and mtime."""
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def kind_of_file(mode: int) -> str:
    """A file type as messages name it: "a FIFO", "a directory", …"""
    for test, name in (
        (stat.S_ISDIR, N_("a directory")),
        (stat.S_ISFIFO, N_("a FIFO")),
        (stat.S_ISCHR, N_("a character device")),
        (stat.S_ISBLK, N_("a block device")),
        (stat.S_ISSOCK, N_("a socket")),
    ):
        if test(mode):
            return _(name)
    return _("not a regular file")


def scan(directory: str) -> tuple[list[LanguageFile], list[Skipped]]:
    """The language files of one directory, sorted by name, and what it holds that lastmile skips.

    A `*.yaml` whose name is a language tag is a language file if it is a regular file (or a
    link to one); `*.yml` and `*.yaml` files not named for a language are skipped with a reason.
    """
    try:
        with os.scandir(directory) as entries:
            names = sorted((entry.name, entry) for entry in entries)
    except OSError as error:  # unreadable: said, never silently taken for an empty directory
        reason = _("cannot read this directory: {reason}; lastmile skips it").format(
            reason=reason_of(error)
        )
        return [], [Skipped(directory, reason, True)]
    found: list[LanguageFile] = []
    skipped: list[Skipped] = []
    for name, entry in names:
        stem, dot, extension = name.rpartition(".")
        if not dot or extension not in ("yaml", "yml"):
            continue
        path = os.path.join(directory, name)
        if extension == "yml":
            reason = _("rename to {name}: lastmile reads only .yaml files")
            skipped.append(Skipped(path, reason.format(name=f"{stem}.yaml")))
            continue
        if not is_tag(stem):
            reason = _(
                "the file name must be a language tag, such as pt-BR.yaml; lastmile skips this file"
            )
            skipped.append(Skipped(path, reason))
            continue
        try:
            regular = entry.is_file()
            mode = 0 if regular else entry.stat().st_mode
        except OSError:
            skipped.append(Skipped(path, _("is a broken link; lastmile skips it"), True))
            continue
        if regular:
            found.append(LanguageFile(stem, path, False))
        else:
            reason = _("is {kind}, not a regular file; lastmile skips it").format(
                kind=kind_of_file(mode)
            )
            skipped.append(Skipped(path, reason, True))
    return found, skipped


def read_source(
    path: str, limit: int = MAX_BYTES, too_large: str | None = None
) -> tuple[bytes, Identity | None]:
    """A regular file's bytes and the identity of what was read; SourceError otherwise.

    Opened non-blocking, so a FIFO or a terminal put in a file's place cannot hang the run.
    The identity is taken before and after reading: a file changed meanwhile raises nothing,
    but comes back with no identity, so what was read is never cached as any version of it.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC  # (both POSIX.1-2008)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        said = _("cannot read: {reason}").format(reason=reason_of(error))
        raise SourceError(said, "unreadable-file") from None
    try:
        before = os.fstat(descriptor)
        if stat.S_ISDIR(before.st_mode):
            raise SourceError(_("is a directory, not a language file"), "not-a-file")
        if not stat.S_ISREG(before.st_mode):
            kind = kind_of_file(before.st_mode)
            raise SourceError(_("is {kind}, not a regular file").format(kind=kind), "not-a-file")
        large = too_large or _("is larger than 1 MiB; a language file is a few kilobytes")
        if before.st_size > limit:
            raise SourceError(large, "too-large")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise SourceError(large, "too-large")
        after = os.fstat(descriptor)
    except OSError as error:
        said = _("cannot read: {reason}").format(reason=reason_of(error))
        raise SourceError(said, "unreadable-file") from None
    finally:
        os.close(descriptor)
    found = identity(before)
    unchanged = identity(after) == found and len(data) == before.st_size
    return data, found if unchanged else None
