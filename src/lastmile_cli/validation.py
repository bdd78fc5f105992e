"""`lastmile validate`: the strict loader over files and directories, reporting every problem.

This is what translators run before sending a file: one `path:line:column: message` per problem,
the convention editors jump to. User files may be partial (a note) unless `strict` is asked for;
a file that patches a language of another layer (a later data directory, or the bundled
article) may leave out what that layer has, and is told only what is wrong with it. Sections of
the user's own are placed as every command places them (outline.py), so an `after:` that names
no section, a cycle, or a kind that another file contradicts is an error at its line.
Directories are scanned as every command scans them (files.py), so what validate passes is what
the other commands load.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from lastmile_cli.bundle import Bundle
from lastmile_cli.content import merge
from lastmile_cli.files import LanguageFile, scan
from lastmile_cli.i18n import _, ngettext
from lastmile_cli.model import FALLBACK, Language
from lastmile_cli.problems import Problem, Severity
from lastmile_cli.views import Report

TYPE_CHECKING = False
if TYPE_CHECKING:  # the loader brings PyYAML: imported only when a file is read
    from lastmile_cli.schema import Known, Marks


class Checked:
    """One file as validate checked it: its language (None when it has errors), its problems
    and where its sections of the user's own state their kind and place."""

    def __init__(self, file: LanguageFile, language: Language | None, problems: list[Problem]):
        self.file = file
        self.language = language
        self.problems = problems
        self.marks: Marks = {}
        self.places: dict[str, tuple[int, int]] = {}  # where each section is, for notes


def files_in(path: str, bundled: bool = False) -> tuple[list[LanguageFile], list[Problem]]:
    """The files to check under `path` (or `path` itself), and problems with what is skipped."""
    if not os.path.isdir(path):
        return [LanguageFile(os.path.basename(path).removesuffix(".yaml"), path, bundled)], []
    found, skipped = scan(path)
    found = [LanguageFile(f.code, f.path, bundled) for f in found]
    return found, [Problem(s.path, 1, 1, s.reason, code="skipped-file") for s in skipped]


def check_one(file: LanguageFile, strict: bool, known: Known, patch: bool) -> Checked:
    """A file checked as the commands check it; bundled files must be complete."""
    from lastmile_cli.loader import check_file

    marks: Marks = {}
    places: dict[str, tuple[int, int]] = {}
    language, found = check_file(
        file.path,
        file.path,
        complete=strict or file.bundled,
        source=file.source,
        known=known,
        patch=patch,
        marks=marks,
        places=places,
    )
    checked = Checked(file, language, found)
    checked.marks = marks
    checked.places = places
    return checked


def placement(checked: Sequence[Checked], context: Sequence[Checked], known: Known) -> None:
    """The problems placing the user's own sections finds, added to the file that states
    them, at the line of its `after:` or `kind:` (`context`: other files placed with them)."""
    from lastmile_cli.outline import place

    assert known.outline is not None
    mine = {id(c): c for c in checked}
    everything = [*checked, *(c for c in context if id(c) not in mine)]
    by_path = {c.file.path: c for c in checked}
    read = [(c.file.code, c.file.path, c.language) for c in everything if c.language is not None]
    if not any(s.id not in known.outline for _c, _p, lang in read for s in lang.sections):
        return
    _outline, misplaced = place(known.outline, read)
    for problem in misplaced:
        target = by_path.get(problem.path)
        if target is None:
            continue
        line, column = target.marks.get(
            (problem.id, problem.key), target.marks.get((problem.id, "id"), (0, 0))
        )
        code = "misplaced-section" if problem.key == "after" else "conflicting-kind"
        target.problems.append(Problem(problem.path, line, column, problem.message, code=code))
    for one in checked:  # in file order; what has no line (a count of more) stays last
        one.problems.sort(key=lambda p: (p.line == 0, p.line, p.column))


def measure(checked: Sequence[Checked], english: Language | None, strict: bool) -> None:
    """Each loaded file's sections against `english` (see `measured`): a section still in
    English is a note, a stale one a note with the English as it is now (`strict`: an error),
    and a file whose translated sections record no fingerprint a note saying how to."""
    if english is None:
        return
    for one in checked:
        if one.language is not None and one.language.code != english.code:
            one.problems += measured(one.file.path, one.language, english, strict, one.places)


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
        found.append(
            Problem(path, 0, 0, message.format(id=section_id), Severity.NOTE, code="untranslated")
        )
    for section_id in state.ids(STALE):
        theirs = english.section(section_id)
        assert theirs is not None  # a state is measured against an English section
        line, column = places.get(section_id, (0, 0))
        message = _(
            "section '{id}' is stale: the English changed after it was translated; review it"
            " (then: lastmile fingerprint {path} --section {id}); the English now: {english}"
        ).format(id=section_id, path=path, english=said(theirs.title, theirs.paragraphs))
        severity = Severity.ERROR if strict else Severity.NOTE
        found.append(Problem(path, line, column, message, severity, code="stale"))
    unrecorded = state.unrecorded
    if unrecorded:
        message = ngettext(
            "{ids} records no fingerprint, so lastmile cannot tell when its English changes;"
            " record that it translates the English of now: lastmile fingerprint {path}",
            "{ids} record no fingerprint, so lastmile cannot tell when their English changes;"
            " record that they translate the English of now: lastmile fingerprint {path}",
            len(unrecorded),
        ).format(ids=", ".join(unrecorded), path=path)
        found.append(Problem(path, 0, 0, message, Severity.NOTE, code="no-fingerprints"))
    return found


