"""`lastmile explain`: the whole article, or the chosen sections, in one language."""

from __future__ import annotations

from typing import Any

import click

from lastmile_cli.model import SECTION_IDS
from lastmile_cli.options import Command, common_options, section_option
from lastmile_cli.session import Session, run_session


@click.command(
    cls=Command,
    epilog="""\b
Examples:
  lastmile explain --lang de
  lastmile explain --section definition --section key-point
  lastmile explain -l fr --width 72 > article.txt
  lastmile explain -f markdown | pandoc -o article.html""",
)
@section_option
@common_options
def explain(sections: tuple[str, ...], **options: Any) -> None:
    """Print the whole article, or the chosen sections."""

    def body(session: Session) -> None:
        language = session.language()
        ids = session.section_ids(language, sections, None) if sections else list(SECTION_IDS)
        document = session.catalog.document(language, ids)
        session.note_borrowed(language, document.borrowed)
        session.show(document)

    run_session(body, options)
