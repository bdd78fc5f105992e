"""`lastmile example`: one of the stories, found by any of its names, or the list of them."""

from __future__ import annotations

from lastmile_cli.article_language import another, chosen
from lastmile_cli.content import Article
from lastmile_cli.errors import WrongUsage
from lastmile_cli.i18n import _
from lastmile_cli.model import Document
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import ExampleList, Interlinear


def example(
    settings: Settings, article: Article, name: str | None, with_lang: str | None
) -> Document | ExampleList | Interlinear:
    """The example `name` (an id, or a title or alias in any language), or all of them listed; with
    `--with`, the example read sentence by sentence beside a second language."""
    language = chosen(settings, article)
    if name is None:
        if with_lang is not None:  # a list of titles has no sentences to read beside another
            raise WrongUsage(
                _(
                    "--with reads one example sentence by sentence; name it,"
                    " such as: lastmile example marathon --with {other}"
                ).format(other=another(language.code))
            )
        from lastmile_cli.views import ExampleList

        return ExampleList(article.document(language, article.outline().of_kind("example")))
    from lastmile_cli.matching import section_ids

    document = article.document(language, section_ids((name,), language, article, "example"))
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
        "example",
        help=_(
            "Print one example (telecom, marathon, politics, car-sales, or one of your own),"
            " or list them."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile example                  list the examples\n"
            "  lastmile example marathon\n"
            "  lastmile example maratón          names work in any language, accents optional\n"
            "  lastmile example Autoverkäufer -l it\n"
            "  lastmile example marathon -l de --with en"
        ),
    )
    @parameters("example")
    def callback(**params: Any) -> Call:
        return Call.of(example, params)

    return callback
