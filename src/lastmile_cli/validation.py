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
    return found, [Problem(s.path, 1, 1, s.reason) for s in skipped]


def check(
    files: Sequence[LanguageFile], strict: bool, english: Language | None = None
) -> list[Problem]:
    """Every problem of each file, named by its path; bundled files must be complete. Measured
    against `english`: a section whose text is still the English text is a note (it loads, but
    it is not translated yet); a stale one is a note with the English as it is now (`strict`:
    an error); a file whose translated sections record no fingerprint gets a note saying how to
    record them."""
    problems: list[Problem] = []
    for file in files:
        places: dict[str, tuple[int, int]] = {}
        language, found = check_file(
            file.path,
            file.path,
            complete=strict or file.bundled,
            source=file.source,
            places=places,
        )
        problems.extend(found)
        if language is not None and english is not None and language.code != english.code:
            problems += measured(file.path, language, english, strict, places)
    return problems


def measured(
    path: str,
    language: Language,
    english: Language,
    strict: bool,
    places: dict[str, tuple[int, int]],
) -> list[Problem]:
    """What a loaded file's sections are, against the English: the notes (and errors) of it."""
    from lastmile_cli.progress import STALE, UNTRANSLATED, progress

    found: list[Problem] = []
    state = progress(language, english)
    for section_id in state.ids(UNTRANSLATED):
        message = _("section '{id}' is still the English text: not translated yet")
        found.append(Problem(path, 0, 0, message.format(id=section_id), Severity.NOTE))
    for section_id in state.ids(STALE):
        theirs = english.section(section_id)
        assert theirs is not None  # a state is measured against an English section
        line, column = places.get(section_id, (0, 0))
        message = _(
            "section '{id}' is stale: the English changed after it was translated; review it"
            " (then: lastmile fingerprint {path} --section {id}); the English now: {english}"
        ).format(id=section_id, path=path, english=said(theirs.title, theirs.paragraphs))
        severity = Severity.ERROR if strict else Severity.NOTE
        found.append(Problem(path, line, column, message, severity))
    unrecorded = state.unrecorded
    if unrecorded:
        message = _(
            "{ids} record no fingerprint, so lastmile cannot tell when their English changes;"
            " record that they translate the English of now: lastmile fingerprint {path}"
        ).format(ids=", ".join(unrecorded), path=path)
        found.append(Problem(path, 0, 0, message, Severity.NOTE))
    return found


def said(title: str, paragraphs: Sequence[str]) -> str:
    """A section's text on one line: "Title": first paragraph ¶ second paragraph."""
    text = " ¶ ".join(" ".join(p.split()) for p in paragraphs)
    return f"“{' '.join(title.split())}”: {text}"


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
