"""`lastmile compare`: two languages side by side, section by section, paragraph by paragraph."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from lastmile_cli.content import Catalog
from lastmile_cli.language_choice import named
from lastmile_cli.model import SECTION_IDS
from lastmile_cli.options import Call, complete_languages, output_options, section_option
from lastmile_cli.settings import Settings

if TYPE_CHECKING:
    from lastmile_cli.views import Comparison


def compare(
    settings: Settings, catalog: Catalog, first: str, second: str, sections: tuple[str, ...]
) -> Comparison:
    """The two named languages paired up, for every section or the named ones."""
    from lastmile_cli.pairing import pair

    a, b = named(first, settings, catalog), named(second, settings, catalog)
    if not sections:
        return pair(a, b, SECTION_IDS)
    from lastmile_cli.matching import section_ids

    return pair(a, b, section_ids(sections, a, catalog))


@click.command(
    "compare",
    epilog="""\b
Examples:
  lastmile compare de it
  lastmile compare en fr --section marathon
  lastmile compare English Español -f markdown > side-by-side.md
  lastmile compare de es -f json | jq '.sections[0].pairs'""",
)
@click.argument("first", metavar="LANG", shell_complete=complete_languages)
@click.argument("second", metavar="LANG", shell_complete=complete_languages)
@section_option
@output_options
def command(**params: Any) -> Call:
    """Show two languages side by side, section by section, paragraph by paragraph."""
    return Call.of(compare, params)
