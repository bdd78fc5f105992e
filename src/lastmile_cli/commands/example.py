"""`lastmile example`: one of the four stories, found by any of its names, or the list of them."""

from __future__ import annotations

from typing import Any

import click

from lastmile_cli.model import EXAMPLE_IDS, SECTION_IDS
from lastmile_cli.options import Command, common_options, complete_from
from lastmile_cli.session import Session, run_session


@click.command(
    cls=Command,
    epilog="""\b
Examples:
  lastmile example                  list the examples
  lastmile example marathon
  lastmile example maratón          names work in any language, accents optional
  lastmile example Autoverkäufer -l it""",
)
@click.argument("name", required=False, shell_complete=complete_from(sorted(EXAMPLE_IDS)))
@common_options
def example(name: str | None, **options: Any) -> None:
    """Print one example (telecom, marathon, politics, car-sales), or list them."""

    def body(session: Session) -> None:
        language = session.language()
        if name is None:
            from lastmile_cli.views import Listing

            ids = [i for i in SECTION_IDS if i in EXAMPLE_IDS]
            listed = session.catalog.document(language, ids)
            session.note_borrowed(language, listed.borrowed)
            examples = listed.sections
            session.show(
                Listing(
                    ("id", "title"),
                    tuple((s.id, s.title) for s in examples),
                    tuple(
                        {"id": s.id, "title": s.title, "aliases": list(s.aliases)} for s in examples
                    ),
                )
            )
            return
        ids = session.section_ids(language, (name,), "example")
        document = session.catalog.document(language, ids)
        session.note_borrowed(language, document.borrowed)
        session.show(document)

    run_session(body, options)
