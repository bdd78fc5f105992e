"""`lastmile compare`: two languages side by side, section by section, paragraph by paragraph."""

from __future__ import annotations

from typing import Any

import click

from lastmile_cli.model import SECTION_IDS
from lastmile_cli.options import Command, complete_languages, output_options, section_option
from lastmile_cli.session import Session, run_session


@click.command(
    cls=Command,
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
def compare(first: str, second: str, sections: tuple[str, ...], **options: Any) -> None:
    """Show two languages side by side, section by section, paragraph by paragraph."""
    from lastmile_cli.compare import compare as pair_up

    def body(session: Session) -> None:
        a, b = session.named(first), session.named(second)
        ids = session.section_ids(a, sections, None) if sections else list(SECTION_IDS)
        session.show(pair_up(a, b, ids))

    run_session(body, options)
