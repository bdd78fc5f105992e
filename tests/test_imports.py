"""How lastmile's own modules are found and loaded (imports.py), and how the console script ends
(entry._end): the same modules, the same output, the same exit codes as Python's own way."""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import marshal
import os
import py_compile
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lastmile_cli
from conftest import subprocess_env
from lastmile_cli import imports

PACKAGE_DIR = Path(lastmile_cli.__file__).parent


def own_modules() -> list[str]:
    """Every module and package of lastmile's, by its dotted name."""
    names = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(("lastmile_cli", *parts)))
    return [name for name in names if name != "lastmile_cli"]


@pytest.mark.parametrize("name", own_modules())
def test_the_finder_finds_what_python_finds(name: str) -> None:
    """For every module of ours: the same file, compiled file, kind and search path as
    Python's own path finder gives."""
    parent = importlib.import_module(name.rpartition(".")[0])
    standard = importlib.machinery.PathFinder.find_spec(name, parent.__path__)
    ours = imports.Finder.find_spec(name)
    assert standard is not None and ours is not None
    assert ours.name == standard.name
    assert ours.origin == standard.origin
    assert ours.cached == standard.cached
    assert ours.has_location and standard.has_location
    assert ours.submodule_search_locations == standard.submodule_search_locations
    assert isinstance(ours.loader, importlib.machinery.SourceFileLoader)


@pytest.mark.parametrize("name", own_modules())
def test_the_finder_s_loader_gives_what_python_s_gives(name: str) -> None:
    """For every module of ours, the loader the finder's spec holds is one for that module
    and file: the same code as Python's own loader gives, and the same source (what
    tracebacks, linecache and inspect ask the module's loader for)."""
    parent = importlib.import_module(name.rpartition(".")[0])
    standard = importlib.machinery.PathFinder.find_spec(name, parent.__path__)
    ours = imports.Finder.find_spec(name)
    assert standard is not None and ours is not None
    theirs, loader = standard.loader, ours.loader
    assert isinstance(theirs, importlib.machinery.SourceFileLoader)
    assert isinstance(loader, importlib.machinery.SourceFileLoader)
    assert (loader.name, loader.path) == (theirs.name, theirs.path)
    assert loader.get_filename(name) == theirs.get_filename(name)
    assert loader.get_source(name) == theirs.get_source(name)
    assert loader.get_code(name) == theirs.get_code(name)


@pytest.mark.parametrize("name", ["lastmile", "lastmile_cli", "click.core", "lastmile_clix.a"])
def test_the_finder_answers_for_lastmile_s_modules_only(name: str) -> None:
    assert imports.Finder.find_spec(name) is None


@pytest.mark.parametrize("name", ["lastmile_cli.nowhere", "lastmile_cli.render.nowhere"])
def test_a_module_that_is_not_there_is_left_to_python(name: str) -> None:
    assert imports.Finder.find_spec(name) is None
    with pytest.raises(ModuleNotFoundError):
        __import__(name)


