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


class Severity(StrEnum):
    """An error makes a file unusable; a note (a partial file) does not."""

    ERROR = "error"
    NOTE = "note"


class Problem(Record):
    """One finding in a content file, located the way compilers and editors expect.

    Its path and message are stored as they will be echoed (`visible`): a file name or a key
    holding an escape sequence, a newline or a bidirectional override reaches no format raw.
    """

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __init__(
        self, path: str, line: int, column: int, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        super().__init__(visible(path), line, column, visible(message), severity)

    @property
    def where(self) -> str:
        """`path:line:column`, or just the path for a problem with the whole file."""
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path

    def __str__(self) -> str:
        label = "" if self.severity is Severity.ERROR else _("note: ")
        return f"{self.where}: {label}{self.message}"


def errors(problems: tuple[Problem, ...] | list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


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
        self, line: int, column: int, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        if severity is Severity.ERROR:
            self.errors += 1
        if self.full:
            self.dropped += 1
            return
        self.kept.append(Problem(self.display, line, column, message, severity))

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
            found.append(Problem(self.display, 0, 0, more))
        return found
