"""`lastmile explain`: the whole article, or the chosen sections, in one language."""

from __future__ import annotations

from lastmile_cli.article_language import chosen
from lastmile_cli.content import Article
from lastmile_cli.i18n import _
from lastmile_cli.model import Document
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Interlinear


def explain(
    settings: Settings, article: Article, sections: tuple[str, ...], with_lang: str | None
) -> Document | Interlinear:
    """The article in the chosen language, or only the named sections, in article order; with
    `--with`, read sentence by sentence beside a second language."""
    language = chosen(settings, article)
    if sections:
        from lastmile_cli.matching import section_ids  # only when names are to be matched

        document = article.document(language, section_ids(sections, language, article))
    else:
        document = article.document(language, article.outline().ids)
    if with_lang is None:
        return document
    from lastmile_cli.article_language import second
    from lastmile_cli.pairing import interlinear
    from lastmile_cli.prepared import load  # the bundled sentences, split and aligned at build

    return interlinear(document, second(with_lang, language, article), load(article.bundle))


def command() -> click.Command:
    """The Click command, built when the command line asks for it: the shortcut for the
    common forms (shortcut.py) calls the function above without loading Click."""
    import click

    from lastmile_cli.options import parameters
    from lastmile_cli.perform import Call

    @click.command(
        "explain",
        help=_("Print the whole article, or the chosen sections."),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile explain --lang de\n"
            "  lastmile explain --section definition --section key-point\n"
            "  lastmile explain -l fr --width 72 > article.txt\n"
            "  lastmile explain --lang it --with en\n"
            "  lastmile explain --lang es -f html > es.html"
        ),
    )
    @parameters("explain")
    def callback(**params: Any) -> Call:
        return Call.of(explain, params)

    return callback
