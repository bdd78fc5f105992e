"""`lastmile template`: a starter file for a new language, for a translator to fill in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from lastmile_cli.content import Catalog
from lastmile_cli.errors import LastmileError, Misnamed
from lastmile_cli.i18n import _
from lastmile_cli.model import FALLBACK, Language, is_tag
from lastmile_cli.options import output_options
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings
from lastmile_cli.textutil import visible

if TYPE_CHECKING:
    from lastmile_cli.views import Starter


def template(settings: Settings, catalog: Catalog, code: str) -> Starter:
    """The starter file for `code` (a language tag, as the file's name will be)."""
    from lastmile_cli.views import Starter

    if not is_tag(code):
        raise Misnamed(
            _("'{value}' is not a language tag such as de, pt-BR or qaa").format(
                value=visible(code)
            )
        )
    english = catalog.bundle.get(FALLBACK)
    if not isinstance(english, Language):
        raise LastmileError(_("the bundled language files are missing; reinstall lastmile"))
    return Starter(code, english)


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""

    @click.command(
        "template",
        help=_(
            "Print a starter file for a new language: every key and section, with the English text"
            " to translate, and comments saying what to translate and what to keep."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile template pt-BR > pt-BR.yaml     start a Portuguese (Brazil) file\n"
            "  lastmile validate pt-BR.yaml             check it, and see what is left to translate\n"
            "  lastmile languages --data-dir .          its progress, as translated sections"
        ),
    )
    @click.argument("code", metavar="LANG")
    @output_options
    def callback(**params: Any) -> Call:
        return Call.of(template, params)

    return callback
