"""`lastmile sections`: the section ids, kinds and titles in the chosen language."""

from __future__ import annotations

from typing import Any

import click

from lastmile_cli.model import SECTION_IDS
from lastmile_cli.options import Command, common_options
from lastmile_cli.session import Session, run_session


@click.command(
    cls=Command, epilog="\b\nExamples:\n  lastmile sections\n  lastmile sections -l es -f json"
)
@common_options
def sections(**options: Any) -> None:
    """List the sections: ids, kinds and titles in the chosen language."""

    def body(session: Session) -> None:
        from lastmile_cli.views import Listing

        language = session.language()
        document = session.catalog.document(language, SECTION_IDS)
        rows = tuple((s.id, s.kind, s.title) for s in document.sections)
        records = tuple(
            dict[str, object](id=s.id, kind=s.kind, title=s.title) for s in document.sections
        )
        session.show(Listing(("id", "kind", "title"), rows, records))

    run_session(body, options)
