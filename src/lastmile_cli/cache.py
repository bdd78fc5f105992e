"""A cache of checked user language files, so that a warm run needs neither PyYAML nor a parse.

The bundled article never comes from here (it is built into the package, see bundle.py). An
entry holds what checking one file gave (its language, or its problems, so a broken file is not
parsed again on every run either), keyed by the file's identity (path, device, inode, size,
mtime and ctime, from the descriptor the parse read), by the loader's own identity, by the
model's shape and by what the check depended on besides the file (the bundled article it was
checked against, and whether the file patched another layer). Safe by construction against another user on the machine:

- the directory (and each parent lastmile creates) is created 0700 whatever the umask, and
  used only when it is owned by this user, writable by no one else (the rule of ssh and pip)
  and not a symbolic link; otherwise caching is off for the run, with one warning, and nothing
  is written. It is then pinned as a descriptor, so swapping it afterwards changes nothing;
- entries are opened with O_NOFOLLOW and O_NONBLOCK, must be regular files, and are size-checked
  before they are read; temporary files are created with O_EXCL and O_NOFOLLOW;
- every string of an entry passes the loader's unsafe-character rule before it is used
  (packed.py), and a checksum catches damage; any failure is silently a miss;
- only lastmile's own files are ever removed (names it gives, holding its header).

Never slower than no cache, for any number of files: the directory holds up to MAX_ENTRIES
entries, and when it is full new files are parsed but not stored, so no run evicts what the
next one needs. Pruning (entries of deleted files, of other formats, unused for
UNUSED_SECONDS, then the least recently used beyond the caps) runs at most once every
PRUNE_SECONDS, in a run that stores an entry; no other write reads any entry.
"""

from __future__ import annotations

import os
import stat
import time

from lastmile_cli.files import MAX_BYTES, Identity, identity
from lastmile_cli.i18n import _, warning
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
MAX_ENTRIES = 20_000  # more than the user files of any run: a warm run finds them all
MAX_TOTAL = 256 * 1024 * 1024
HEADER_BYTES = 32 * 1024  # an entry's first atoms, its source path among them (8 KiB in hex)
PRUNE_SECONDS = 24 * 3600  # the whole directory is looked through at most this often
UNUSED_SECONDS = 30 * 24 * 3600  # an entry no run has read for this long goes
STAMP = ".lastmile-pruned"  # an empty file lastmile writes: its mtime is the last look through
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


def unsafe_directory(descriptor: int) -> str | None:
    """Why the directory may not hold the cache, or None: it must be owned by this user and
    writable by no one else, the rule ssh applies to ~/.ssh (the descriptor was opened with
    O_DIRECTORY, so it is a directory). The reason names the directory as {path}."""
    status = os.fstat(descriptor)
    if status.st_uid != os.geteuid():
        return _("the cache directory {path} belongs to another user")
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return _("others may write to the cache directory {path}")
    return None


