"""`lastmile status [LANG...]`: how far each translation is, in sections and words, like pocount."""

from __future__ import annotations

from lastmile_cli.content import Article
from lastmile_cli.i18n import _
from lastmile_cli.model import FALLBACK
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Status


def status(settings: Settings, article: Article, codes: tuple[str, ...]) -> Status:
    """Each language named (by default every one but English), section by section of the English
    this run reads: translated, stale, untranslated or missing, with the English words of each."""
    from lastmile_cli.article_language import named
    from lastmile_cli.progress import progress
    from lastmile_cli.views import Status

    english = article.require(FALLBACK)
    if codes:
        found = (named(code, article) for code in codes)
        languages = list({language.code: language for language in found}.values())
    else:
        languages = [lang for lang in article.available() if lang.code != FALLBACK]
    outline = article.outline()
    return Status(tuple(progress(language, english, outline) for language in languages))


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "status",
        help=_(
            "Show how far each translation is: its sections and English words translated, stale"
            " (the English changed since), untranslated and missing."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile status                       every language but English\n"
            "  lastmile status pt-BR --data-dir .    one language of yours\n"
            "  lastmile status --format csv          for a spreadsheet, as pocount --csv\n"
            "  lastmile status -f json | jq '.languages[] | {code, words}'"
        ),
    )
    @parameters("status")
    def callback(**params: Any) -> Call:
        return Call.of(status, params)

    return callback
