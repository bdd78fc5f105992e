"""What is wrong with a language file: located problems, their severity, and one collector.

The loader's two parts (strict YAML, then the schema) record into one `Problems`, which keeps
the error count as problems arrive and stops keeping them after MAX_PROBLEMS (the rest are
only counted), so a hostile file costs time and memory linear in its size and no more.
"""

from __future__ import annotations

from enum import StrEnum

from lastmile_cli.i18n import _, ngettext
from lastmile_cli.model import Record
from lastmile_cli.textutil import visible

MAX_PROBLEMS = 200

# Every kind of problem, by the stable code `validate -f json` gives it (docs/json.md lists
# them): a script tests the code, never the message, which follows the locale elsewhere.
CODES = {
    "binary-file": "the file holds NUL bytes",
    "not-utf8": "the file is not UTF-8",
    "unsafe-character": "a control character, bidirectional control or noncharacter",
    "yaml-syntax": "YAML cannot read the file",
    "tab-indent": "a tab where YAML wants spaces",
    "second-document": "more than one YAML document",
    "yaml-alias": "a YAML alias (*name)",
    "yaml-anchor": "a YAML anchor (&name)",
    "yaml-tag": "a YAML tag (!!int, !!python/...)",
    "too-deep": "nesting deeper than a language file needs",
    "key-not-text": "a key that is a list or a mapping",
    "duplicate-key": "a key given twice",
    "empty-file": "the file is empty",
    "not-a-mapping": "the file, or a section, is not a mapping",
    "unknown-key": "a key lastmile does not know",
    "missing-key": "a required key is missing",
    "not-text": "a text that is empty, or not text",
    "line-break": "a tab or line break in a one-line text",
    "bad-language-tag": "language is not a language tag",
    "language-mismatch": "language differs from the file's name",
    "bad-origin": "title_origin or origin is neither seed nor added",
    "not-a-list": "sections, paragraphs or aliases is not a list (or is empty)",
    "unknown-section": "a section in a bundled file that data/en.yaml does not have",
    "bad-section-id": "a section id that is not lowercase letters, digits and hyphens",
    "misplaced-section": "a section of your own whose after: names no section, or makes a cycle",
    "conflicting-kind": "a section of your own whose kind differs from another file's",
    "new-section": "a section of your own whose id is close to the article's (a note)",
    "bad-fingerprint": "a fingerprint that is not 8 hexadecimal digits",
    "stale": "a section translated from an older English (a note, or an error with --strict)",
    "no-fingerprints": "a translation that records no fingerprints yet (a note)",
    "po-catalog": "a catalog given to lastmile import that cannot be read as the article's",
    "name-taken": "an id, title or alias of your own that names one of the article's sections",
    "wrong-kind": "a section's kind does not fit its id",
    "duplicate-section": "a section given twice",
    "section-order": "a section out of article order",
    "missing-sections": "sections the file lacks (a note, or an error with --strict)",
    "untranslated": "a section still in English (a note)",
    "unreadable-file": "the file cannot be read",
    "not-a-file": "a directory, FIFO, device or socket where a file belongs",
    "too-large": "the file is over 1 MiB",
    "skipped-file": "a file in a directory that lastmile skips, and why",
    "more-problems": "how many problems past the first 200 are not listed",
}


class Severity(StrEnum):
    """An error makes a file unusable; a note (a partial file) does not."""

    ERROR = "error"
    NOTE = "note"


class Problem(Record):
    """One finding in a content file, located the way compilers and editors expect.

    Its path and message are stored as they are, and shown as they are echoed (`visible`, in
    `where` and `shown`): a file name or a key holding an escape sequence, a newline or a
    bidirectional override reaches no text format raw, and JSON, which escapes them its own
    way, gives them back exactly.
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR
    code: str = ""  # stable, for scripts (`validate -f json`): unknown-key, tab-indent, …

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        severity: Severity = Severity.ERROR,
        code: str = "",
    ) -> None:
        super().__init__(path, line, column, message, severity, code)

    @property
    def where(self) -> str:
        """`path:line:column`, or just the path for a problem with the whole file, as echoed."""
        path = visible(self.path)
        return f"{path}:{self.line}:{self.column}" if self.line else path

    @property
    def shown(self) -> str:
        """The message as echoed."""
        return visible(self.message)

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else _("note: ")
        return f"{self.where}: {label}{self.shown}"


class Problems:
    """The problems of one file, as they are found."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.kept: list[Problem] = []
        self.errors = 0
        self.dropped = 0

    @property
    def full(self) -> bool:
        """Whether no more problems are kept (a message need not even be composed)."""
        return len(self.kept) >= MAX_PROBLEMS

    def add(
        self,
        line: int,
        column: int,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        code: str,
    ) -> None:
        """Record one problem; `code` names its kind for scripts, whatever the message's
        language (docs/json.md lists them)."""
        assert code in CODES, code
        if severity is Severity.ERROR:
            self.errors += 1
        if self.full:
            self.dropped += 1
            return
        self.kept.append(Problem(self.display, line, column, message, severity, code))

    def count(self, errors: int) -> None:
        """Errors found past the limit, counted without a message."""
        self.errors += errors
        self.dropped += errors

    def finish(self) -> list[Problem]:
        """The problems in file order, and one last line for those not kept."""
        found = sorted(self.kept, key=lambda p: (p.line, p.column))
        if self.dropped:
            more = ngettext(
                "{count} more problem not shown", "{count} more problems not shown", self.dropped
            ).format(count=self.dropped)
            found.append(Problem(self.display, 0, 0, more, code="more-problems"))
        return found
