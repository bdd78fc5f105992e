"""`lastmile search`: the passages that mention a word or phrase, in every language or some."""

from __future__ import annotations

from lastmile_cli.article_language import named
from lastmile_cli.content import Article
from lastmile_cli.i18n import _
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import SearchResult


def search(
    settings: Settings, article: Article, query: str, langs: tuple[str, ...]
) -> SearchResult:
    """One hit per matching paragraph, in the languages named (each once) or in all."""
    from lastmile_cli.passages import find
    from lastmile_cli.views import SearchResult

    if langs:
        chosen = {named(lang, article).code: None for lang in langs}
        languages = [article.require(code) for code in chosen]
    else:
        languages = article.available()
    return SearchResult(query, tuple(find(query, languages)))


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "search",
        help=_(
            "Find the passages that mention QUERY: whole words or a phrase, any case, accents optional."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile search turnout                 every language\n"
            '  lastmile search "ultima milla" -l es    accents and case do not matter\n'
            "  lastmile search marathon -l de -l it\n"
            "  lastmile search turnout -f json | jq -r '.hits[].section'\n"
            "\n"
            "Exit codes: 0 found, 1 nothing found (as grep), 2 usage error."
        ),
    )
    @parameters("search")
    def callback(**params: Any) -> Call:
        from lastmile_cli.passages import words

        if not words(params["query"]):  # (a hyphen is a space: "-" is empty as well)
            raise click.BadParameter(_("the query is empty"), param_hint="QUERY")
        return Call.of(search, params)

    return callback
