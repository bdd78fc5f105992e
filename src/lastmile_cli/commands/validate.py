"""`lastmile validate`: check language files, your own or named, and list every problem."""

from __future__ import annotations

from lastmile_cli import i18n
from lastmile_cli.content import Article
from lastmile_cli.i18n import _
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Report


def validate(settings: Settings, article: Article, paths: tuple[str, ...], strict: bool) -> Report:
    """Every problem in the named files and directories, or in all that lastmile would load."""
    from lastmile_cli.validation import validate_active, validate_paths

    def report() -> Report:
        if paths:
            return validate_paths(paths, strict, article.user_dirs, article.bundle)
        return validate_active(article.user_dirs, article.bundle, strict)

    if settings.output.format == "json":  # messages in English, as all JSON is: docs/json.md
        return i18n.english(report)
    return report()


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "validate",
        help=_(
            "Check language files (default: your own; the bundled ones were checked when"
            " built) and list every problem."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile validate                      all of yours that lastmile would load\n"
            "  lastmile validate pt.yaml              one file, before you send it\n"
            "  lastmile validate ~/my-languages/ --strict\n"
            "  lastmile validate -f json | jq .errors\n"
            "\n"
            "Exit codes: 0 no errors (notes are fine), 1 errors found, 2 usage error."
        ),
    )
    @parameters("validate")
    def callback(**params: Any) -> Call:
        return Call.of(validate, params)

    return callback