def test_a_folder_without_init_is_not_a_package_of_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "loose").mkdir()
    (tmp_path / "loose" / "inside.py").write_text("x = 1\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    monkeypatch.setattr(imports, "HERE", str(tmp_path))
    assert imports.Finder.find_spec("lastmile_cli.loose") is None  # (a namespace: Python's)
    spec = imports.Finder.find_spec("lastmile_cli.pkg")
    assert spec is not None and spec.submodule_search_locations == [str(tmp_path / "pkg")]
    assert spec.origin == str(tmp_path / "pkg" / "__init__.py")


def module_file(tmp_path: Path, text: str) -> tuple[Path, Path]:
    source = tmp_path / "mod.py"
    source.write_text(text)
    cached = Path(importlib.util.cache_from_source(str(source)))
    return source, cached


def load(source: Path, cached: Path) -> object:
    loader = imports.Loader("mod", str(source), str(cached), os.stat(source))
    code = loader.get_code("mod")
    namespace: dict[str, object] = {}
    exec(code, namespace)
    return namespace["x"]


def test_a_current_compiled_file_is_what_is_run(tmp_path: Path) -> None:
    """The compiled file, not the source, when its header matches: so a compiled file that
    says something else (as no real one does) shows which was read."""
    source, cached = module_file(tmp_path, "x = 1\n")
    py_compile.compile(str(source), str(cached), doraise=True)
    header = cached.read_bytes()[:16]
    other = marshal.dumps(compile("x = 2\n", str(source), "exec"))
    cached.write_bytes(header + other)
    assert load(source, cached) == 2


def test_the_finder_s_loader_runs_a_current_compiled_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the finder gives reads a current compiled file itself: the spec's loader knows
    the source it was found by (a compiled file that says something else shows which ran)."""
    monkeypatch.setattr(imports, "HERE", str(tmp_path))
    source, cached = module_file(tmp_path, "x = 1\n")
    spec = imports.Finder.find_spec("lastmile_cli.mod")
    assert spec is not None and spec.loader is not None and spec.cached == str(cached)
    timestamp = py_compile.PycInvalidationMode.TIMESTAMP  # (whatever SOURCE_DATE_EPOCH says)
    py_compile.compile(str(source), str(cached), doraise=True, invalidation_mode=timestamp)
    other = marshal.dumps(compile("x = 2\n", str(source), "exec"))
    cached.write_bytes(cached.read_bytes()[:16] + other)
    namespace: dict[str, object] = {}
    exec(spec.loader.get_code("lastmile_cli.mod"), namespace)  # type: ignore[attr-defined]
    assert namespace["x"] == 2


def test_a_current_compiled_file_is_read_once_without_python_s_own_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The point of the loader: a current compiled file is run from the one read, never handed
    to Python's own chain of stats, reads and checks (which would run it all the same)."""
    source, cached = module_file(tmp_path, "x = 1\n")
    py_compile.compile(str(source), str(cached), doraise=True)
    handed: list[str] = []

    def python_s_own(self: object, fullname: str) -> None:
        handed.append(fullname)

    loader = imports.Loader("mod", str(source), str(cached), os.stat(source))
    monkeypatch.setattr(importlib.machinery.SourceFileLoader, "get_code", python_s_own)
    code = loader.get_code("mod")
    monkeypatch.undo()
    assert handed == []
    namespace: dict[str, object] = {}
    exec(code, namespace)
    assert namespace["x"] == 1


def standard(source: Path) -> object:
    """What Python's own loader makes of the same files: the value, or the error it raises."""
    try:
        code = importlib.machinery.SourceFileLoader("mod", str(source)).get_code("mod")
    except Exception as error:
        return type(error)
    namespace: dict[str, object] = {}
    exec(code, namespace)
    return namespace["x"]


@pytest.mark.parametrize(
    "change",
    ["touched", "same size, other time", "longer", "truncated", "hash-based", "not code"],
)
def test_anything_but_a_current_compiled_file_is_python_s_own_path(
    tmp_path: Path, change: str
) -> None:
    source, cached = module_file(tmp_path, "x = 1\n")
    py_compile.compile(str(source), str(cached), doraise=True)
    data = cached.read_bytes()
    stat = os.stat(source)
    if change == "touched":
        os.utime(source, (stat.st_atime, stat.st_mtime + 5))
    elif change == "same size, other time":
        source.write_text("x = 3\n")
        os.utime(source, (stat.st_atime, stat.st_mtime + 5))
    elif change == "longer":
        source.write_text("x = 3  \n")
        os.utime(source, (stat.st_atime, stat.st_mtime))
    elif change == "truncated":
        cached.write_bytes(data[:16])
    elif change == "hash-based":
        py_compile.compile(
            str(source),
            str(cached),
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH,
        )
    elif change == "not code":
        cached.write_bytes(data[:16] + marshal.dumps(7))
    expected = standard(source)
    assert expected == (3 if change in ("same size, other time", "longer") else 1) or (
        change in ("truncated", "not code") and issubclass(expected, Exception)  # type: ignore[arg-type]
    )
    try:
        got: object = load(source, cached)
    except Exception as error:  # a damaged compiled file: the error Python itself raises
        got = type(error)
    assert got == expected


def test_a_compiled_file_that_cannot_be_read_is_python_s_own_path(tmp_path: Path) -> None:
    source, cached = module_file(tmp_path, "x = 1\n")
    assert not cached.exists()
    assert load(source, cached) == 1


@given(
    mtime=st.integers(min_value=0, max_value=2**40),
    size=st.integers(min_value=0, max_value=2**40),
    other_mtime=st.integers(min_value=0, max_value=2**40),
    other_size=st.integers(min_value=0, max_value=2**40),
)
def test_current_is_python_s_timestamp_check(
    mtime: int, size: int, other_mtime: int, other_size: int
) -> None:
    """`current` accepts exactly the headers Python's own check accepts: the 32-bit time and
    size of the source, after Python's magic number and no flags."""
    header = (
        importlib.util.MAGIC_NUMBER
        + b"\0\0\0\0"
        + (mtime & 0xFFFFFFFF).to_bytes(4, "little")
        + (size & 0xFFFFFFFF).to_bytes(4, "little")
    )
    stat = os.stat_result((0o100644, 0, 0, 1, 0, 0, other_size, 0, other_mtime, 0))
    expected = (mtime - other_mtime) % 2**32 == 0 and (size - other_size) % 2**32 == 0
    assert imports.current(header, stat) == expected
    assert not imports.current(b"\0\0\0\0" + header[4:], stat)
    assert not imports.current(header[:4] + b"\1\0\0\0" + header[8:], stat)


@given(rest=st.binary(min_size=1, max_size=8))
def test_current_reads_the_header_of_a_whole_compiled_file(rest: bytes) -> None:
    """The loader passes `current` the whole file: the code after the 16-byte header is no
    part of the check."""
    header = importlib.util.MAGIC_NUMBER + b"\0\0\0\0" + (5).to_bytes(4, "little")
    header += (7).to_bytes(4, "little")
    stat = os.stat_result((0o100644, 0, 0, 1, 0, 0, 7, 0, 5, 0))
    assert imports.current(header + rest, stat)


def test_install_is_once_and_not_where_compiled_files_live_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = [finder for finder in sys.meta_path if finder is not imports.Finder]
    monkeypatch.setattr(sys, "meta_path", list(path))
    monkeypatch.setattr(sys, "pycache_prefix", "/somewhere")
    assert imports.install() is False and imports.Finder not in sys.meta_path
    monkeypatch.setattr(sys, "pycache_prefix", None)
    monkeypatch.setattr(imports, "TAG", None)
    assert imports.install() is False and imports.Finder not in sys.meta_path
    monkeypatch.setattr(imports, "TAG", sys.implementation.cache_tag)
    assert imports.install() is True and sys.meta_path[0] is imports.Finder
    assert imports.install() is True and sys.meta_path.count(imports.Finder) == 1


# -- in a real run --------------------------------------------------------------------------

LOADERS = """
import atexit, sys
def said():
    own = {n: type(m.__spec__.loader).__module__ + "." + type(m.__spec__.loader).__name__
           for n, m in sys.modules.items() if n.startswith("lastmile_cli.")}
    sys.stderr.write("\\n" + " ".join(f"{n}={l}" for n, l in sorted(own.items())))
atexit.register(said)
from lastmile_cli.entry import main
sys.argv = ["lastmile", *sys.argv[1:]]
main()
"""


def loaders(args: list[str], flags: list[str] = (), **env: str) -> dict[str, str]:  # type: ignore[assignment]
    result = subprocess.run(
        [sys.executable, *flags, "-c", LOADERS, *args],
        env=subprocess_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    pairs = result.stderr.splitlines()[-1].split()
    return dict(pair.split("=", 1) for pair in pairs)


@pytest.mark.slow
@pytest.mark.parametrize("args", [["explain", "--lang", "de"], ["--help"], ["search", "turnout"]])
def test_a_run_loads_every_module_of_ours_through_the_finder(args: list[str]) -> None:
    found = loaders(args)
    assert "lastmile_cli.shortcut" in found
    standard = {"lastmile_cli.entry", "lastmile_cli.exits", "lastmile_cli.imports"}  # (first)
    for name, loader in found.items():
        wanted = "_frozen_importlib_external.SourceFileLoader" if name in standard else None
        assert loader == (wanted or "lastmile_cli.imports.Loader"), name


@pytest.mark.slow
@pytest.mark.parametrize(("flags", "env"), [(["-O"], {}), ([], {"PYTHONPYCACHEPREFIX": "PREFIX"})])
def test_compiled_files_elsewhere_are_python_s_own_way(
    flags: list[str], env: dict[str, str], tmp_path: Path
) -> None:
    env = {k: v.replace("PREFIX", str(tmp_path)) for k, v in env.items()}
    found = loaders(["explain", "--lang", "de"], flags, **env)
    assert set(found.values()) == {"_frozen_importlib_external.SourceFileLoader"}


@pytest.mark.slow
def test_an_edited_module_is_run_as_edited(tmp_path: Path) -> None:
    """A copy of the package, compiled, then one module edited (same size and a later time,
    then longer): each run runs the source as it is now, and the compiled file is renewed."""
    copy = tmp_path / "lastmile_cli"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = subprocess_env(PYTHONPATH=str(tmp_path))
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", "from lastmile_cli.entry import main; main()", "sections"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    first = run()
    assert first.returncode == 0, first.stderr
    exits = copy / "exits.py"
    assert (copy / "__pycache__" / f"exits.{sys.implementation.cache_tag}.pyc").exists()
    text = exits.read_text(encoding="utf-8")
    stat = exits.stat()
    marked = text + "\nimport os as _os\n\n_os.write(2, b'A')\n"
    exits.write_text(marked, encoding="utf-8")
    os.utime(exits, (stat.st_atime, stat.st_mtime + 3))
    second = run()
    assert second.stdout == first.stdout and second.stderr == "A" + first.stderr
    same_size = marked.replace("b'A'", "b'B'")
    exits.write_text(same_size, encoding="utf-8")
    os.utime(exits, (stat.st_atime, stat.st_mtime + 6))
    assert run().stderr == "B" + first.stderr
    assert run().stderr == "B" + first.stderr  # (from the renewed compiled file)


# -- the end of a run -----------------------------------------------------------------------

# An object whose finalizer says so: Python's own exit runs it, the quick end does not.
TEARDOWN = """
import os, sys
class Witness:
    def __del__(self):
        os.write(2, b"<teardown>")
witness = Witness()
if sys.argv[1] == "atexit":
    import atexit
    atexit.register(lambda: None)
from lastmile_cli.entry import main
sys.argv = ["lastmile", *sys.argv[2:]]
main()
"""


def ended(
    how: str, args: list[str], stdout: object = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", TEARDOWN, how, *args],
        env=subprocess_env(),
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        timeout=120,
    )


FORMS = [
    ["explain", "--lang", "de"],
    ["example", "marathon", "-f", "json"],
    ["--version"],
    ["--help"],
    ["explain", "--lang", "xx"],
    ["explain", "--width", "0"],
    ["search", "turnout"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", FORMS, ids=" ".join)
def test_a_run_ends_without_python_s_teardown_and_says_the_same(args: list[str]) -> None:
    quick = ended("plain", args)
    full = ended("atexit", args)
    assert b"<teardown>" not in quick.stderr
    assert full.stderr.endswith(b"<teardown>")
    assert quick.stdout == full.stdout
    assert quick.stderr == full.stderr.removesuffix(b"<teardown>")
    assert quick.returncode == full.returncode


@pytest.mark.slow
@pytest.mark.parametrize("args", [["explain"], ["--help"], ["--version"]], ids=" ".join)
def test_a_full_disk_is_still_said_at_the_quick_end(args: list[str]) -> None:
    with open("/dev/full", "wb") as full_disk:
        quick = ended("plain", args, stdout=full_disk)
        slow = ended("atexit", args, stdout=full_disk)
    assert quick.returncode == slow.returncode == 1
    assert b"No space left on device" in quick.stderr or b"no space" in quick.stderr.lower()
    assert quick.stderr == slow.stderr.removesuffix(b"<teardown>")


# -- the cycle collector --------------------------------------------------------------------

COLLECTIONS = """
import gc, os, sys
# Every module the forms load, loaded first: compiling them (a fresh checkout, or
# PYTHONDONTWRITEBYTECODE) allocates more than a run does, and is not what is measured here.
import lastmile_cli.entry, lastmile_cli.shortcut, lastmile_cli.perform, lastmile_cli.content
import lastmile_cli.settings, lastmile_cli.render.text, lastmile_cli.mo, lastmile_cli.views
import lastmile_cli.commands.explain, lastmile_cli.commands.languages, lastmile_cli.progress
import lastmile_cli.commands.status, lastmile_cli.commands.search, lastmile_cli.passages
import lastmile_cli.article_language, lastmile_cli.render.rows, lastmile_cli.render.layout
passes = []
gc.callbacks.append(lambda phase, info: passes.append(info["generation"]) if phase == "start" else None)
import atexit
atexit.register(lambda: os.write(2, f"\\n{len(passes)} {gc.get_threshold()[0]}".encode()))
from lastmile_cli.entry import main
sys.argv = ["lastmile", *sys.argv[1:]]
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["explain", "--lang", "de"], ["languages"], ["status"], ["search", "turnout"]]
)
@pytest.mark.parametrize("lang", ["C.UTF-8", "de_DE.UTF-8"])
def test_a_common_run_makes_no_pass_of_the_cycle_collector(args: list[str], lang: str) -> None:
    """Once main runs, a pass every 50,000 net allocations: a common run's work (in English or
    in German, its modules loaded) makes none, so what it costs does not hang on where a
    threshold falls."""
    result = subprocess.run(
        [sys.executable, "-c", COLLECTIONS, *args],
        env=subprocess_env(LANG=lang),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    passes, threshold = result.stderr.splitlines()[-1].split()
    assert threshold == "50000"
    assert int(passes) == 0
