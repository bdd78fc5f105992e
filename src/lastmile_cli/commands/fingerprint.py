"""`lastmile fingerprint FILE...`: record in language files which English they translate."""

from __future__ import annotations

from lastmile_cli.content import Article
from lastmile_cli.errors import LastmileError, UnknownName
from lastmile_cli.i18n import _
from lastmile_cli.model import FALLBACK
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings
from lastmile_cli.textutil import closest, visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Recorded


def fingerprint(
    settings: Settings, article: Article, paths: tuple[str, ...], sections: tuple[str, ...]
) -> Recorded:
    """Each file with the English of now recorded for the sections named (by default, for every
    section that records nothing yet), measured against the English this run reads."""
    from lastmile_cli.stamp import stamp_file
    from lastmile_cli.views import Recorded, Stamped

    english = article.require(FALLBACK)
    ids = [s.id for s in english.sections]
    for wanted in sections:
        if wanted not in ids:
            hint = closest(wanted, ids)
            raise UnknownName("section", visible(wanted), ids, hint)
    done = []
    for path in paths:
        try:
            done.append(stamp_file(path, english, sections, article.known()))
        except LastmileError as error:
            done.append(Stamped(path, error=str(error)))
    return Recorded(tuple(done))


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "fingerprint",
        help=_(
            "Record in language files that their sections translate the English of now, so that"
            " lastmile can tell when the English changes (a stale section)."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile fingerprint pt.yaml                     every section without one\n"
            "  lastmile fingerprint pt.yaml --section marathon  after reviewing a stale section\n"
            "  lastmile validate pt.yaml                        what is stale, and the English now\n"
            "\n"
            "Exit codes: 0 recorded (or nothing to record), 1 a file could not be changed."
        ),
    )
    @parameters("fingerprint")
    def callback(**params: Any) -> Call:
        return Call.of(fingerprint, params)

    return callback
