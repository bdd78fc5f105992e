"""Checking one language file: strict YAML (strict_yaml.py), then the schema (schema.py).

Everything a translator can get wrong is reported as `path:line:column: message`, and every
problem is collected (not just the first, up to MAX_PROBLEMS) so that `lastmile validate` can
list them all.
"""

from __future__ import annotations

import os

from lastmile_cli.files import SourceError, read_source
from lastmile_cli.model import Language
from lastmile_cli.problems import Problem, Problems
from lastmile_cli.schema import Known, Marks, Schema
from lastmile_cli.strict_yaml import Stop, StrictYaml


def check_bytes(
    data: bytes,
    name: str,
    display: str,
    *,
    complete: bool,
    source: str,
    known: Known,
    patch: bool = False,
    marks: Marks | None = None,
    places: dict[str, tuple[int, int]] | None = None,
) -> tuple[Language | None, list[Problem]]:
    """Check one language file's bytes (`name` is its file name) against the bundled article
    (`known`: Bundle().known() for the installed one); the language is None when any error was found.
    Every problem is listed, up to MAX_PROBLEMS, in file order. `patch`: the language has
    another layer, which gives what this file leaves out. `marks` receives where each section
    of the user's own states its id, kind and place; `places`, where each section is (line,
    column), for notes about it."""
    problems = Problems(display)
    strict = StrictYaml(problems)
    schema = Schema(problems, name, known, patch, places)
    try:
        root = strict.parse(strict.read_text(data))
        language = schema.language(root, complete, source)
    except Stop:
        language = None
    if marks is not None:
        marks.update(schema.marks)
    return language, problems.finish()


def check_file(
    path: str | os.PathLike[str],
    display: str,
    *,
    complete: bool,
    source: str,
    known: Known,
    patch: bool = False,
    marks: Marks | None = None,
    places: dict[str, tuple[int, int]] | None = None,
) -> tuple[Language | None, list[Problem]]:
    """Read (a regular file of at most 1 MiB, files.py) and check one language file."""
    path = os.fspath(path)
    try:
        data, _ = read_source(path)
    except SourceError as error:
        return None, [Problem(display, 1, 1, str(error), code=error.code)]
    return check_bytes(
        data,
        os.path.basename(path),
        display,
        complete=complete,
        source=source,
        known=known,
        patch=patch,
        marks=marks,
        places=places,
    )
