"""`lastmile languages`: every language available, and which one the environment selects and why."""

from __future__ import annotations

from lastmile_cli import i18n
from lastmile_cli.article_language import choose
from lastmile_cli.content import Article
from lastmile_cli.i18n import _, warning
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import LanguageList


def languages(settings: Settings, article: Article) -> LanguageList:
    """Every language that loads, and the one this run would show, with the reason."""
    from lastmile_cli.progress import progress
    from lastmile_cli.views import LanguageList

    available = tuple(article.available())
    choice = choose(settings, article)  # (a bad --lang is said in the interface's language)
    if settings.output.format == "json":  # the reason in English, as all JSON is: docs/json.md
        choice = i18n.english(lambda: choose(settings, article))
    total = len(article.outline())
    english = article.english()
    outline = article.outline()
    found = tuple(progress(lang, english, outline) for lang in available) if english else ()
    skipped = tuple(warning(f"{s.path}: {s.reason}") for s in article.skipped if not s.special)
    return LanguageList(available, choice, english, total, found, skipped)


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "languages",
        help=_("List the languages, and which one your environment selects and why."),
        epilog="\b\n" + _("Examples:\n  lastmile languages\n  LANG=fr_CA.UTF-8 lastmile languages"),
    )
    @parameters("languages")
    def callback(**params: Any) -> Call:
        return Call.of(languages, params)

    return callback
