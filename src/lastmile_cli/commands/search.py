"""`lastmile search`: the passages that mention a word or phrase, in every language or some."""

from __future__ import annotations

from typing import Any

import click

from lastmile_cli.options import LANG_HELP, Command, complete_languages, output_options
from lastmile_cli.session import Session, run_session


@click.command(
    cls=Command,
    epilog="""\b
Examples:
  lastmile search turnout                 every language
  lastmile search "ultima milla" -l es    accents and case do not matter
  lastmile search marathon -l de -l it
  lastmile search turnout -f json | jq -r '.[].section'

Exit codes: 0 found, 1 nothing found (as grep), 2 usage error.""",
)
@click.argument("query")
@click.option(
    "--lang",
    "-l",
    "langs",
    multiple=True,
    metavar="LANG",
    shell_complete=complete_languages,
    help="Search only this language; repeatable (default: all). " + LANG_HELP.split(": ", 1)[1],
)
@output_options
def search(query: str, langs: tuple[str, ...], **options: Any) -> None:
    """Find the passages that mention QUERY: whole words or a phrase, any case, accents optional."""
    from lastmile_cli.search import search as find
    from lastmile_cli.views import SearchResult

    if not query.strip():
        raise click.BadParameter("the query is empty", param_hint="QUERY")

    def body(session: Session) -> None:
        chosen = (
            [session.named(lang) for lang in dict.fromkeys(langs)]
            if langs
            else session.catalog.languages()
        )
        hits = find(query, chosen)
        if not hits:
            session.flush_warnings()
            raise click.exceptions.Exit(1)
        session.show(SearchResult(query, tuple(hits)))

    run_session(body, options)
