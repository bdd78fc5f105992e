"""What commands return, besides the article's own `Document`: data only, rendered by render/.

A command never makes rows, records or messages: each format's renderer does, from these
(render/__init__.py lists, for every format, the function for every view).
"""

from __future__ import annotations

from lastmile_cli.model import Document, Language, Record, Section

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.language_choice import Choice
    from lastmile_cli.problems import Problem
    from lastmile_cli.progress import Progress


class SectionList(Record):
    """`lastmile sections`: every section of a language, some possibly borrowed."""

    document: Document


class ExampleList(Record):
    """`lastmile example` without a name: every example, some possibly borrowed."""

    document: Document


class LanguageList(Record):
    """`lastmile languages`: every language that loads, and the one this run would choose."""

    languages: tuple[Language, ...]
    choice: Choice
    english: Language | None = None  # what "translated" is measured against
    total: int = 0  # the sections of the article, the user's own included
    progress: tuple[Progress, ...] = ()  # each language's, in the same order (none: no English)
    warnings: tuple[str, ...] = ()  # the files skipped for their names, for stderr


class Hit(Record):
    """One paragraph that matches a search; `spans` locate the matches within `snippet`."""

    code: str
    section: str
    paragraph: str
    snippet: str
    spans: tuple[tuple[int, int], ...]


class SearchResult(Record):
    """The hits for one query; none means exit status 1, as grep."""

    query: str
    hits: tuple[Hit, ...]


class ComparedSection(Record):
    """One section in two languages; None where a language lacks the title or paragraph."""

    id: str
    titles: tuple[str | None, str | None]
    pairs: tuple[tuple[str | None, str | None], ...]


class Comparison(Record):
    """Two languages, section by section."""

    codes: tuple[str, str]
    sections: tuple[ComparedSection, ...]
    names: tuple[str, str] = ("", "")  # native names, for the column heads on a terminal
    by: str = "paragraph"  # or "sentence": what the pairs hold
    headlines: tuple[str, str] = ("", "")  # each language's title of the article
    grouped: tuple[str, ...] = ()  # sections aligned in groups of sentences (a note says so)


class Interlinear(Record):
    """`explain --with`, `example NAME --with`: the document read sentence by sentence, each
    sentence followed by what answers it in a second language (None where nothing does)."""

    document: Document
    code: str  # the second language's
    name: str
    sentences: tuple[tuple[tuple[str, str | None], ...], ...]  # per section of the document
    grouped: tuple[str, ...] = ()  # sections aligned in groups of sentences (a note says so)


class Report(Record):
    """What `lastmile validate` found: every problem in every file it checked, and (with no
    path named) the bundled languages it did not read again, checked when the article was built."""

    files: int
    problems: tuple[Problem, ...]
    built: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        from lastmile_cli.problems import Severity

        return sum(1 for p in self.problems if p.severity is Severity.ERROR)


class Starter(Record):
    """`lastmile template`: a starter for the language `code`. `whole`: a file for a new
    language, with every section of the English it starts from; else the chosen `sections`
    (`new`: those started from nothing), as a file, or to paste `into` the user's own file."""

    code: str
    sections: tuple[Section, ...]
    header: Language | None = None  # a language no file has yet: the English, for its title
    whole: bool = True
    new: tuple[str, ...] = ()
    into: str = ""
    command: str = ""  # the command line that made it, for the file's first comment


class Place(Record):
    """One folder lastmile reads or writes: what it is for (`role`: bundled, data, cache), where
    it is, what put it there (an option, a variable, the package) and whether it is there."""

    role: str
    path: str  # "" for a folder that is off (an empty LASTMILE_CACHE_DIR)
    source: str
    exists: bool


class PathList(Record):
    """`lastmile paths`: every folder lastmile reads or writes, in the order it uses them."""

    places: tuple[Place, ...]


class Script(Record):
    """`lastmile completion`: the completion script for one shell."""

    shell: str
    text: str


class Stamped(Record):
    """What `lastmile fingerprint` did to one file: the sections given a fingerprint, those whose
    fingerprint it updated, or why it could not (`error`)."""

    path: str
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    error: str = ""


class Recorded(Record):
    """`lastmile fingerprint`: each file it was given, and what it recorded there."""

    files: tuple[Stamped, ...]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.files if f.error)


class Status(Record):
    """`lastmile status`: how far each language is, in sections and in words, like pocount."""

    languages: tuple[Progress, ...]


class Exported(Record):
    """`lastmile export`: a language's article as a gettext catalog (PO text)."""

    code: str
    text: str
    notes: tuple[str, ...] = ()


class Imported(Record):
    """`lastmile import`: the language file a catalog gives; `path` where it was written (empty:
    the file is the output), `notes` what the catalog left to say."""

    code: str
    text: str
    path: str = ""
    notes: tuple[str, ...] = ()
    progress: Progress | None = None


VIEWS = (
    Document,
    SectionList,
    ExampleList,
    LanguageList,
    SearchResult,
    Comparison,
    Interlinear,
    Report,
    Starter,
    Script,
    PathList,
    Recorded,
    Status,
    Exported,
    Imported,
)
