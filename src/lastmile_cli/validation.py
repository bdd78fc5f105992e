"""`lastmile validate`: the strict loader over files and directories, reporting every problem.

This is what translators run before sending a file: one `path:line:column: message` per problem,
the convention editors jump to. User files may be partial (a note) unless `strict` is asked for.
Directories are scanned as every command scans them (files.py), so what validate passes is what
the other commands load.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from lastmile_cli.files import LanguageFile, scan
from lastmile_cli.i18n import _
from lastmile_cli.loader import check_file
from lastmile_cli.model import Language
from lastmile_cli.problems import Problem, Severity
from lastmile_cli.views import Report


def files_in(path: str, bundled: bool = False) -> tuple[list[LanguageFile], list[Problem]]:
    """The files to check under `path` (or `path` itself), and problems with what is skipped."""
    if not os.path.isdir(path):
        return [LanguageFile(os.path.basename(path).removesuffix(".yaml"), path, bundled)], []
    found, skipped = scan(path)
    found = [LanguageFile(f.code, f.path, bundled) for f in found]
    return found, [Problem(s.path, 1, 1, s.reason, code="skipped-file") for s in skipped]


def check(
    files: Sequence[LanguageFile], strict: bool, english: Language | None = None
) -> list[Problem]:
    """Every problem of each file, named by its path; bundled files must be complete. A section
    whose text is still the English text is a note: it loads, but it is not translated yet."""
    problems: list[Problem] = []
    for file in files:
        language, found = check_file(
            file.path, file.path, complete=strict or file.bundled, source=file.source
        )
        problems.extend(found)
        if language is not None:
            for section_id in language.untranslated(english):
                message = _("section '{id}' is still the English text: not translated yet")
                problems.append(
                    Problem(
                        file.path,
                        0,
                        0,
                        message.format(id=section_id),
                        Severity.NOTE,
                        code="untranslated",
                    )
                )
    return problems


def validate_paths(paths: Sequence[str], strict: bool, english: Language | None = None) -> Report:
    """Check the files and directories the user named."""
    problems: list[Problem] = []
    files: list[LanguageFile] = []
    for path in paths:
        found, skipped = files_in(os.fspath(path))
        files += found
        problems += skipped
    return Report(len(files), (*problems, *check(files, strict, english)))


def validate_active(
    user_dirs: Sequence[str], bundled: str, strict: bool, english: Language | None = None
) -> Report:
    """Check everything lastmile would load: the user's directories, then the bundled files."""
    problems: list[Problem] = []
    files: list[LanguageFile] = []
    for directory in (*user_dirs, bundled):
        found, skipped = files_in(directory, bundled=directory == bundled)
        files += found
        problems += skipped
    return Report(len(files), (*problems, *check(files, strict, english)))
