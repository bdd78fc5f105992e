"""`lastmile export LANG`: a language's article as a gettext catalog, for Poedit and the like."""

from __future__ import annotations

from lastmile_cli.article_language import named
from lastmile_cli.content import Article
from lastmile_cli.errors import UnknownName, WrongUsage
from lastmile_cli.i18n import _
from lastmile_cli.model import FALLBACK, is_tag
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Exported


def export(settings: Settings, article: Article, code: str) -> Exported:
    """The catalog of the language `code` (a code or a name), measured against the English this
    run reads; a language tag with no file yet gives an empty catalog to start from."""
    from lastmile_cli.po import export as catalog_text
    from lastmile_cli.views import Exported

    english = article.require(FALLBACK)
    try:
        language = named(code, article)
    except UnknownName:
        if not is_tag(code):
            raise
        language = None
    if language is not None and language.code == FALLBACK:
        raise WrongUsage(
            _(
                "English is what every catalog translates; export another language, or a new"
                " one such as: lastmile export pt-BR"
            )
        )
    notes: tuple[str, ...] = ()
    if language is None:
        said = _("{code} has no language file yet: every entry is empty, ready to translate")
        target, notes = code, (said.format(code=visible(code)),)
    else:
        target = language.code
    if settings.output.format == "json":  # the comments in English, as all JSON is: docs/json.md
        from lastmile_cli import i18n

        text = i18n.english(lambda: catalog_text(target, language, english))
    else:
        text = catalog_text(target, language, english)
    return Exported(target, text, notes)


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "export",
        help=_(
            "Print a language's article as a gettext catalog (PO) for a translator's tool:"
            " English msgids, the translation as msgstr, stale entries fuzzy."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile export pt-BR > pt_BR.po           a new language: an empty catalog\n"
            "  lastmile export de --data-dir . > de.po     your German, to review in Poedit\n"
            "  lastmile import pt_BR.po --output pt-BR.yaml\n"
            "  msgfmt --check --statistics pt_BR.po"
        ),
    )
    @parameters("export")
    def callback(**params: Any) -> Call:
        return Call.of(export, params)

    return callback
