"""`lastmile validate`: the strict loader over files and directories, reporting every problem.

This is what translators run before sending a file: one `path:line:column: message` per problem,
the convention editors jump to. User files may be partial (a note) unless `strict` is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from lastmile_cli.content import LanguageFile, language_files
from lastmile_cli.loader import check_file
from lastmile_cli.model import is_tag
from lastmile_cli.views import Problem, Report


def files_in(path: Path) -> tuple[list[Path], list[Problem]]:
    """The files to check under `path`, and problems with names that lastmile would not load."""
    if not path.is_dir():
        return [path], []
    found, problems = [], []
    for name in sorted(os.listdir(path)):
        entry = path / name
        stem, dot, extension = name.rpartition(".")
        if extension == "yml" and dot:
            problems.append(
                Problem(
                    os.fspath(entry),
                    1,
                    1,
                    f"rename to {stem}.yaml: lastmile reads only .yaml files",
                )
            )
        elif extension == "yaml" and dot and not is_tag(stem):
            problems.append(
                Problem(
                    os.fspath(entry),
                    1,
                    1,
                    "the file name must be a language tag, such as pt-BR.yaml; lastmile skips this file",
                )
            )
        elif extension == "yaml" and dot:
            found.append(entry)
    return found, problems


def validate_paths(paths: Sequence[str | Path], strict: bool) -> Report:
    """Check the files and directories the user named."""
    problems: list[Problem] = []
    checked = 0
    for path in paths:
        files, naming = files_in(Path(path))
        problems.extend(naming)
        for file in files:
            checked += 1
            problems.extend(
                check_file(file, os.fspath(file), complete=strict, source=os.fspath(file))[1]
            )
    return Report(checked, tuple(problems))


def validate_active(user_dirs: Sequence[str], bundled: str, strict: bool) -> Report:
    """Check everything lastmile would load: the user's directories, then the bundled files."""
    problems: list[Problem] = []
    files: list[LanguageFile] = []
    for directory in user_dirs:
        problems.extend(files_in(Path(directory))[1])
        files.extend(language_files(directory, bundled=False))
    files.extend(language_files(bundled, bundled=True))
    for file in files:
        display = os.fspath(file.path)
        problems.extend(
            check_file(file.path, display, complete=strict or file.bundled, source=file.source)[1]
        )
    return Report(len(files), tuple(problems))