def make_private(path: str) -> None:
    """Create the directory and whichever of its parents are missing, each 0700 whatever the
    umask. Each new directory is opened without following a link and must be this user's
    before anything is made inside it; a directory that exists is left as it is."""
    missing: list[str] = []
    head = path
    while not os.path.lexists(head):
        head, name = os.path.split(head)
        if not name:
            return
        missing.append(name)
    if not missing:
        return
    try:
        parent = os.open(head, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    except OSError:
        return
    try:
        for name in reversed(missing):
            try:
                os.mkdir(name, 0o700, dir_fd=parent)
                made = True
            except FileExistsError:  # made meanwhile (another lastmile): checked as it is
                made = False
            child = os.open(
                name, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=parent
            )
            os.close(parent)
            parent = child
            if made:
                if os.fstat(child).st_uid != os.geteuid():  # swapped for someone else's
                    return
                os.fchmod(child, 0o700)  # the umask may have taken bits away (0o200: unwritable)
    except OSError:
        return
    finally:
        os.close(parent)


class Cache:
    """Checked user files stored under one directory; a `None` directory means caching is off."""

    def __init__(self, directory: str | None) -> None:
        self.directory = directory
        self._descriptor: int | None = None
        self._code: str | None = None
        self.warnings: list[str] = []  # why the directory was refused, for the edge to print
        self._entries: int | None = None  # how many the directory holds, counted at a first put
        self._pruned = False  # looked through once this run (at most)

    # -- the directory ---------------------------------------------------------------------

    def _dir(self, create: bool) -> int | None:
        """The directory pinned as a descriptor, or None when it is missing or not safe to use."""
        if self._descriptor is not None:
            return self._descriptor
        assert self.directory is not None  # get and put return before, when caching is off
        path = os.path.abspath(self.directory)  # no trailing slash: O_NOFOLLOW sees the name
        if create:
            make_private(path)
        try:  # O_NOFOLLOW: a link in place of the directory itself is not followed, anywhere
            descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW | _CLOEXEC)
        except OSError:
            if os.path.islink(path):
                self._refuse(_("the cache directory {path} is a symbolic link"), path)
            return None  # missing (nothing cached yet), or not a directory: no cache
        problem = unsafe_directory(descriptor)
        if problem is None:
            self._descriptor = descriptor
            return descriptor
        os.close(descriptor)
        self._refuse(problem, path)
        return None

    def _refuse(self, problem: str, path: str) -> None:
        """Caching off for this run (no read, no write), with one warning naming the directory."""
        self.directory = None
        said = _("{problem}; lastmile works without the cache")
        self.warnings.append(warning(said.format(problem=problem.format(path=path))))

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
        name = self._name(path)
        read = _read_entry(name, descriptor)
        if read is None:
            return None
        data, modified = read
        key = self._key(path, found, context)
        try:
            atoms = decode(data[8:])
            if checksum(data[8:]) != int.from_bytes(data[:8]) or atoms[:5] != key:
                return None
            reader = Reader(atoms, trusted=False)
            reader.position = len(key)
            value = unpack(reader, source, display, outline)
            if not reader.done():
                return None
        except (Corrupt, ValueError, TypeError):
            return None
        if time.time() - modified > PRUNE_SECONDS:  # in use: once a day, its mtime says so
            try:  # (an entry's mtime is when a run last read it, for pruning)  # noqa: SIM105
                os.utime(name, dir_fd=descriptor, follow_symlinks=False)
            except (OSError, NotImplementedError):
                pass
        return value

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
        if not self._pruned:  # the first write of this run: look through, if not done today
            self._pruned = True
            prune_if_due(descriptor, keep=name)
        if self._entries is None:
            self._entries = _count(descriptor)
        try:
            os.stat(name, dir_fd=descriptor, follow_symlinks=False)
            new = False  # an older version of this file's entry: replaced, not added
        except OSError:
            new = True
        if new and self._entries >= MAX_ENTRIES:  # full: what is cached stays cached
            return
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
        self._entries += new


def _read_entry(name: str, directory: int, limit: int = MAX_ENTRY) -> tuple[bytes, float] | None:
    """An entry's bytes (at most `limit` of them) and its mtime: a regular file, not a link, of
    a sane size; else None."""
    flags = os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC
    try:
        descriptor = os.open(name, flags, dir_fd=directory)
    except OSError:
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or not 8 < status.st_size <= MAX_ENTRY:
            return None
        if limit < status.st_size:
            return os.read(descriptor, limit), status.st_mtime
        data = os.read(descriptor, status.st_size + 1)
        return (data, status.st_mtime) if len(data) == status.st_size else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _count(directory: int) -> int:
    """How many entries the directory holds, by their names (nothing is opened)."""
    try:
        return sum(1 for name in os.listdir(directory) if is_entry_name(name))
    except OSError:
        return MAX_ENTRIES  # cannot tell: write nothing new


_HEX = frozenset("0123456789abcdef")


def is_entry_name(name: str) -> bool:
    """Whether `name` is one lastmile gives an entry: 16 hex digits and SUFFIX (see _name)."""
    stem = name.removesuffix(SUFFIX)
    return len(stem) == 16 and stem != name and _HEX.issuperset(stem)


