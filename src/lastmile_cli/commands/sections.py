"""`lastmile sections`: the section ids, kinds and titles in the chosen language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from lastmile_cli.article_language import chosen
from lastmile_cli.content import Catalog
from lastmile_cli.i18n import _
from lastmile_cli.options import common_options
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

if TYPE_CHECKING:
    from lastmile_cli.views import SectionList


def sections(settings: Settings, catalog: Catalog) -> SectionList:
    """Every section in the chosen language (borrowed ones from English)."""
    from lastmile_cli.views import SectionList

    language = chosen(settings, catalog)
    return SectionList(catalog.document(language, catalog.outline().ids))


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""

    @click.command(
        "sections",
        help=_("List the sections: ids, kinds and titles in the chosen language."),
        epilog="\b\n" + _("Examples:\n  lastmile sections\n  lastmile sections -l es -f json"),
    )
    @common_options
    def callback(**params: Any) -> Call:
        return Call.of(sections, params)

    return callback
