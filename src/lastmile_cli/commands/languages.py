"""`lastmile languages`: every language available, and which one the environment selects and why."""

from __future__ import annotations

from typing import Any

import click

from lastmile_cli.model import SECTION_IDS
from lastmile_cli.options import Command, common_options
from lastmile_cli.session import Session, run_session
from lastmile_cli.textutil import visible


@click.command(
    cls=Command, epilog="\b\nExamples:\n  lastmile languages\n  LANG=fr_CA.UTF-8 lastmile languages"
)
@common_options
def languages(**options: Any) -> None:
    """List the languages, and which one your environment selects and why."""

    def body(session: Session) -> None:
        from lastmile_cli.views import Listing

        choice = session.choice()
        rows, records = [], []
        for language in session.catalog.languages():
            count = len(SECTION_IDS) - len(language.missing)
            selected = language.code == choice.code
            reason = choice.reason if selected else ""
            source = visible(language.source)
            rows.append(
                (
                    language.code,
                    language.name,
                    language.english_name,
                    f"{count}/{len(SECTION_IDS)}",
                    source,
                    reason,
                )
            )
            records.append(
                {
                    "code": language.code,
                    "name": language.name,
                    "english_name": language.english_name,
                    "sections": count,
                    "complete": count == len(SECTION_IDS),
                    "source": language.source,
                    "selected": selected,
                    "reason": reason or None,
                }
            )
        columns = ("code", "name", "english name", "sections", "source", "selected")
        session.show(Listing(columns, tuple(rows), tuple(records)))

    run_session(body, options)
