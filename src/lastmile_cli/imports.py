"""How lastmile's own modules are found and loaded: beside this file, first.

Every run imports twenty-odd of lastmile's modules, and Python's standard search asks each
finder on `sys.path` in turn, then stats, opens and checks each compiled file through a long
chain of calls: for a small module that costs more than running its code (BENCHMARKS.md). The
finder installed here answers for `lastmile_cli.*` alone, where the package is, and its loader
is Python's own (`SourceFileLoader`) with the common case first: when the compiled file in
`__pycache__` is current for its source (the header records the source's modification time
and size, as Python checks them), it is read in one go. Anything else (a stale, missing,
hash-checked or unreadable compiled file, an optimized or redirected `__pycache__`, a module
that is not a file) goes to Python's own machinery, untouched, which also writes the compiled
file as usual. The modules are the same modules either way: same code, file, spec and loader
class, so tracebacks, `inspect` and reloading behave as usual.

This module is imported by the console script before anything else of lastmile's; it imports
nothing that Python has not loaded already.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec, SourceFileLoader
    from types import CodeType

    def fix_co_filename(code: CodeType, path: str) -> None: ...
else:  # importlib's own classes, loaded with Python itself (importing importlib costs more)
    SourceFileLoader = sys.modules["_frozen_importlib_external"].SourceFileLoader
    ModuleSpec = type(__spec__)
    # What Python's loader does to compiled code: a package moved with its compiled files
    # (their code names the folder they were compiled in) names the source where it is now.
    fix_co_filename = sys.modules["_imp"]._fix_co_filename

PACKAGE = "lastmile_cli."
HERE = os.path.dirname(os.path.abspath(__file__))
MAGIC = sys.modules["_frozen_importlib_external"].MAGIC_NUMBER
TAG = sys.implementation.cache_tag


def current(header: bytes, stat: os.stat_result) -> bool:
    """Whether a compiled file's 16-byte header says it was compiled from this source, by
    this Python: the magic number, the timestamp kind of check (flags 0), then the source's
    modification time and size, each as 32 bits (what importlib's `_validate_timestamp_pyc`
    compares)."""
    return (
        header[:4] == MAGIC
        and header[4:8] == b"\0\0\0\0"
        and int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
        and int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF
    )


class Loader(SourceFileLoader):
    """Python's loader of a source file, reading a current compiled file directly."""

    def __init__(self, fullname: str, path: str, cached: str, stat: os.stat_result) -> None:
        super().__init__(fullname, path)
        self.compiled = cached
        self.stat = stat

    def get_code(self, fullname: str) -> CodeType | None:
        try:
            with open(self.compiled, "rb") as compiled:
                data = compiled.read()
        except OSError:
            return super().get_code(fullname)
        if len(data) > 16 and current(data, self.stat):
            import marshal  # (built in: no file to read)

            code = marshal.loads(memoryview(data)[16:])
            if type(code) is type(current.__code__):
                fix_co_filename(code, self.path)  # a moved package: where it is now
                return code
        return super().get_code(fullname)


class Finder:
    """A `sys.meta_path` finder for lastmile's own modules: a module is `NAME.py`, a package
    `NAME/__init__.py`, under this package's directory; nothing else is answered here."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: object = None
    ) -> ModuleSpec | None:
        if not name.startswith(PACKAGE):
            return None
        folder, _, base = os.path.join(HERE, *name[len(PACKAGE) :].split(".")).rpartition(os.sep)
        package = False
        try:
            source = os.path.join(folder, base + ".py")
            stat = os.stat(source)
        except OSError:
            folder, base, package = os.path.join(folder, base), "__init__", True
            source = os.path.join(folder, "__init__.py")
            try:
                stat = os.stat(source)
            except OSError:
                return None  # not ours to answer: Python's finders say what there is
        cached = os.path.join(folder, "__pycache__", f"{base}.{TAG}.pyc")
        spec = ModuleSpec(name, Loader(name, source, cached, stat), origin=source)
        spec.has_location = True
        spec.cached = cached
        if package:  # (ModuleSpec's is_package would only make it [] first)
            spec.submodule_search_locations = [folder]
        return spec


def install() -> bool:
    """Put the finder first on `sys.meta_path`, once; not when compiled files are found
    elsewhere than beside their sources (`-O`, PYTHONPYCACHEPREFIX, no cache tag)."""
    if Finder in sys.meta_path:
        return True
    if not TAG or sys.flags.optimize or sys.pycache_prefix is not None:
        return False
    sys.meta_path.insert(0, Finder)
    return True
