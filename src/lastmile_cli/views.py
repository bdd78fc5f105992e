"""What search, compare and validate show: imported only by those commands and their renderers."""

from __future__ import annotations

from typing import NamedTuple

from lastmile_cli.errors import Problem


class Hit(NamedTuple):
    """One paragraph that matches a search; `spans` locate the matches within `snippet`."""

    language: str
    section: str
    paragraph_index: int
    paragraph: str
    snippet: str
    spans: tuple[tuple[int, int], ...]


class SearchResult(NamedTuple):
    """The hits for one query."""

    query: str
    hits: tuple[Hit, ...]


class ComparedSection(NamedTuple):
    """One section in two languages; None where a language lacks the title or paragraph."""

    id: str
    titles: tuple[str | None, str | None]
    pairs: tuple[tuple[str | None, str | None], ...]


class Comparison(NamedTuple):
    """Two languages, section by section."""

    languages: tuple[str, str]
    sections: tuple[ComparedSection, ...]


class Report(NamedTuple):
    """What `lastmile validate` found: every problem in every file it checked."""

    files: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")
