"""`lastmile sections`: the section ids, kinds and titles in the chosen language."""

from __future__ import annotations

from lastmile_cli.article_language import chosen
from lastmile_cli.content import Article
from lastmile_cli.i18n import _
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import SectionList


def sections(settings: Settings, article: Article) -> SectionList:
    """Every section in the chosen language (borrowed ones from English)."""
    from lastmile_cli.views import SectionList

    language = chosen(settings, article)
    return SectionList(article.document(language, article.outline().ids))


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "sections",
        help=_("List the sections: ids, kinds and titles in the chosen language."),
        epilog="\b\n" + _("Examples:\n  lastmile sections\n  lastmile sections -l es -f json"),
    )
    @parameters("sections")
    def callback(**params: Any) -> Call:
        return Call.of(sections, params)

    return callback
