"""A cache of checked user language files, so that a warm run needs neither PyYAML nor a parse.

The bundled article never comes from here (it is built into the package, see bundle.py). An
entry holds what checking one file gave (its language, or its problems, so a broken file is not
parsed again on every run either), keyed by the file's identity (path, device, inode, size,
mtime and ctime, from the descriptor the parse read), by the loader's own identity, by the
model's shape and by what the check depended on besides the file (the bundled article it was
checked against, and whether the file patched another layer). Safe by construction against another user on the machine:

- the directory is created 0700 and used only when it is owned by this user and writable by no
  one else (the rule of ssh and pip); otherwise caching is off for the run, and nothing is
  written. It is then pinned as a descriptor, so swapping it afterwards changes nothing;
- entries are opened with O_NOFOLLOW and O_NONBLOCK, must be regular files, and are size-checked
  before they are read; temporary files are created with O_EXCL and O_NOFOLLOW;
- every string of an entry passes the loader's unsafe-character rule before it is used
  (packed.py), and a checksum catches damage; any failure is silently a miss;
- entries for files that no longer exist are removed, and the directory holds at most
  MAX_ENTRIES entries and MAX_TOTAL bytes (the oldest go first).
"""

from __future__ import annotations

import os
import stat
import time

from lastmile_cli.files import MAX_BYTES, Identity, identity
from lastmile_cli.packed import (
    SHAPE,
    Corrupt,
    Loaded,
    Reader,
    code_identity,
    decode,
    encode,
    pack,
    unpack,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

    from lastmile_cli.model import Outline

MAGIC = "LMC4"
SUFFIX = ".lmc"
RACY_SECONDS = 3
MAX_ENTRY = 4 * MAX_BYTES  # a 1 MiB file's entry, with room for its problems
MAX_ENTRIES = 200
MAX_TOTAL = 32 * 1024 * 1024
_PRIME = (1 << 61) - 1
_HERE = os.path.dirname(os.path.abspath(__file__))
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def default_dir(env: Mapping[str, str]) -> str | None:
    """Where entries live: LASTMILE_CACHE_DIR (empty: no cache), else the XDG cache directory."""
    return location(env)[0]


def location(env: Mapping[str, str]) -> tuple[str | None, str]:
    """The cache directory (None: no cache) and the variable that places it."""
    if "LASTMILE_CACHE_DIR" in env:
        chosen = env["LASTMILE_CACHE_DIR"]
        return chosen or None, "LASTMILE_CACHE_DIR"
    base = env.get("XDG_CACHE_HOME") or ""
    if os.path.isabs(base):
        return os.path.join(base, "lastmile"), "XDG_CACHE_HOME"
    home = env.get("HOME") or ""
    if not os.path.isabs(home):
        return None, "HOME"
    return os.path.join(home, ".cache", "lastmile"), "HOME"


def checksum(data: bytes) -> int:
    """The bytes read as one number, modulo a 61-bit prime: any damage shorter than 61 bits shows.

    Not zlib.crc32: loading the zlib extension takes longer than this whole check (BENCHMARKS.md).
    """
    return int.from_bytes(data) % _PRIME


def safe_directory(descriptor: int) -> bool:
    """Owned by this user and writable by no one else: the rule ssh and pip apply (the
    descriptor was opened with O_DIRECTORY, so it is a directory)."""
    status = os.fstat(descriptor)
    return status.st_uid == os.geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class Cache:
    """Checked user files stored under one directory; a `None` directory means caching is off."""

    def __init__(self, directory: str | None) -> None:
        self.directory = directory
        self._descriptor: int | None = None
        self._code: str | None = None

    # -- the directory ---------------------------------------------------------------------

    def _dir(self, create: bool) -> int | None:
        """The directory pinned as a descriptor, or None when it is missing or not safe to use."""
        if self._descriptor is not None:
            return self._descriptor
        assert self.directory is not None  # get and put return before, when caching is off
        if create:
            import contextlib  # (only to write: not on a warm cache's path)

            with contextlib.suppress(OSError):  # it may exist: then it is checked below
                os.makedirs(self.directory, mode=0o700)
        try:
            descriptor = os.open(self.directory, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
        except OSError:
            return None
        if safe_directory(descriptor):
            self._descriptor = descriptor
            return descriptor
        self.directory = None  # off for this run: no read, no write
        os.close(descriptor)
        return None

    def close(self) -> None:
        descriptor = getattr(self, "_descriptor", None)  # None too if __init__ never finished
        if descriptor is not None:
            try:  # (contextlib.suppress would load contextlib on every warm run)  # noqa: SIM105
                os.close(descriptor)
            except OSError:
                pass
            self._descriptor = None

    # -- entries -----------------------------------------------------------------------------

    def _key(self, path: str, found: Identity, context: str) -> list[str]:
        if self._code is None:
            self._code = code_identity(_HERE)
        from lastmile_cli.i18n import language  # problems are stored as they read: in it

        code = f"{self._code}|{language()}|{context}"
        return [MAGIC, SHAPE, code, os.fsencode(path).hex(), ",".join(map(str, found))]

    @staticmethod
    def _name(path: str) -> str:
        """The entry's name: a digest of the path (which the entry's header also holds)."""
        return f"{checksum(os.fsencode(path)):016x}{SUFFIX}"

    def get(
        self,
        path: str,
        source: str,
        display: str,
        context: str = "",
        outline: Outline | None = None,
    ) -> Loaded | None:
        """What checking this file gave (in `context`, against the bundled `outline`), or None
        when there is no fresh, intact, safe entry."""
        if self.directory is None:
            return None
        try:
            found = identity(os.stat(path))
        except OSError:
            return None
        descriptor = self._dir(create=False)
        if descriptor is None:
            return None
        data = _read_entry(self._name(path), descriptor)
        if data is None:
            return None
        key = self._key(path, found, context)
        try:
            atoms = decode(data[8:])
            if checksum(data[8:]) != int.from_bytes(data[:8]) or atoms[:5] != key:
                return None
            reader = Reader(atoms, trusted=False)
            reader.position = len(key)
            value = unpack(reader, source, display, outline)
            return value if reader.done() else None
        except (Corrupt, ValueError, TypeError):
            return None

    def put(self, path: str, found: Identity | None, value: Loaded, context: str = "") -> None:
        """Store what checking the file gave, unless it is too new to be told apart from an edit."""
        import contextlib  # (only when the cache is used: not for the bundled article)

        if self.directory is None or found is None:  # no cache, or changed while it was read
            return
        if time.time_ns() - found[3] < RACY_SECONDS * 1_000_000_000:
            return
        atoms = self._key(path, found, context)
        pack(value, atoms)
        payload = encode(atoms)
        data = checksum(payload).to_bytes(8) + payload
        if len(data) > MAX_ENTRY:
            return
        descriptor = self._dir(create=True)
        if descriptor is None:
            return
        name = self._name(path)
        temporary = f".{name}.{os.getpid()}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
        try:
            handle = os.open(temporary, flags, 0o600, dir_fd=descriptor)
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, name, src_dir_fd=descriptor, dst_dir_fd=descriptor)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=descriptor)
            return
        prune(descriptor, keep=name)


