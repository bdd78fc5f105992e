"""What listings, search, compare and validate show: imported only when a command needs them.

The article itself (`model.py`) is all that `explain` and `example NAME` load.
"""

from __future__ import annotations

from lastmile_cli.model import Record


class Hit(Record):
    """One paragraph that matches a search; `spans` locate the matches within `snippet`."""

    language: str
    section: str
    paragraph_index: int
    paragraph: str
    snippet: str
    spans: tuple[tuple[int, int], ...]


class SearchResult(Record):
    """The hits for one query."""

    query: str
    hits: tuple[Hit, ...]


class ComparedSection(Record):
    """One section in two languages; None where a language lacks the title or paragraph."""

    id: str
    titles: tuple[str | None, str | None]
    pairs: tuple[tuple[str | None, str | None], ...]


class Comparison(Record):
    """Two languages, section by section."""

    languages: tuple[str, str]
    sections: tuple[ComparedSection, ...]


class Report(Record):
    """What `lastmile validate` found: every problem in every file it checked."""

    files: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


class Problem(Record):
    """One finding in a content file, located the way compilers and editors expect."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    @property
    def where(self) -> str:
        """`path:line:column`, or just the path for a problem with the whole file."""
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path

    def __str__(self) -> str:
        label = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.where}: {label}{self.message}"


class Listing(Record):
    """A table a command lists (sections, examples, languages), with its JSON records."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    records: tuple[dict[str, object], ...]
