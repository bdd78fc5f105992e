"""A cache of parsed language files, so that a warm run needs neither PyYAML nor a parse.

An entry is keyed by the file's identity (path, device, inode, size, mtime and ctime in
nanoseconds), by the loader module's own identity and by the model's field names, so an edited
file, an upgraded lastmile or a changed model never reads a stale entry. Files changed in the last few seconds are not cached at all: two edits
within one timestamp tick must not look alike. Entries are written atomically, checked with a
checksum before they are unmarshalled, and every failure to read or write one is silently a miss.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
from collections.abc import Mapping
from typing import Any

from lastmile_cli.model import Language, Section

MAGIC = b"LMC2"
RACY_SECONDS = 3
_PRIME = (1 << 61) - 1
_LOADER_FILE = os.path.join(os.path.dirname(__file__), "loader.py")
# Entries hold fields by position: the model's field names are part of every key.
_STORED = tuple(name for name in Language._names if name != "source")
_SHAPE = (Section._names, _STORED)
_TUPLES = frozenset(n for n, kind in Section.__annotations__.items() if kind.startswith("tuple"))


def default_dir(env: Mapping[str, str]) -> str | None:
    """Where entries live: LASTMILE_CACHE_DIR (empty: no cache), else the XDG cache directory."""
    if "LASTMILE_CACHE_DIR" in env:
        chosen = env["LASTMILE_CACHE_DIR"]
        return chosen or None
    base = env.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        home = env.get("HOME") or ""
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "lastmile")


def checksum(data: bytes) -> int:
    """The bytes read as one number, modulo a 61-bit prime: any damage shorter than 61 bits shows.

    Not zlib.crc32: loading the zlib extension takes longer than this whole check (BENCHMARKS.md).
    """
    return int.from_bytes(data, "big") % _PRIME


def _identity(stat: os.stat_result) -> tuple[int, ...]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


class Cache:
    """Parsed languages stored under one directory; `None` directory means caching is off."""

    def __init__(self, directory: str | None) -> None:
        self.directory = directory
        self._loader_key: tuple[int, ...] | None = None

    def _key(self, path: str) -> tuple[Any, ...] | None:
        try:
            if self._loader_key is None:
                self._loader_key = _identity(os.stat(_LOADER_FILE))
            return (path, _identity(os.stat(path)), self._loader_key, _SHAPE)
        except OSError:
            return None

    def _entry(self, path: str) -> str | None:
        if self.directory is None:
            return None
        digest = checksum(os.fsencode(path))
        stem = os.path.basename(path).removesuffix(".yaml")[:40]
        return os.path.join(self.directory, f"{digest:016x}-{stem}.lmc")

    def get(self, path: str, source: str) -> Language | None:
        """The cached language for this file, or None when absent, stale or unreadable."""
        entry = self._entry(path)
        key = self._key(path)
        if entry is None or key is None:
            return None
        try:
            with open(entry, "rb") as handle:
                data = handle.read()
            if data[:4] != MAGIC or checksum(data[12:]) != int.from_bytes(data[4:12], "big"):
                return None
            stored_key, record = marshal.loads(data[12:])
            if stored_key != key:
                return None
            return _language(record, source)
        except (OSError, ValueError, EOFError, TypeError, IndexError):
            return None

    def put(self, path: str, language: Language) -> None:
        """Store a freshly parsed language, unless the file is too new to be told apart."""
        entry = self._entry(path)
        key = self._key(path)
        if entry is None or key is None or self.directory is None:
            return
        if time.time_ns() - key[1][3] < RACY_SECONDS * 1_000_000_000:
            return
        payload = marshal.dumps((key, _record(language)))
        data = MAGIC + checksum(payload).to_bytes(8, "big") + payload
        temporary = f"{entry}.{os.getpid()}.tmp"
        try:
            os.makedirs(self.directory, mode=0o700, exist_ok=True)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, entry)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _record(language: Language) -> tuple[Any, ...]:
    """The language as plain tuples, its fields in the model's order (without `source`)."""
    sections = tuple(s._values() for s in language.sections)
    return tuple(sections if n == "sections" else getattr(language, n) for n in _STORED)


def _fits(name: str, value: object) -> bool:
    """Whether a stored section field holds what the model says: text, or a tuple of texts."""
    if name in _TUPLES:
        return isinstance(value, tuple) and all(isinstance(item, str) for item in value)
    return isinstance(value, str)


def _language(record: tuple[Any, ...], source: str) -> Language:
    fields = dict(zip(_STORED, record, strict=True))
    sections = tuple(Section(*values) for values in fields.pop("sections"))
    if not all(isinstance(value, str) for value in fields.values()) or not all(
        _fits(name, getattr(s, name)) for s in sections for name in Section._names
    ):
        raise TypeError("corrupt cache entry")
    return Language(**fields, sections=sections, source=source)
