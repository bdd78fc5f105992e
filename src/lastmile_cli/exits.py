"""Every way a run ends, and the exit code it means: the one table. The README, the man page
(manpage.py) and docs/reliability.md show it, and tests/test_edge.py holds each to it. The edge
(entry.py, perform.py, cli.py) asks here.

Nothing is imported at the top: entry.py's first Ctrl-C handler reads INTERRUPTED before any
other module of lastmile's is loaded."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from lastmile_cli.errors import LastmileError

OK = 0
FAILED = 1
USAGE = 2
INTERRUPTED = 130
READER_GONE = 141

# (code, when) — in the order docs/reliability.md lists them.
TABLE = (
    (OK, "the command did what it was asked (`search` found something, `validate` no errors)"),
    (
        FAILED,
        "a runtime or content error, said in one line on stderr; `search` found nothing;"
        " `validate` or `fingerprint` found errors; a message stderr could not take",
    ),
    (
        USAGE,
        "a usage error: an unknown option, command, language, section or example; a bad value",
    ),
    (INTERRUPTED, "interrupted with Ctrl-C"),
    (
        READER_GONE,
        "the reader of stdout went away before lastmile finished (`lastmile explain | head -1`),"
        " as `cat` gives",
    ),
)


def of_error(error: LastmileError) -> int:
    """A lastmile error: a name or a choice that is not one is a usage error."""
    from lastmile_cli.errors import WrongUsage

    return USAGE if isinstance(error, WrongUsage) else FAILED


def of_view(view: object) -> int:
    """What a finished command's view means: nothing found (as grep) or errors found fail."""
    from lastmile_cli.model import Document

    if isinstance(view, Document):  # (the common case, without loading the other views)
        return OK
    from lastmile_cli.views import Recorded, Report, SearchResult

    if isinstance(view, SearchResult):
        return OK if view.hits else FAILED
    if isinstance(view, Report | Recorded):
        return FAILED if view.errors else OK
    return OK


def unsaid(code: int, lost: bool) -> int:
    """A run that would succeed fails when a message it had to say was lost (stderr full)."""
    return FAILED if code == OK and lost else code