def is_temporary_name(name: str) -> bool:
    """Whether `name` is one lastmile gives a temporary file: `.ENTRY.PID.tmp` (see put)."""
    if not (name.startswith(".") and name.endswith(".tmp")):
        return False
    entry, _dot, pid = name[1:-4].rpartition(".")
    return is_entry_name(entry) and pid.isascii() and pid.isdigit()


def is_header(data: bytes) -> bool:
    """Whether `data` begins as lastmile writes an entry, in any of its formats: a checksum,
    then `LMC`, the format's number and a NUL."""
    return data[8:11] == b"LMC" and data[11:12].isdigit() and data[12:13] == b"\x00"


def _source_of(data: bytes) -> str | None:
    """The path an entry of the current format was made from; None for another format."""
    atoms = data[8:].split(b"\x00", 4)
    if len(atoms) < 5 or atoms[0] != MAGIC.encode() or atoms[1] != SHAPE.encode():
        return None
    try:
        return os.fsdecode(bytes.fromhex(atoms[3].decode("ascii")))
    except ValueError:
        return None


def _stale_temporary(name: str, directory: int, now: float) -> bool:
    """A temporary file of a run that died mid-write, an hour ago or more: a regular file,
    empty or begun as an entry is."""
    flags = os.O_RDONLY | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC
    try:
        descriptor = os.open(name, flags, dir_fd=directory)
    except OSError:
        return False
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or now - status.st_mtime <= 3600:
            return False
        return status.st_size == 0 or is_header(os.read(descriptor, 16))
    except OSError:
        return False
    finally:
        os.close(descriptor)


def prune_if_due(directory: int, keep: str) -> None:
    """Look through the directory (prune) when the last look was PRUNE_SECONDS ago or more,
    and note the time in STAMP. Only a run that writes an entry (that parsed a file) asks."""
    try:
        last = os.stat(STAMP, dir_fd=directory, follow_symlinks=False).st_mtime
    except OSError:
        last = 0.0
    if time.time() - last < PRUNE_SECONDS:
        return
    prune(directory, keep)
    flags = os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | _NOFOLLOW | _CLOEXEC  # (never a FIFO's wait)
    try:
        os.close(os.open(STAMP, flags, 0o600, dir_fd=directory))
        os.utime(STAMP, dir_fd=directory, follow_symlinks=False)
    except (OSError, NotImplementedError):
        pass


def prune(directory: int, keep: str) -> None:
    """Remove entries whose file is gone, that lastmile no longer reads, or that no run has
    read for UNUSED_SECONDS, then the least recently used beyond MAX_ENTRIES or MAX_TOTAL
    bytes, and temporary files of runs that died mid-write.

    Only lastmile's own files are ever removed: names it gives (is_entry_name,
    is_temporary_name) holding what it writes (is_header). Anything else in the directory,
    whatever its name, is left alone."""
    import contextlib  # (only when the cache is used: not for the bundled article)

    entries: list[tuple[int, int, str]] = []
    now = time.time()
    try:
        with os.scandir(directory) as listing:
            names = sorted((e.name, e.stat(follow_symlinks=False)) for e in listing)
    except OSError:
        return
    for name, status in names:
        if is_temporary_name(name):
            if _stale_temporary(name, directory, now):
                with contextlib.suppress(OSError):
                    os.unlink(name, dir_fd=directory)
            continue
        if not is_entry_name(name) or name == keep:
            continue
        read = _read_entry(name, directory, HEADER_BYTES)  # (a link is never read: not ours)
        if read is None or not is_header(read[0]):
            continue  # not lastmile's: left alone
        source = _source_of(read[0])
        unused = now - status.st_mtime > UNUSED_SECONDS
        if source is None or unused or not os.path.exists(source):
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=directory)
            continue
        entries.append((status.st_mtime_ns, status.st_size, name))
    entries.sort(reverse=True)  # most recently used first; the entry being written first of all
    total, count = 0, 1
    for _mtime, size, name in entries:
        total, count = total + size, count + 1
        if count > MAX_ENTRIES or total > MAX_TOTAL:
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=directory)
