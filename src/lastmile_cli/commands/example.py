"""`lastmile example`: one of the four stories, found by any of its names, or the list of them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from lastmile_cli.content import Catalog
from lastmile_cli.i18n import _
from lastmile_cli.language_choice import chosen
from lastmile_cli.model import EXAMPLE_IDS, SECTION_IDS, Document
from lastmile_cli.options import Call, common_options, complete_examples
from lastmile_cli.settings import Settings

if TYPE_CHECKING:
    from lastmile_cli.views import ExampleList


def example(settings: Settings, catalog: Catalog, name: str | None) -> Document | ExampleList:
    """The example `name` (an id, or a title or alias in any language), or all four listed."""
    language = chosen(settings, catalog)
    if name is None:
        from lastmile_cli.views import ExampleList

        examples = [i for i in SECTION_IDS if i in EXAMPLE_IDS]
        return ExampleList(catalog.document(language, examples))
    from lastmile_cli.matching import section_ids

    return catalog.document(language, section_ids((name,), language, catalog, "example"))


@click.command(
    "example",
    help=_("Print one example (telecom, marathon, politics, car-sales), or list them."),
    epilog="\b\n"
    + _(
        "Examples:\n"
        "  lastmile example                  list the examples\n"
        "  lastmile example marathon\n"
        "  lastmile example maratón          names work in any language, accents optional\n"
        "  lastmile example Autoverkäufer -l it"
    ),
)
@click.argument("name", required=False, shell_complete=complete_examples)
@common_options
def command(**params: Any) -> Call:
    return Call.of(example, params)
