"""`lastmile compare`: two languages side by side, section by section, paragraph by paragraph or
sentence by sentence."""

from __future__ import annotations

from lastmile_cli.article_language import named
from lastmile_cli.content import Article
from lastmile_cli.errors import WrongUsage
from lastmile_cli.i18n import _
from lastmile_cli.perform import Call
from lastmile_cli.settings import Settings
from lastmile_cli.textutil import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    import click

    from lastmile_cli.views import Comparison


class SameLanguage(WrongUsage):
    """`compare de German`: one language named twice, a usage error (exit 2)."""

    def __init__(self, first: str, second: str, code: str) -> None:
        super().__init__(
            _(
                "'{first}' and '{second}' are both {code}; name two different languages,"
                " such as: lastmile compare de it"
            ).format(first=visible(first), second=visible(second), code=code)
        )


def compare(
    settings: Settings,
    article: Article,
    first: str,
    second: str,
    sections: tuple[str, ...],
    by: str,
) -> Comparison:
    """The two named languages paired up by paragraph or by sentence, for every section or the
    named ones."""
    from lastmile_cli.pairing import pair

    a, b = named(first, article), named(second, article)
    if a.code == b.code:  # one column would repeat the other: nothing to compare
        raise SameLanguage(first, second, a.code)
    prepared = None
    if by.lower() == "sentence":  # the bundled sentences, split and aligned at build time
        from lastmile_cli.prepared import load

        prepared = load(article.bundle)
    if not sections:
        return pair(a, b, article.outline().ids, by.lower(), prepared)
    from lastmile_cli.matching import section_ids

    return pair(a, b, section_ids(sections, a, article), by.lower(), prepared)


def command() -> click.Command:
    """The Click command (cli.py builds it when the command line asks for it)."""
    import click

    from lastmile_cli.options import parameters

    @click.command(
        "compare",
        help=_(
            "Show two languages side by side, section by section, paragraph by paragraph (or sentence by sentence).\n\nThe two languages are its arguments (codes, locales or names), so it takes no --lang; naming one language twice is a usage error."
        ),
        epilog="\b\n"
        + _(
            "Examples:\n"
            "  lastmile compare de it\n"
            "  lastmile compare en fr --section marathon\n"
            "  lastmile compare de en --by sentence\n"
            "  lastmile compare English Español -f markdown > side-by-side.md\n"
            "  lastmile compare de es -f json | jq '.sections[0].pairs'"
        ),
    )
    @parameters("compare")
    def callback(lang: str | None, **params: Any) -> Call:
        if lang is not None:
            raise click.UsageError(
                _(
                    "compare takes its two languages as arguments, not --lang,"
                    " such as: lastmile compare de it"
                )
            )
        return Call.of(compare, params)

    return callback