def _read_entry(name: str, directory: int) -> bytes | None:
    """An entry's bytes: a regular file, not a link, of a sane size; else None."""
    flags = os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC
    try:
        descriptor = os.open(name, flags, dir_fd=directory)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or not 8 < status.st_size <= MAX_ENTRY:
            return None
        data = os.read(descriptor, status.st_size + 1)
        return data if len(data) == status.st_size else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _source_of(name: str, directory: int) -> str | None:
    """The path an entry was made from, read from its header; None when it is not ours."""
    data = _read_entry(name, directory)
    atoms = data[8:].split(b"\x00", 4) if data else []
    if len(atoms) < 5 or atoms[0] != MAGIC.encode() or atoms[1] != SHAPE.encode():
        return None
    try:
        return os.fsdecode(bytes.fromhex(atoms[3].decode("ascii")))
    except ValueError:
        return None


def prune(directory: int, keep: str) -> None:
    """Remove entries whose file is gone or that lastmile no longer reads, then the oldest
    beyond MAX_ENTRIES or MAX_TOTAL bytes. Runs only after a write, that is after a parse."""
    import contextlib  # (only when the cache is used: not for the bundled article)

    entries: list[tuple[int, int, str]] = []
    now = time.time()
    try:
        with os.scandir(directory) as listing:
            names = sorted((e.name, e.stat(follow_symlinks=False)) for e in listing)
    except OSError:
        return
    for name, status in names:
        if name.endswith(".tmp"):  # a run that died mid-write, an hour ago or more
            if now - status.st_mtime > 3600:
                with contextlib.suppress(OSError):
                    os.unlink(name, dir_fd=directory)
            continue
        if not name.endswith(SUFFIX) or name == keep:
            continue
        source = _source_of(name, directory)
        if source is None or not os.path.exists(source):
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=directory)
            continue
        entries.append((status.st_mtime_ns, status.st_size, name))
    entries.sort(reverse=True)  # newest first; the entry just written counts first of all
    total, count = 0, 1
    for _, size, name in entries:
        total, count = total + size, count + 1
        if count > MAX_ENTRIES or total > MAX_TOTAL:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=directory)
