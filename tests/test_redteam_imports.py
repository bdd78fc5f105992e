"""Red-team findings on the finder's loader (src/lastmile_cli/imports.py)."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import py_compile
import shutil
from pathlib import Path

from lastmile_cli import imports


def test_a_moved_package_s_compiled_code_names_the_file_where_it_is_now(tmp_path: Path) -> None:
    """A compiled file records the path its source had when it was compiled; a package moved or
    copied with its __pycache__ (a relocated virtual environment, `cp -a`, a container image
    built in one folder and run from another) keeps those old paths. Python's loader corrects
    them to the source it loads from (`_imp._fix_co_filename`), so tracebacks, warnings,
    `inspect` and coverage name the file that is there; the finder's loader must do the same."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "mod.py").write_text("def f():\n    return 1\n")
    py_compile.compile(str(first / "mod.py"), doraise=True)
    moved = tmp_path / "moved"
    shutil.copytree(first, moved)  # (copies modification times: the compiled file stays current)
    shutil.rmtree(first)
    source = moved / "mod.py"
    cached = Path(importlib.util.cache_from_source(str(source)))
    loader = imports.Loader("mod", str(source), str(cached), os.stat(source))
    code = loader.get_code("mod")
    python = importlib.machinery.SourceFileLoader("mod", str(source)).get_code("mod")
    assert code is not None and python is not None
    assert python.co_filename == str(source)
    assert code.co_filename == str(source)
    namespace: dict[str, object] = {}
    exec(code, namespace)
    function = namespace["f"]
    assert function.__code__.co_filename == str(source)  # type: ignore[attr-defined]