def said(title: str, paragraphs: Sequence[str]) -> str:
    """A section's text on one line: "Title": first paragraph ¶ second paragraph."""
    text = " ¶ ".join(" ".join(p.split()) for p in paragraphs)
    return f"“{' '.join(title.split())}”: {text}"


def english_of(layers: Sequence[Checked], bundle: Bundle) -> Language | None:
    """English as a run with these files would show it: their en.yaml over the bundled one."""
    found = [c.language for c in layers if c.file.code == FALLBACK and c.language is not None]
    bundled = bundle.get(FALLBACK)
    if isinstance(bundled, Language):
        found.append(bundled)
    return merge(found, bundle.outline()) if found else None


def report(
    checked: Sequence[Checked], skipped: Sequence[Problem], built: Sequence[str] = ()
) -> Report:
    problems = [*skipped]
    for one in checked:
        problems += one.problems
    return Report(len(checked), tuple(problems), tuple(built))


def user_known(bundle: Bundle) -> Known:
    from lastmile_cli.schema import Known

    found = (bundle.get(code) for code in bundle.codes())
    return Known(bundle.outline(), [v for v in found if isinstance(v, Language)])


def active_files(user_dirs: Sequence[str]) -> tuple[list[LanguageFile], list[Problem]]:
    files: list[LanguageFile] = []
    skipped: list[Problem] = []
    for directory in user_dirs:
        found, problems = files_in(directory)
        files += found
        skipped += problems
    return files, skipped


def validate_paths(
    paths: Sequence[str], strict: bool, user_dirs: Sequence[str], bundle: Bundle
) -> Report:
    """Check the files and directories the user named. Each is a patch when its language has
    another layer (the bundled article, or a file in the data directories); its sections are
    placed among those of the data directories."""
    known = user_known(bundle)
    files: list[LanguageFile] = []
    skipped: list[Problem] = []
    for path in paths:
        found, problems = files_in(os.fspath(path))
        files += found
        skipped += problems
    active, _skipped = active_files(user_dirs)
    named = {os.path.realpath(f.path) for f in files}
    others = [f for f in active if os.path.realpath(f.path) not in named]
    layered = {f.code for f in others} | set(bundle.codes())
    checked = [check_one(f, strict, known, f.code in layered) for f in files]
    context = [
        check_one(f, strict, known, any(o.code == f.code for o in others[i + 1 :]))
        for i, f in enumerate(others)
    ]
    placement(checked, context, known)
    measure(checked, english_of([*checked, *context], bundle), strict)
    return report(checked, skipped)


def validate_active(user_dirs: Sequence[str], bundle: Bundle, strict: bool) -> Report:
    """Check everything lastmile would load: the user's directories, then the bundled article.

    The bundled files were checked by this same loader when the article was built (bundle.py),
    so they are not parsed again: each bundled language is measured as the article holds it
    against the English of this run (which a user's en.yaml may change), and a bundled file is
    read again, and reported in full at its lines, only when there is something to say about it
    (it does not load, or a section is stale, untranslated or without a fingerprint). The
    others are named in the report as checked when the article was built."""
    files, skipped = active_files(user_dirs)
    bundled_codes = set(bundle.codes())
    checked = []
    if files:
        known = user_known(bundle)
        for index, file in enumerate(files):
            later = bundled_codes | {f.code for f in files[index + 1 :]}
            checked.append(check_one(file, strict, known, file.code in later))
        placement(checked, (), known)
    english = english_of(checked, bundle)
    measure(checked, english, strict)
    again, built = [], []
    for code in bundle.codes():
        loaded = bundle.get(code)
        if isinstance(loaded, Language) and not (
            english is not None
            and code != english.code
            and measured(code, loaded, english, strict, {})
        ):
            built.append(code)
        else:
            again.append(code)
    if again:
        from lastmile_cli.schema import Known

        outline = bundle.outline()
        found, problems = files_in(bundle.yaml_dir, bundled=True)
        skipped += problems
        rechecked = []
        for file in found:  # as the build checks them: English sets the outline
            if file.code not in again:
                continue
            against = Known(None if file.code == FALLBACK else outline, bundled=True)
            rechecked.append(check_one(file, True, against, False))
        measure(rechecked, english, strict)
        checked += rechecked
    return report(checked, skipped, built)
